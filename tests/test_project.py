"""Project contracts: what the core may import, and that the README's commands are the ones CI runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    return {line.split(".")[0] for line in out.split()}


def test_core_imports_neither_textual_nor_rich() -> None:
    core = sorted(p.stem for p in (ROOT / "reader" / "core").glob("*.py") if p.stem != "__init__")
    code = "\n".join(f"import reader.core.{name}" for name in core)
    loaded = _modules_after(code)
    assert "textual" not in loaded
    assert "rich" not in loaded


def test_shell_commands_do_not_import_textual() -> None:
    seeds = ROOT / "seeds"
    a, b = sorted(seeds.glob("*.txt"))[1:3]
    code = (
        "import contextlib, io\nfrom reader.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['diff', {str(a)!r}, {str(b)!r}])\n"
        f"    main(['list', {str(seeds)!r}])\n"
        f"    main(['align', {str(a)!r}, {str(b)!r}, '--json'])\n"
        f"    main(['stats', {str(a)!r}, {str(b)!r}])\n"
    )
    assert "textual" not in _modules_after(code)


def test_readme_quick_start_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^\$ (.+)$", quick, flags=re.M)
    assert len(commands) == 2, commands
    assert "reader seeds" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()


def test_seeds_are_shipped() -> None:
    names = sorted(p.name for p in (ROOT / "seeds").iterdir())
    assert names == ["000_4f549e9bf7ce5619.txt", "002_990fca62850f33f5.txt", "003_574f2177cef51eb0.txt"]
