"""The record of one fact: what changed that matters in a comparison.

It stands apart from ``facts`` so that the modules finding each kind (``credits``,
``number_facts``) can make one while ``facts``, which calls them, imports them:
otherwise the two would import each other.
"""

from __future__ import annotations

from .records import record

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    from typing import Literal

    FactKind = Literal["credit", "number", "quote", "name"]
    FactChange = Literal["dropped", "added", "changed"]
else:
    FactKind = FactChange = str
FACT_KINDS: tuple[str, ...] = ("credit", "number", "quote", "name")


@record(frozen=True, slots=True)
class Fact:
    """One change that matters. ``a`` and ``b`` are the text on each side (None for
    dropped or added), with the paragraph each stands in (from 0)."""

    kind: FactKind
    change: FactChange
    a: str | None
    b: str | None
    a_paragraph: int | None
    b_paragraph: int | None
