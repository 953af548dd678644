"""The fixed wording of page furniture in English: appeals, captions, links, notices.

Each check takes a paragraph with its spaces made single, and the same lower-cased,
and gives the reason it is boilerplate or None. ``boilerplate`` runs them in turn
(then the languages' tables, ``boilerplate_tables``) and marks the blocks around
appeals; they stand here apart so that module reads as what it does, not as
its patterns.
"""

from __future__ import annotations

import re

from . import patterns
from .patterns import holds_any

DONATION = "donation appeal"
SUBSCRIPTION = "subscription appeal"
NEWSLETTER = "newsletter"
APPEAL = "appeal"  # a header such as "A Message from X:" before its appeal is known
APPEALS = (DONATION, SUBSCRIPTION, NEWSLETTER)

_I = re.IGNORECASE

# Quoted speech is reported speech, not the page talking to the reader.
QUOTED = patterns.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|«[^»]*(?:»|$)|„[^“”]*(?:[“”]|$)")
# "us" is matched in lower case only, so that "the US" is not a pronoun.
READER_ADDRESS = patterns.compile(
    r"\b(?:[Yy]ou(?:r|rs|['’](?:re|ll|ve|d))?|[Ww]e(?:['’](?:re|ve|ll|d))?|[Oo]urs?|us)\b"
)

# The appeal patterns run on lower-cased text (faster than re.IGNORECASE), each
# behind a gate of substrings it cannot match without.
_DONATION_STRONG = patterns.compile(
    r"\bsupport(?:ing)? us\b"
    r"|\bsupport(?:ing)? our (?:work|journalism|reporting|newsroom|mission|coverage|independent)"
    r"|\byour (?:support|donation|contribution|gift|generosity)\b"
    r"|\bdonate (?:now|today|here|monthly)\b|^donate\b"
    r"|\bwe need your (?:help|support)\b"
    r"|\bplease (?:consider )?(?:support|donat|contribut|chip in|give)"
    r"|\breader[- ](?:funded|supported)\b"
    r"|\bstand(?:ing)? with us\b"
)
# Appeal wording that is also news wording ("Ukraine applied to become a member of
# the EU", "the state will chip in $2 billion", "inspectors demand unlimited access"):
# an appeal only when it speaks to the reader or opens with the imperative.
_DONATION_AMBIGUOUS = patterns.compile(
    r"\bchip in\b|\b(?:monthly|one[- ]time|recurring) (?:donation|contribution|gift)s?\b"
    r"|\bbecome a (?:member|supporter|patron|donor)\b"
)
_SUBSCRIPTION_AMBIGUOUS = patterns.compile(
    r"\bbecome a (?:subscriber|member)\b|\bunlimited (?:digital )?access\b"
)
_IMPERATIVE = patterns.compile(r"^(?:please )?(?:become|chip|make|give|get|enjoy|unlock|start|try)\b")
_DONATION_GATE = (
    "support",
    "your ",
    "donat",
    "please",
    "chip in",
    "contribution",
    "gift",
    "reader",
    "with us",
    "become a",
)
_DONATION_WEAK = patterns.compile(
    r"\bdonat(?:e|es|ed|ing|ion|ions)\b|\bcontribut(?:e|ion|ions)\b"
    r"|\bsupport(?:ing)?\b.{0,60}\b(?:journalism|reporting|newsroom)\b"
)
_SUBSCRIPTION = patterns.compile(
    r"\bsubscribe (?:now|today|here)\b|^subscribe\s*[.!]?$"
    r"|\balready a (?:subscriber|member)\b"
    r"|\bsubscribers? only\b|\b(?:available|exclusive(?:ly)?) (?:for|to) (?:subscribers|members)\b"
    r"|^(?:to )?continue reading\b|\b(?:sign|log) in to (?:continue|read|keep reading)\b"
    r"|\bstart your (?:free )?trial\b"
    r"|\bsubscribe to (?:read|continue|unlock|access|get)\b|\bcreate a free account\b"
)
_SUBSCRIPTION_GATE = (
    "subscri",
    "member",
    "continue reading",
    " in to ",
    "unlimited",
    "trial",
    "free account",
)
_SUBSCRIPTION_WEAK = patterns.compile(r"\bsubscri(?:be|ption|ber)s?\b|\bfree trial\b")
_NEWSLETTER = patterns.compile(
    r"\b(?:sign up|subscribe|register)\b.{0,60}\bnewsletters?\b"
    r"|\bnewsletters?\b.{0,80}\b(?:inbox|sign up|subscribe)\b"
    r"|\b(?:delivered|straight|directly|right) (?:to|in|into) your inbox\b"
    r"|\benter your e-?mail\b"
)
_NEWSLETTER_GATE = ("newsletter", "inbox", "mail")
_READ_MORE = patterns.compile(
    r"^(?:read more|read the full (?:story|article)|continue reading|click here|more here"
    r"|full story|read on|see more)\b\s*(?:[:|»›>…\-–—.]|$)",
    _I,
)
_ALSO_READ = patterns.compile(
    r"^ALSO READ\b"
    r"|^(?:also read|read also|see also|also see|also on|read next|read this next|recommended"
    r"(?: reading| for you| stories)?|related(?: articles?| stories| coverage| content| news| reading"
    r"| links| topics)?|you (?:may|might) also (?:like|be interested in)|more from [\w .]{1,40}|more on this"
    r"(?: story)?|more stories|most read|most popular|trending(?: now)?|editor['’]?s picks"
    r"|what to read next|latest news|more|read|watch|listen|explore more)\s*(?:[:|»›>\-–—]|$)",
    _I,
)
_CREDIT_WORDS = patterns.compile(
    r"\b(?:photo(?:graph)?s?|pictures?|images?|pool|getty|shutterstock|epa(?:-efe)?|alamy|handout"
    r"|courtesy|credit|illustration)\b"
    r"|\bvia (?:AP|AFP|Reuters|EPA|Getty|Bloomberg|Xinhua|Yonhap|KCNA|TASS|Sputnik)\b"
    r"|^(?:[^()]*,\s*)?file$",
    _I,
)
_CAPTION_START = patterns.compile(
    r"^(?:FILE PHOTO|FILE|PHOTO|Photo|Image|Picture|Caption|Credit|Photograph|Photos)"
    r"(?: caption| source| credit)?\s*[:|,]"
)
# A credit closes a caption without a full stop: "REUTERS/Kim Hong-Ji",
# "Photograph: Vladimir Smirnov/AP". Prose ending in "a Reuters/Ipsos poll." does not match.
_NAME_WORDS = r"[A-Z][\w'’\-]*\.?(?: [A-Z][\w'’\-]*\.?){0,3}"
_CAPTION_END = patterns.compile(
    rf"\b(?:REUTERS|AFP|AP|EPA|EPA-EFE)/{_NAME_WORDS}(?:/{_NAME_WORDS})*$"
    rf"|\b{_NAME_WORDS} ?/ ?(?:AFP|AP|Getty Images|EPA|Bloomberg|Shutterstock"
    r"|Reuters|Sipa|Anadolu|Xinhua|Yonhap|TASS|Sputnik)(?: via Getty Images)?\)?$"
    r"|\b(?:Photo(?:graph)?|Picture|Image)(?: by)?:? [A-Z][\w.'’\-/ ]{1,60}$"
)
_TRAILING_PARENS = patterns.compile(r"\(([^()]{2,160})\)\s*\.?$")
_SOCIAL = patterns.compile(
    r"^(?:follow|like|join|find) (?:us|\S+(?: \S+){0,4}) on (?:twitter|x|facebook|instagram|telegram"
    r"|whatsapp|linkedin|youtube|tiktok|threads|bluesky|mastodon|google news)\b"
    r"|^share (?:this|on|via)\b|^(?:click|tap) to share\b|^(?:tweet|email|print) this\b"
    r"|^(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|email|e-mail|print|copy link|reddit"
    r"|pinterest|share)\b[\s|,•·/]*){2,}$"
    r"|^(?:download|get) (?:our|the) (?:free )?(?:[\w-]+ )?app\b",
    _I,
)
_COPYRIGHT = patterns.compile(
    r"^(?:©|\(c\)\s*\d|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\b"
    # The notice lists its verbs or names what it covers; "the names of minors may not be
    # published" is a court rule in a news story.
    r"|\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed|copied)"
    r"(?:,| or | in whole| without)"
    r"|^(?:this|the) (?:material|article|content|story|page)s? may not be\b",
    _I,
)
_CREDITS = patterns.compile(  # "Editing by Ed Davies", not "Editing by the censors removed..."
    r"^\(?(?i:(?:additional )?(?:reporting|writing|editing|compiled|produced|translated|edited)"
    r"(?: and (?:writing|editing))? by) [A-Z]|^(?i:our standards: the thomson reuters trust principles)"
)
# A credit line is names, places and these words; "Reporting by The Associated Press
# found that ..." is a sentence of the story.
_CREDIT_VOCABULARY = frozenset(
    "by in and additional reporting writing editing compiled produced translated edited from the of at"
    " with for staff newsroom bureau desk".split()
)
_LOWER_WORD = patterns.compile(r"(?<![\w'’])[a-z][a-z'’]*")
_CREDIT_ENDINGS = patterns.compile(  # "AP writer Kim Tong-hyung contributed to this report."
    r"\bcontributed (?:reporting )?to this (?:report|story|article)\.?$"
    r"|\bis solely responsible for all content\.?$",
    _I,
)
_BUTTONS = patterns.compile(
    r"^(?:maybe later|no,? thanks?|not now|close|dismiss|skip|accept(?: all)?(?: cookies)?|got it"
    r"|load more|show more|show comments|comments|listen to this (?:article|story)(?: \W? ?\d+ min)?)"
    r"\s*[.!]?$",
    _I,
)
_REMIND = patterns.compile(r"^remind me later\s*[.!]?$", _I)
_ADVERTISEMENT = patterns.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: advertisement)?"
    r"|skip advertisement|article continues below(?: advertisement)?|scroll to continue(?: with content)?"
    r"|continue reading below|this is an advertisement)\s*[:.]?$",
    _I,
)
_COOKIES = patterns.compile(
    r"\b(?:we|this (?:site|website)) uses? cookies\b|\bcookie (?:policy|settings|preferences)\b", _I
)
_CODE = patterns.compile(
    r"<script|</script>|\bfunction\s*\(|\bvar \w+\s*=|\b(?:let|const) \w+\s*=|\bwindow\.\w+"
    r"|\bdocument\.(?:write|getElementById|createElement|querySelector)|googletag|dataLayer|gtag\("
    r"|_gaq\b|\bfbq\(|=>\s*\{|jQuery|\$\(|^\{\s*\"@context\"|^[.#@]?[\w\-]+(?:[ ,>][.#]?[\w\-]+)*\s*\{[^}]*:"
)
# A lower-case word of letters followed by a space: prose ("the code sent cookies").
_PROSE_WORD = patterns.compile(r"(?<![\w.$<>/])[^\W\d_]{2,}(?= [^\W\d_])")
_URL_ONLY = patterns.compile(r"^(?:https?://|www\.)\S+$", _I)
_TRACKING = patterns.compile(r"utm_|/pixel|beacon|track(?:ing|er)?[/?=.]|\.gif(?:\?|$)|doubleclick", _I)
_HEADER = patterns.compile(
    r"^(?:an? (?:message|note|word|letter) (?:from|to) .{1,60}|dear (?:readers?|friends?|subscribers?"
    r"|supporters?|reader)|before you go|a note to (?:our )?readers|support (?:our|independent)"
    r" journalism|we need your help|support us|donate|thank you for reading)\s*[:,.!…—-]*$",
    _I,
)


# Whether one of short_lines' patterns matches, in one match: most paragraphs match none.
_SHORT_ANY = patterns.compile(
    "|".join(
        f"(?:{p.pattern})"
        for p in (_REMIND, _BUTTONS, _ADVERTISEMENT, _HEADER, _READ_MORE, _ALSO_READ, _SOCIAL)
    ),
    _I,
)


# Each check first looks for a plain substring its patterns cannot match without,
# so that ordinary paragraphs (nearly all of them) cost a few ``in`` tests, not
# a dozen regex scans: loading must stay fast on thousands of files.


def short_lines(t: str, lower: str) -> str | None:
    if len(t) > 250 or not _SHORT_ANY.match(t):
        return None
    if _REMIND.match(t):
        return "remind me later"
    if _BUTTONS.match(t):
        return "button text"
    if _ADVERTISEMENT.match(t):
        return "advertisement"
    if _HEADER.match(t):
        return APPEAL
    if _READ_MORE.match(t):
        return "read more"
    if _ALSO_READ.match(t):
        return "also read"
    if _SOCIAL.match(t):
        return "social"
    return None


def junk(t: str, lower: str) -> str | None:
    if " " not in t and ("://" in t or lower.startswith("www.")) and _URL_ONLY.match(t):
        return "tracking junk" if _TRACKING.search(t) else "link"
    if ("{" in t or ";" in t or "=" in t or "<" in t) and _CODE.search(t):
        punctuation = sum(t.count(c) for c in '{}();=<>[]$":')
        # Code, not a sentence about code: dense punctuation, and few words of prose
        # (an article on a hack may well mention "<script>" and "window.onload").
        prose = len(_PROSE_WORD.findall(t))
        if punctuation >= max(4, len(t) // 40) and prose < max(6, len(t.split()) // 2):
            return "script"
    return None


_COPYRIGHT_WORDS = ("©", "(c)", "copyright", "rights reserved", "may not be")


def notices(t: str, lower: str) -> str | None:
    if len(t) > 400:
        return None
    if holds_any(_COPYRIGHT_WORDS, lower) and _COPYRIGHT.search(t):
        return "copyright"
    if (_CREDITS.match(t) and _credit_line(t)) or (
        ("contributed" in lower or "solely" in lower) and _CREDIT_ENDINGS.search(t)
    ):
        return "credits"
    if "cookie" in lower and _COOKIES.search(t):
        return "cookie notice"
    return None


def _credit_line(t: str) -> bool:
    return sum(w not in _CREDIT_VOCABULARY for w in _LOWER_WORD.findall(t)) <= 2


_CAPTION_WORDS = ("photo", "picture", "image", "caption", "credit", "file")


def caption(t: str, lower: str) -> str | None:
    if len(t) > 400:
        return None
    tail = t[-120:]  # the credit patterns are anchored at the end
    if _CAPTION_START.match(t) or (
        ("/" in tail or holds_any(_CAPTION_WORDS, lower)) and _CAPTION_END.search(tail)
    ):
        return "photo caption"
    if t.rstrip(" .").endswith(")"):
        m = _TRAILING_PARENS.search(t)
        if m and _CREDIT_WORDS.search(m.group(1)):
            return "photo caption"
    return None


def appeals(t: str, lower: str) -> str | None:
    if len(t) > 1500:
        return None
    newsletter = holds_any(_NEWSLETTER_GATE, lower)
    subscription = holds_any(_SUBSCRIPTION_GATE, lower)
    donation = holds_any(_DONATION_GATE, lower)
    if not (newsletter or subscription or donation):
        return None
    u = QUOTED.sub(" ", t) if any(q in t for q in '"“«„') else t
    ul = u.lower()
    if newsletter and _NEWSLETTER.search(ul):
        return NEWSLETTER
    if subscription and (
        _SUBSCRIPTION.search(ul)
        or (len(u) <= 300 and _SUBSCRIPTION_WEAK.search(ul) and READER_ADDRESS.search(u))
        or (_SUBSCRIPTION_AMBIGUOUS.search(ul) and _addressed(u, ul))
    ):
        return SUBSCRIPTION
    if donation and (
        _DONATION_STRONG.search(ul)
        or ((_DONATION_WEAK.search(ul) or _DONATION_AMBIGUOUS.search(ul)) and _addressed(u, ul))
    ):
        return DONATION
    return None


def _addressed(u: str, ul: str) -> bool:
    return READER_ADDRESS.search(u) is not None or _IMPERATIVE.match(ul) is not None
