"""Regular expressions compiled once per Python, not once per run.

``re`` parses a pattern in pure Python: the reader's patterns (token classes that
list every combining mark, every language's page furniture and credits) took some
40 ms to compile at each start, more than comparing two short articles takes. The
compiled programs are kept in the user's cache (``patterns-<python>.bin`` beside
the folder indexes) and rebuilt from there with the same call ``re`` makes, so a
pattern behaves exactly as ``re.compile`` would make it.

The ``__init__`` that ``records`` writes for the core's value classes is kept the
same way (compiling its source was most of building a class, some 2 ms of every
start), and so are the phrases a pattern cannot match without (``required``).

Only fixed patterns (the modules' own and those built from the language tables)
and that fixed source go through here, never anything built from an article.
Anything unexpected (another Python, a damaged or missing file, a read-only cache)
costs only the time: the pattern is compiled by ``re`` as before, and nothing is
said.
"""

from __future__ import annotations

import builtins
import contextlib
import marshal
import os
import re
import sys
import zlib
from array import array
from pathlib import Path
from types import CodeType

try:  # CPython's engine, the one call re.compile ends in
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python: compile as usual
    _sre = None

_APP_DIR = "wire-reader"
# One file per Python build: the programs are the engine's own instruction codes.
_BUILD = f"{sys.implementation.cache_tag}|{getattr(_sre, 'MAGIC', '')}|{sys.version}|code-as-bytes"
# The engine's code words as machine integers wide enough for them (SRE_CODE: 4 bytes).
_CODE = "I" if array("I").itemsize >= getattr(_sre, "CODESIZE", 8) else "Q"
_MAX_ENTRIES = 4000  # patterns are fixed, so more means something keeps making new ones
_SOURCE = -1  # the "flags" of a kept piece of Python source (a pattern's are 0 or more)
# ... and of the substrings a pattern cannot match without: a new number each time
# ``_required`` changes, so that no gate kept by an older one is read back.
_REQUIRED = -101

_programs: dict[tuple[str, int], tuple] | None = None
_new = False


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the kept program when there is one."""
    flags = int(flags)
    if _sre is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    programs = _loaded()
    entry = programs.get((pattern, flags))
    if entry is not None:
        try:
            return _build(pattern, entry)
        except Exception:  # a damaged entry: compile it afresh
            pass
    entry = _program(pattern, flags)
    compiled = _build(pattern, entry)
    global _new
    programs[(pattern, flags)] = entry
    _new = True
    return compiled


def python(source: str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``, from the kept code when there is one."""
    programs = _loaded()
    entry = programs.get((source, _SOURCE))
    if isinstance(entry, CodeType) and entry.co_filename == filename:
        return entry
    code = builtins.compile(source, filename, "exec")
    global _new
    programs[(source, _SOURCE)] = code
    _new = True
    return code


def required(pattern: str) -> tuple[str, ...] | None:
    """Plain substrings one of which is in any text the pattern (no flags) matches in,
    found from its syntax: a gate of ``in`` tests, many times faster than searching
    with an alternation of phrases. None when there is no such set (a branch starting
    anywhere, a case-blind part). Kept as the programs are."""
    programs = _loaded()
    entry = programs.get((pattern, _REQUIRED), _REQUIRED)
    if entry is None or (isinstance(entry, tuple) and all(isinstance(s, str) for s in entry)):
        return entry
    found = None
    if _sre is not None:
        parsed = _parser.parse(pattern)
        found = None if parsed.state.flags & re.IGNORECASE else _required(parsed)
    if found is not None:
        # Shortest first; one holding another is not needed ("newsletter", "newsletters").
        kept: list[str] = []
        for s in sorted(found, key=lambda s: (len(s), s)):
            if not any(k in s for k in kept):
                kept.append(s)
        found = tuple(kept)
    global _new
    programs[(pattern, _REQUIRED)] = found
    _new = True
    return found


def _required(items) -> frozenset[str] | None:
    """The substrings one of which a match of the parsed ``items`` holds: the best of
    its parts' (longest shortest member, then fewest), a run of literal characters
    being one part."""
    constants = _parser  # its op codes, from re._constants
    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or _rank(found) > _rank(best)):
            best = found

    run: list[str] = []
    for op, arg in items:
        if op is constants.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            consider(frozenset(("".join(run),)))
            run = []
        if op is constants.SUBPATTERN:
            _group, add_flags, _del_flags, inner = arg
            if not add_flags & re.IGNORECASE:
                consider(_required(inner))
        elif op is constants.BRANCH:
            branches = [_required(b) for b in arg[1]]
            if all(b is not None for b in branches):
                consider(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT):
            low, _high, inner = arg
            if low >= 1:
                consider(_required(inner))
        elif op is constants.ATOMIC_GROUP:
            consider(_required(arg))
    if run:
        consider(frozenset(("".join(run),)))
    return best


def holds_any(gate: tuple[str, ...] | None, text: str) -> bool:
    """Whether ``text`` holds one of the phrases of a gate (such as ``required`` gives;
    None: no gate, it holds)."""
    if gate is None:
        return True
    for part in gate:  # noqa: SIM110 - a loop: any() over a generator costs a quarter more
        if part in text:
            return True
    return False


def _rank(found: frozenset[str]) -> tuple[int, int]:
    return min(map(len, found)), -len(found)


class Lazy:
    """A pattern compiled (through :func:`compile`) when first used: a module's patterns
    for formats a run may never read cost its start nothing. Used as the pattern itself
    (``.match``, ``.sub``, ...): the first attribute asked for compiles it, and each is
    then found on the object as the compiled pattern's own."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        value = getattr(compile(*self._source), name)
        setattr(self, name, value)
        return value


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``compile(pattern, flags)`` when the pattern is first used (see :class:`Lazy`)."""
    return Lazy(pattern, flags)  # type: ignore[return-value]


def _program(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands the engine, as plain data."""
    parsed = _parser.parse(pattern, flags)
    # Kept as bytes: unmarshalled at every start, a list of ints for each of some 150
    # programs took longer than building the few a command uses.
    code = array(_CODE, (int(c) for c in _compiler._code(parsed, flags))).tobytes()
    groupindex = {str(k): int(v) for k, v in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _build(pattern: str, entry: tuple) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    # The engine checks the program before it takes it ("invalid SRE code").
    return _sre.compile(pattern, flags, array(_CODE, code).tolist(), groups, groupindex, indexgroup)


def cache_file() -> Path:
    """Where the programs are kept: ``$XDG_CACHE_HOME/wire-reader`` (an absolute one),
    else ``~/.cache/wire-reader``, as the folder indexes (reader.library.store)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / _APP_DIR / f"patterns-{sys.implementation.cache_tag}.bin"


def _loaded() -> dict[tuple[str, int], tuple]:
    global _programs
    if _programs is None:
        _programs = _read()
    return _programs


def _read() -> dict[tuple[str, int], tuple]:
    try:
        blob = cache_file().read_bytes()  # no home folder at all is one more way to miss
        check, body = int.from_bytes(blob[:4], "big"), blob[4:]
        if len(blob) < 4 or zlib.crc32(body) != check:
            return {}
        build, programs = marshal.loads(body)
    except Exception:  # missing, unreadable or damaged: compile as usual
        return {}
    if build != _BUILD or not isinstance(programs, dict):
        return {}
    return programs


def keep() -> None:
    """Write the programs compiled in this run to the cache for the next runs (when
    there are new ones). Silent: a cache that cannot be written only costs time."""
    global _new
    if not _new or _programs is None or len(_programs) > _MAX_ENTRIES:
        return
    _new = False
    try:
        path = cache_file()
    except RuntimeError:  # no home folder to find the cache in
        return
    body = marshal.dumps((_BUILD, _programs))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(zlib.crc32(body).to_bytes(4, "big") + body)
        os.replace(tmp, path)  # another run reading it sees the old file or this one, whole
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
