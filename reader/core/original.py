"""Which of several versions of a story is most likely the original.

The original is the fullest version of the wire story: wire copy carries the
agency's credit (a dateline such as ``SEOUL (AFP) :`` or an end credit) that
republishers usually drop, and the original is rarely shorter than the copies,
which trim. But agencies also file short forms of a story (a bulletin, a radio
brief): a one-paragraph brief is never the original of a ten-paragraph version
carrying the same credit. So: credited versions first; among them the full ones
(at least FULL_SHARE of the longest credited one); among those the earliest when
every version is dated, then those that name no other outlet (a copy saying "A
Message from The Daily X" is X's, even when an added word makes it the longest),
then the longest.
"""

from __future__ import annotations

from collections.abc import Sequence

from .records import record

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    from typing import Protocol
else:
    Protocol = object

# A version with at least this share of the longest credited version's words is full.
FULL_SHARE = 0.5


class Version(Protocol):
    """What the choice reads of an article (an index row has the same fields)."""

    agency: str | None
    date: str | None
    words: int
    outlet: str | None


def _timestamp(date: str | None) -> float:
    if not date:
        return float("inf")
    from datetime import datetime  # only for dated copies: a plain diff does not pay its import

    text = date.strip().replace("Z", "+00:00")
    for candidate in (text, text[:19], text[:10]):
        try:
            moment = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return moment.timestamp() if moment.tzinfo else moment.replace(tzinfo=None).timestamp()
    return float("inf")


def _dates_comparable(versions: Sequence[Version]) -> bool:
    # An unknown date is not a late one: an undated original must not lose to a dated copy,
    # so dates decide only when every version has one.
    return all(_timestamp(v.date) != float("inf") for v in versions)


def _fullest(versions: Sequence[Version]) -> int:
    credited = [v.words for v in versions if v.agency]
    return max(credited or [v.words for v in versions] or [0])


def republished(version: Version) -> bool:
    """Whether a version names an outlet other than its agency ("The Moscow Times" for an
    AFP story; "afp.com" or "AFP" is the agency's own)."""
    if not version.outlet:
        return False
    if not version.agency:
        return True
    squeeze = "".join(ch for ch in version.outlet.casefold() if ch.isalnum())
    return "".join(ch for ch in version.agency.casefold() if ch.isalnum()) not in squeeze


def originality_key(version: Version, use_dates: bool, fullest: int, path: str = "") -> tuple:
    """Sort key: smaller is more likely the original."""
    full = version.words >= FULL_SHARE * fullest
    when = _timestamp(version.date) if use_dates else 0.0
    return (version.agency is None, not full, when, republished(version), -version.words, path)


def by_originality(versions: Sequence, path=lambda v: str(getattr(v, "path", ""))) -> list:
    """The versions, the likely original first."""
    use_dates = _dates_comparable(versions)
    fullest = _fullest(versions)
    return sorted(versions, key=lambda v: originality_key(v, use_dates, fullest, path(v)))


def likely_original(versions: Sequence) -> object:
    return by_originality(versions)[0]


@record(frozen=True, slots=True)
class Choice:
    """Why a version was taken for the original (worded by reader.view.words.why)."""

    agency: str | None  # the credit it carries, None when no version carries one
    date: str | None  # its date, when every version is dated (the earliest full version)
    words: int
    brief: int | None  # words of the shortest brief with the same credit, passed over
    fuller_copies: int  # fuller credited versions passed over because they name another outlet


def choice(base: Version, versions: Sequence[Version]) -> Choice:
    """What decided that ``base`` is the likely original of ``versions``."""
    others = [v for v in versions if v is not base]
    fullest = _fullest(versions)
    briefs = [v.words for v in others if v.agency and v.words < FULL_SHARE * fullest]
    dated = _dates_comparable(versions) and len(versions) > 1
    fuller = 0
    if base.agency and not dated and not republished(base):
        fuller = sum(1 for v in others if v.agency and v.words > base.words and republished(v))
    return Choice(
        base.agency, base.date if dated else None, base.words, min(briefs) if briefs else None, fuller
    )
