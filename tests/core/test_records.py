"""reader.core.records builds the classes dataclasses would: each behaviour checked
against a dataclass declared the same way."""

from __future__ import annotations

import ast
import copy
import dataclasses
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core import fact_record, model, records
from reader.core.model import Article, Group, Op, Paragraph, WordCounts
from reader.core.records import field, record


def _pair(frozen: bool, slots: bool, order: bool = False):
    def declare(decorator, make_field):
        class Thing:
            name: str
            size: int = 3
            tags: tuple = make_field(default_factory=tuple)
            seen: int = make_field(compare=False, default=0)
            total: int = make_field(init=False, default=0)

            def __post_init__(self) -> None:
                object.__setattr__(self, "total", self.size * 2)

        return decorator(frozen=frozen, slots=slots, order=order)(Thing)

    return declare(record, field), declare(dataclasses.dataclass, dataclasses.field)


@pytest.mark.parametrize("frozen", [True, False])
@pytest.mark.parametrize("slots", [True, False])
def test_a_record_behaves_as_the_dataclass(frozen: bool, slots: bool) -> None:
    ours, theirs = _pair(frozen, slots)
    for args, kwargs in (((), {"name": "a"}), (("b", 5), {"seen": 9}), (("c",), {"tags": (1,)})):
        x, y = ours(*args, **kwargs), theirs(*args, **kwargs)
        assert repr(x).replace("_pair.<locals>.declare.<locals>.", "") == repr(y).replace(
            "_pair.<locals>.declare.<locals>.", ""
        )
        assert [getattr(x, n) for n in ("name", "size", "tags", "seen", "total")] == [
            getattr(y, n) for n in ("name", "size", "tags", "seen", "total")
        ]
        assert (x == ours(*args, **kwargs)) and (x != ours("other"))
        assert x == ours(*args, **{**kwargs, "seen": 42})  # compare=False
        assert x != y  # another class
        assert hasattr(x, "__dict__") == hasattr(y, "__dict__")
        if frozen:
            assert hash(x) == hash(ours(*args, **kwargs))
            with pytest.raises(AttributeError):
                x.size = 4
            with pytest.raises(AttributeError):
                del x.name
        else:
            assert type(x).__hash__ is None and type(y).__hash__ is None
            x.size = 7
            assert x.size == 7
        again = copy.copy(x)  # through __reduce_ex__, as pickle (a local class cannot be pickled)
        assert again == x and again.total == x.total and again.seen == x.seen
        assert copy.deepcopy(x) == x
    with pytest.raises(TypeError):
        ours()  # name is required
    with pytest.raises(TypeError):
        ours("a", total=3)  # not taken by __init__


def test_records_order_by_their_compared_fields() -> None:
    ours, theirs = _pair(frozen=False, slots=True, order=True)
    values = [("b", 2), ("a", 9), ("b", 1), ("a", 1)]
    assert [(t.name, t.size) for t in sorted(ours(*v) for v in values)] == [
        (t.name, t.size) for t in sorted(theirs(*v) for v in values)
    ]


def test_replace_makes_the_fields_not_taken_by_init_again() -> None:
    paragraph = Paragraph(0, "One two three.")
    longer = records.replace(paragraph, text="One two three four.")
    assert (paragraph.words, longer.words) == (3, 4)
    assert records.fields_of(Paragraph) == ("index", "text", "boilerplate", "words")
    with pytest.raises(TypeError):
        records.replace(paragraph, nonsense=1)


def test_the_core_values_keep_their_dataclass_behaviour() -> None:
    op = Op("equal", "a b", "a b")
    group = Group(a=(0,), b=(0,), kind="identical", similarity=1.0, ops=(op,))
    assert group.counts == WordCounts() and {group, group} == {group}
    assert hash(op) == hash(Op("equal", "a b", "a b"))
    paragraphs = (Paragraph(0, "Hi there."),)
    article = Article("x", __import__("pathlib").Path("x.txt"), "T", paragraphs)
    assert pickle.loads(pickle.dumps(article)) == article and article.words == 2
    assert "Paragraph(index=0, text='Hi there.', boilerplate=None, words=2)" in repr(article)


def test_field_names_do_not_meet_the_builders_own() -> None:
    @record(frozen=True, slots=True)
    class Named:
        x: int = 1
        default_x: int = 2
        factory_x: tuple = field(default_factory=tuple)
        MISSING: str = "m"

    assert (Named().x, Named().default_x, Named().factory_x, Named().MISSING) == (1, 2, (), "m")
    with pytest.raises(TypeError):

        @record()
        class Clash:
            _rec_set: int = 0


def _checked_literals(module) -> dict[str, tuple[str, ...]]:
    """The ``Literal[...]`` aliases a module defines for type checkers only (under
    ``if TYPE_CHECKING:``), as the values they allow."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Subscript):
            sub = node.value
            if isinstance(sub.value, ast.Name) and sub.value.id == "Literal":
                elts = sub.slice.elts if isinstance(sub.slice, ast.Tuple) else [sub.slice]
                found[node.targets[0].id] = tuple(ast.literal_eval(e) for e in elts)
    return found


def test_the_kinds_listed_at_run_time_are_those_type_checkers_see() -> None:
    assert _checked_literals(model)["GroupKind"] == model.GROUP_KINDS
    assert set(_checked_literals(model)["OpTag"]) == {"equal", "typography", "delete", "insert", "replace"}
    assert _checked_literals(fact_record)["FactKind"] == fact_record.FACT_KINDS


SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def test_a_comparison_imports_no_typing() -> None:
    # typing costs every command's start about 1.5 ms (a tenth of a short diff's run).
    code = (
        "import sys; from reader.cli import main; import io, contextlib;"
        "out = io.StringIO();"
        f"contextlib.redirect_stdout(out).__enter__(); main(['diff', {str(SEEDS[0])!r}, {str(SEEDS[1])!r}]);"
        "sys.stderr.write(str('typing' in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stderr == "False"
