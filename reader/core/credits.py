"""Credit facts: the agency's dateline and end credit dropped, added or replaced, and
what a copy did with its base's agency (each copy's credit in a story).

Split from ``facts`` for its size; ``facts`` still offers ``agencies_of`` and
``credit_kept`` to the modules that import them from there.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import patterns
from .datelines import canonical_agency, credit_agency
from .fact_record import Fact
from .model import Article

_AGENCY_SEPARATORS = patterns.compile(r"[/,&]| and ")


def credit_changes(
    a: Article, b: Article, partner_b: dict[int, int], partner_a: dict[int, int]
) -> Iterator[Fact]:
    """The agency's dateline and end credit: dropped, added, or naming another agency.
    A dateline dropped while the copy still credits that agency at its end is a credit
    changed in form (the agency is kept); desk initials ("fbe/ial") are no credit."""
    lead_a, lead_b = _lead_text(a.lead), _lead_text(b.lead)
    end_a = a.credit if a.credit and credit_agency(a.credit) else None
    end_b = b.credit if b.credit and credit_agency(b.credit) else None
    last_a, last_b = len(a.paragraphs) - 1, len(b.paragraphs) - 1
    if lead_a and not lead_b:
        if end_b and agencies_of(a) & agencies_of(b):
            yield Fact("credit", "changed", lead_a, end_b, a.start, last_b)  # the credit moved to the end
            end_b = None
        else:
            yield Fact("credit", "dropped", lead_a, None, a.start, partner_b.get(a.start))
    elif lead_b and not lead_a:
        if end_a and agencies_of(a) & agencies_of(b):
            yield Fact("credit", "changed", end_a, lead_b, last_a, b.start)
            end_a = None
        else:
            yield Fact("credit", "added", None, lead_b, partner_a.get(b.start), b.start)
    elif lead_a and lead_b and not _same_agency(a.agency, b.agency):
        yield Fact("credit", "changed", lead_a, lead_b, a.start, b.start)
    if end_a and not end_b and not agencies_of(a) & agencies_of(b):
        yield Fact("credit", "dropped", end_a, None, last_a, None)
    elif end_b and not end_a and not agencies_of(a) & agencies_of(b):
        yield Fact("credit", "added", None, end_b, None, last_b)
    elif end_a and end_b and not _same_agency(credit_agency(end_a), credit_agency(end_b)):
        yield Fact("credit", "changed", end_a, end_b, last_a, last_b)


def credit_kept(base: Article, copy: Article) -> str | None:
    """What a copy did with the base's agency credit: "kept" (it credits the agency, by
    dateline or end credit), "replaced" (it credits someone else), "dropped", or None
    when the base credits no agency."""
    mine = agencies_of(base)
    if not mine:
        return None
    theirs = agencies_of(copy)
    if mine & theirs:
        return "kept"
    return "replaced" if theirs else "dropped"


def _lead_text(lead: str | None) -> str | None:
    return lead.strip(" \u00a0-–—:|_.") or None if lead else None


def _same_agency(x: str | None, y: str | None) -> bool:
    return canonical_agency(x or "") == canonical_agency(y or "")


def agencies_of(article: Article) -> set[str]:
    """The agencies an article credits, by its dateline and its end credit, one name
    each ("AFP/Reuters" is two; "dpa/bb" is dpa; "Agence France-Presse" is afp)."""
    named = [article.agency or ""]
    if article.credit:
        named.append(credit_agency(article.credit) or "")
    parts = [part for name in named for part in _AGENCY_SEPARATORS.split(name) if part.strip()]
    return {canonical_agency(part) for part in parts}
