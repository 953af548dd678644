"""The import contract: each layer imports only those below it, and no module
takes part in an import cycle. The imports are read from the source (every
``import``, including those inside functions), so a lazy import is no way round.

    core  <  view  <  term, html, library, spark  <  ui  <  cli

pyspark is imported by reader/spark/ alone: the rest of the reader runs without it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "reader"

# What each part of reader may import from reader, besides itself.
ALLOWED = {
    "core": set(),
    "view": {"core"},
    "term": {"core", "view"},
    "html": {"core", "view"},
    "library": {"core", "view"},
    "spark": {"core", "view", "library"},
    "ui": {"core", "view", "library"},
    "cli": {"core", "view", "term", "html", "library", "spark", "ui"},
}
# Libraries that draw on a screen, and the parts allowed to use them.
DRAWING = {"rich": {"term", "ui", "cli"}, "textual": {"ui"}}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """The modules ``path`` imports, relative imports resolved, ``from x import y``
    counted as x.y when x.y is a module of reader (else as x)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
    return found


FILES = sorted(PACKAGE.rglob("*.py"))
MODULES = {_module_name(p): p for p in FILES}
GRAPH = {name: {i for i in _imports(path) if i in MODULES and i != name} for name, path in MODULES.items()}
IMPORTS = {name: _imports(path) for name, path in MODULES.items()}


def _part(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "reader" else None


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_layers_import_only_those_below(part: str) -> None:
    wrong = []
    for name, imported in IMPORTS.items():
        if _part(name) != part:
            continue
        for target in imported:
            other = _part(target)
            if target.startswith("reader") and other not in (part, *ALLOWED[part]):
                wrong.append(f"{name} imports {target}")
            top = target.split(".")[0]
            if top in DRAWING and part not in DRAWING[top]:
                wrong.append(f"{name} imports {top}")
    assert not wrong, "\n".join(sorted(wrong))


def test_every_part_is_in_the_contract() -> None:
    parts = {_part(name) for name in MODULES} - {None}
    assert parts <= set(ALLOWED), parts - set(ALLOWED)


def test_nothing_imports_the_command_line_but_its_entry_point() -> None:
    users = {name for name, imported in GRAPH.items() if "reader.cli.parser" in imported}
    assert users == {"reader.cli"}
    outside = {
        name
        for name, imported in GRAPH.items()
        if _part(name) != "cli" and any(_part(i) == "cli" for i in imported)
    }
    assert not outside


def _cycle() -> list[str] | None:
    """One import cycle among reader's modules, if there is any (a package importing its
    own modules to re-export them is not one: its modules must not import it back)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(GRAPH):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle() -> None:
    assert _cycle() is None, " -> ".join(_cycle() or [])


def test_modules_stay_small() -> None:
    long = {
        name: n for name, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert not long, long


def test_the_apps_models_draw_nothing() -> None:
    # reader.ui.models hold what the screens show as plain classes, testable without an app.
    wrong = sorted(
        f"{name} imports {target}"
        for name, imported in IMPORTS.items()
        if name.startswith("reader.ui.models")
        for target in imported
        if target.split(".")[0] in DRAWING or target.startswith(("reader.ui.widgets", "reader.ui.screens"))
    )
    assert not wrong, "\n".join(wrong)


def test_only_the_spark_job_imports_pyspark() -> None:
    users = sorted(
        name for name, imported in IMPORTS.items() if any(i.split(".")[0] == "pyspark" for i in imported)
    )
    assert users and all(_part(name) == "spark" for name in users), users


def test_only_the_command_line_forks() -> None:
    # A fork copies one thread: the app runs comparisons in worker threads, so the core
    # and the painters take a way to share work as an argument and never fork themselves.
    forking = sorted(
        name
        for name, path in MODULES.items()
        if any(
            (isinstance(node, ast.Attribute) and node.attr in ("fork", "forkpty"))
            or (isinstance(node, ast.ImportFrom) and any(a.name in ("fork", "forkpty") for a in node.names))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    )
    assert forking == ["reader.cli.forking"], forking
