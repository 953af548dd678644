"""reader.core.records builds the classes dataclasses would: each behaviour checked
against a dataclass declared the same way."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from reader.core import records
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
