"""The HTML reports in a real browser: screenshots of ``reader diff --html`` and
``reader story --html`` at a laptop's and a phone's width, to look at.

Writes the two reports for the seeds (the diff of the AFP original,
seeds/002_990fca62850f33f5.txt, and its republished copy,
seeds/003_574f2177cef51eb0.txt; the story of those two and an independent
write-up, seeds/000_4f549e9bf7ce5619.txt) into OUT (default: a new temporary
folder, kept), then takes a full-page screenshot of each with headless Chromium
(the Debian package ``chromium``; ``apt-get install chromium``) at each width
(default 1280 and 390 CSS pixels, at a device scale factor of 1), and prints
the PNG paths, one a line. ``--dark`` adds the same screenshots in dark mode
(``prefers-color-scheme: dark``, through Chromium's ``--force-dark-mode``).

Chromium's ``--screenshot`` captures the window only, so each page is first
measured at each width: a probe page holds the report in an iframe of that
width (an iframe's media queries follow its own width; a headless window is
never narrower than 500 pixels, so the window itself cannot be measured at
390), and ``--dump-dom`` reads back its height. The probe also says when a page
is wider than the width (horizontal overflow), on a line starting with
``overflow:``; the screenshot is then cut at the width, as a phone would show it.

Without Chromium it says so in one line and exits 2; exit 1 when a page
overflows, else 0.

    python3 benchmarks/html_screens.py [--out DIR] [--widths 1280 390] [--dark] [--chromium PATH] [FILE...]

FILE... (two or more) replaces the seeds: the diff of the first two, the story of all.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
AFP = SEEDS / "002_990fca62850f33f5.txt"
COPY = SEEDS / "003_574f2177cef51eb0.txt"
OTHER = SEEDS / "000_4f549e9bf7ce5619.txt"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1")
MAX_HEIGHT = 30000  # pixels: past this a screenshot is cut (and says so)

PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="border:0;width:{width}px;height:50px" srcdoc="{page}"></iframe>
<script>
addEventListener("load", () => {{
  const d = document.getElementById("f").contentDocument.documentElement;
  const size = d.scrollWidth + "x" + d.scrollHeight;
  document.body.insertAdjacentHTML("beforeend", "<pre id=size>" + size + "</pre>");
}});
</script></body></html>
"""


def find_chromium(given: str | None) -> str | None:
    if given:
        return given if shutil.which(given) else None
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def write_reports(out: Path, files: list[Path]) -> dict[str, Path]:
    """The two reports, as ``reader`` writes them (exit status 1: the versions differ)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    venv = ROOT / ".venv" / "bin" / "python"  # install.sh's, when this runs under a bare python3
    python = str(venv) if venv.exists() else sys.executable
    reports = {
        "diff": ["diff", str(files[0]), str(files[1]), "--html"],
        "story": ["story", *map(str, files), "--html"],
    }
    paths = {}
    for name, args in reports.items():
        run = subprocess.run(
            [python, "-m", "reader.cli", *args], capture_output=True, text=True, env=env, check=False
        )
        if run.returncode not in (0, 1) or not run.stdout.startswith("<!DOCTYPE html>"):
            raise SystemExit(f"html_screens: reader {' '.join(args[:1])} failed: {run.stderr.strip()}")
        paths[name] = out / f"{name}.html"
        paths[name].write_text(run.stdout, encoding="utf-8")
    return paths


def measure(browser: str, page: Path, width: int, probe: Path) -> tuple[int, int]:
    """The page's (width, height) in CSS pixels when laid out ``width`` pixels wide."""
    text = page.read_text(encoding="utf-8")
    probe.write_text(PROBE.format(width=width, page=html.escape(text, quote=True)), encoding="utf-8")
    run = subprocess.run(
        [
            browser,
            *FLAGS,
            "--window-size=1600,900",
            "--virtual-time-budget=3000",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    found = re.search(r'<pre id="size">(\d+)x(\d+)</pre>', run.stdout)
    if not found:
        raise SystemExit(
            f"html_screens: could not measure {page.name} at {width} px: {run.stderr.strip()[-300:]}"
        )
    return int(found[1]), int(found[2])


def screenshot(browser: str, page: Path, width: int, height: int, png: Path, dark: bool) -> None:
    run = subprocess.run(
        [
            browser,
            *FLAGS,
            *(["--force-dark-mode"] if dark else []),
            f"--window-size={width},{height}",
            "--virtual-time-budget=3000",
            f"--screenshot={png}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if not png.exists():
        raise SystemExit(f"html_screens: no screenshot of {page.name}: {run.stderr.strip()[-300:]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "files",
        type=Path,
        nargs="*",
        help="articles: the diff of the first two, the story of all (default: the seeds)",
    )
    ap.add_argument("--out", type=Path, help="folder for the reports and PNGs (default: a new temporary one)")
    ap.add_argument(
        "--widths", type=int, nargs="+", default=[1280, 390], help="CSS pixels (default 1280 390)"
    )
    ap.add_argument("--dark", action="store_true", help="also take each screenshot in dark mode")
    ap.add_argument(
        "--chromium", help="the browser to run (default: chromium, chromium-browser, google-chrome)"
    )
    args = ap.parse_args()
    if len(args.files) == 1:
        ap.error("give two files or more (or none, for the seeds)")
    browser = find_chromium(args.chromium)
    if browser is None:
        print(
            "html_screens: chromium not found (apt-get install chromium, or --chromium PATH)", file=sys.stderr
        )
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="wire-reader-html-"))
    out.mkdir(parents=True, exist_ok=True)
    overflow = False
    for name, page in write_reports(out, args.files or [AFP, COPY, OTHER]).items():
        for width in args.widths:
            wide, high = measure(browser, page, width, out / f".probe-{name}.html")
            if wide > width:
                overflow = True
                print(f"overflow: {page.name} is {wide} px wide at {width} px")
            if high > MAX_HEIGHT:
                print(f"note: {page.name} is {high} px high at {width} px, cut at {MAX_HEIGHT}")
            for dark in (False, True) if args.dark else (False,):
                png = out / f"{name}-{width}{'-dark' if dark else ''}.png"
                png.unlink(missing_ok=True)
                screenshot(browser, page, width, min(high, MAX_HEIGHT), png, dark)
                print(png)
            (out / f".probe-{name}.html").unlink()
    return 1 if overflow else 0


if __name__ == "__main__":
    sys.exit(main())
