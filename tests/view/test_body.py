"""A diff's rows made a stretch of blocks at a time (for printing, two stretches side
by side) are the layout's rows, wherever the cut."""

from __future__ import annotations

import io
import pickle
import sys
from pathlib import Path

import pytest

from reader.core.compare import compare
from reader.core.loading import load_file
from reader.term import diff as term_diff
from reader.view.layout import Options
from reader.view.rows import Body, build_layout

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def _comparison(i: int, j: int):
    (a,), _ = load_file(SEEDS[i])
    (b,), _ = load_file(SEEDS[j])
    return compare(a, b)


@pytest.mark.parametrize("pair", [(0, 1), (1, 2), (2, 0)])
@pytest.mark.parametrize(
    ("width", "options"),
    [
        (80, Options(False, markers=True)),
        (150, Options(True, markers=False, typography=True)),
        (100, Options(True, markers=True, context=1)),
        (60, Options(False, markers=True, context=0)),
    ],
)
def test_every_cut_gives_the_layout_s_rows(pair, width: int, options: Options) -> None:
    comparison = _comparison(*pair)
    whole = build_layout(comparison, width, options).rows
    body = Body(comparison, width, options)
    end = len(body.blocks)
    assert list(body.rows(0, end)) == whole
    for cut in range(1, end):
        assert [*body.rows(0, cut), *body.rows(cut, end)] == whole


def test_the_middle_cuts_the_text_in_two() -> None:
    comparison = _comparison(1, 2)
    body = Body(comparison, 100, Options(True, markers=True))
    cut = body.middle(0)
    assert cut is not None and 0 < cut < len(body.blocks)
    text = [
        sum(len(op.a) + len(op.b) for gi in b.groups for op in comparison.groups[gi].ops) for b in body.blocks
    ]
    before, after = sum(text[:cut]), sum(text[cut:])
    assert before >= after and sum(text[: cut - 1]) < after + text[cut - 1]
    assert body.middle(sum(text) + 1) is None


def _printed(comparison, workers, **kwargs) -> str:
    out, real = io.StringIO(), sys.stdout
    sys.stdout = out
    try:
        term_diff.print_diff(comparison, workers=workers, **kwargs)
    finally:
        sys.stdout = real
    return out.getvalue()


@pytest.mark.parametrize(
    "kwargs",
    [{"color": "never"}, {"color": "never", "width": 150}, {"color": "always", "width": 120, "context": 1}],
)
def test_a_diff_printed_in_two_shares_is_the_diff_printed_whole(
    kwargs, monkeypatch: pytest.MonkeyPatch
) -> None:
    comparison = _comparison(2, 1)
    calls = []

    class Workers:
        @staticmethod
        def share(here, there):
            calls.append(1)
            return here(), pickle.loads(pickle.dumps(there()))

    whole = _printed(comparison, None, **kwargs)
    monkeypatch.setattr(term_diff, "SHARE_FROM", 0)
    assert _printed(comparison, Workers, **kwargs) == whole
    assert calls == [1]
    assert whole.count("\n") > 40
