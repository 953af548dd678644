"""Untrusted article text must come out printable: no escapes, no spoofing characters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.sanitize import clean, escape_controls, escape_name, squash


@pytest.mark.parametrize(
    ("dirty", "expected"),
    [
        ("\x1b[31mred\x1b[0m text", "red text"),
        ("\x1b[2J\x1b[H cleared", " cleared"),
        ("\x1b[38;2;255;0;0mtruecolour\x1b[m", "truecolour"),
        ("\x1b]0;evil title\x07after", "after"),
        ("\x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\", "link"),
        ("\x1bPq#0;2;0;0;0\x1b\\sixel gone", "sixel gone"),
        ("\x1b(Bcharset", "charset"),
        ("\x1bcreset", "reset"),
        ("\x9b31mC1 CSI", "C1 CSI"),
        ("\x9d0;title\x9cC1 OSC", "C1 OSC"),
        ("bell\x07 back\x08space nul\x00 del\x7f", "bell backspace nul del"),
        ("tab\there", "tab here"),
        ("line\r\nwindows\rmac\nunix", "line\nwindows\nmac\nunix"),
        ("nel\x85line", "nel\nline"),
        ("abc\u202edcba\u202c", "abcdcba"),
        ("\u2066isolate\u2069 \u2067rtl\u2069", "isolate rtl"),
        ("zero\u200bwidth\ufeff join\u2060er", "zerowidth joiner"),
        ("co\u00adoperation", "cooperation"),
        ("hidden\U000e0041\U000e0042 tags", "hidden tags"),
        ("lone \ud800surrogate", "lone surrogate"),
    ],
)
def test_strips_control_and_spoofing_characters(dirty: str, expected: str) -> None:
    assert clean(dirty) == expected


def test_unterminated_osc_does_not_swallow_the_rest_of_the_article() -> None:
    assert clean("start \x1b]0;title without end\nsecond line") == "start \nsecond line"


@pytest.mark.parametrize(
    "kept",
    [
        "[bold red]not markup[/bold red] and [link=http://x]x[/link]",
        "Kim said “invincible” — North Korea’s ties… $2 [sic]",
        "Привет, 世界, مرحبا, שלום",
        "family \U0001f468\u200d\U0001f469\u200d\U0001f467 emoji and ZWNJ: می\u200cخواهم",
        "right-to-left mark stays: \u200fשלום\u200f",
    ],
)
def test_leaves_ordinary_text_and_markup_lookalikes_alone(kept: str) -> None:
    assert clean(kept) == kept


@given(st.text())
def test_output_has_no_controls_but_newline(text: str) -> None:
    out = clean(text)
    assert "\r" not in out and "\t" not in out and "\x1b" not in out
    assert all(c == "\n" or not (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) for c in out)
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in out)
    out.encode("utf-8")  # no lone surrogates: it can be written to a terminal


@given(st.text())
def test_clean_is_idempotent(text: str) -> None:
    once = clean(text)
    assert clean(once) == once


def test_squash_collapses_ascii_space_only() -> None:
    assert squash("  a \t b\n\nc  ") == "a b c"
    assert squash("a\u00a0\u00a0b\u2009c") == "a\u00a0\u00a0b\u2009c"


def test_decomposed_accents_are_composed() -> None:
    from reader.core.sanitize import clean

    assert clean("Universite\u0301 de Gene\u0300ve") == "Université de Genève"


# --- names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("plain-name_01.txt", "plain-name_01.txt"),
        ("caf\udce9.txt", "caf\\xe9.txt"),  # Latin-1 "é" on disk, as os.fsdecode gives it
        ("café.txt", "café.txt"),
        ("new\nline.txt", "new\\nline.txt"),
        ("tab\tand\rreturn", "tab\\tand\\rreturn"),
        ("evil\x1b]0;title\x07.txt", "evil\\x1b]0;title\\x07.txt"),
        ("nel\x85.txt", "nel\\u0085.txt"),  # a C1 character, told apart from the byte 0x85
        ("abc\u202etxt.exe", "abc\\u202etxt.exe"),
        ("tag\U000e0041.txt", "tag\\U000e0041.txt"),
        ("a\\b.txt", "a\\b.txt"),  # a backslash stays, where it reads as nothing else
        ("caf\\xe9.txt", "caf\\\\xe9.txt"),  # and is doubled where it would read as an escape
        ("end\\", "end\\"),
    ],
)
def test_names_are_shown_with_escapes_on_one_line(name: str, shown: str) -> None:
    assert escape_name(name) == shown


def _unescape(shown: str) -> str:
    """What escape_name() was given, read back from what it shows."""
    out, i = [], 0
    while i < len(shown):
        ch, following = shown[i], shown[i + 1 : i + 2]
        if ch != "\\" or following not in ("\\", "n", "r", "t", "x", "u", "U"):
            out.append(ch)
            i += 1
        elif following in "\\nrt":
            out.append({"\\": "\\", "n": "\n", "r": "\r", "t": "\t"}[following])
            i += 2
        else:
            digits = {"x": 2, "u": 4, "U": 8}[following]
            code = int(shown[i + 2 : i + 2 + digits], 16)
            out.append(chr(code + 0xDC00 if following == "x" and code >= 0x80 else code))
            i += 2 + digits
    return "".join(out)


_NAMES = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("\\xunrtU\n\t\x1b\x85\u202e\ufeff"),
        st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),  # bytes that are not UTF-8
    )
)


@given(_NAMES)
def test_two_names_never_show_alike(name: str) -> None:
    shown = escape_name(name)
    assert _unescape(shown) == name  # read back to the one name it came from
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or 0xD800 <= ord(c) < 0xE000 for c in shown)
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in shown)
    shown.encode("utf-8")  # writable to any UTF-8 terminal, page or JSON


def test_messages_keep_escaped_names_and_escape_what_slipped_in() -> None:
    message = escape_name("caf\udce9") + ": no such folder \x1b[31m\nnext"
    assert escape_controls(message) == "caf\\xe9: no such folder \\x1b[31m\\nnext"


def test_a_printable_text_holds_nothing_clean_changes() -> None:
    # clean() skips its work for a text that str.isprintable() passes: every character
    # it removes or replaces must be one that isprintable() refuses.
    from reader.core import sanitize

    touched = [chr(c) for c in range(0x110000) if sanitize._INVISIBLE.match(chr(c))]
    touched += ["\r", "\n", "\x1b", "\x9b", "\x9d", "\x90", "\x98", "\x9e", "\x9f"]
    touched += [old for old, _new in sanitize._REPLACEMENTS]
    assert len(touched) > 200
    assert not [c for c in touched if c.isprintable()]
    # and squash's whitespace too
    assert not [c for c in "\t\n\r\f\v" if c.isprintable()]


_DIRTY = "ab \t\r\n\x1b[31m\x9b\x85\u2028\u2029\u00ad\u200b\u202e\ufeffé\u0301"


@given(st.text(alphabet=st.sampled_from(_DIRTY)))
def test_clean_and_squash_are_what_the_full_treatment_gives(text: str) -> None:
    import re
    import unicodedata

    from reader.core import sanitize

    full = text.replace("\r\n", "\n").replace("\r", "\n")
    full = sanitize._ESCAPES.sub("", full)
    for old, new in sanitize._REPLACEMENTS:
        full = full.replace(old, new)
    full = unicodedata.normalize("NFC", sanitize._INVISIBLE.sub("", full))
    assert clean(text) == full
    assert squash(full) == re.sub(r"[ \t\n\r\f\v]+", " ", full).strip(" ")
