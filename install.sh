#!/bin/sh
# Install wire-reader into .venv, a virtual environment in this folder (nothing is
# written outside it): `sh install.sh`, or `sh install.sh test` for the test tools too.
#
# Debian's and Ubuntu's own python3 is "externally managed" (PEP 668: pip refuses to
# install into it), and without their python3-venv package it cannot make a virtual
# environment with pip in it. Then the environment is made without pip and pip is
# fetched from PyPI (checked against the digest PyPI publishes), so this works on a
# fresh server as it is, with no sudo.
set -eu
cd "$(dirname "$0")"

extras=""
case "${1:-}" in
    "") ;;
    test) extras="[test]" ;;
    *) echo "usage: sh install.sh [test]" >&2; exit 2 ;;
esac

if ! command -v python3 >/dev/null 2>&1; then
    echo "install.sh: python3 is needed (Debian, Ubuntu: apt-get install python3)" >&2
    exit 1
fi
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "install.sh: Python 3.11 or newer is needed; this python3 is $(python3 -V 2>&1)" >&2
    exit 1
fi

if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    if ! python3 -m venv .venv >/dev/null 2>&1; then
        echo "install.sh: no ensurepip here (python3-venv is not installed): fetching pip from PyPI" >&2
        python3 -m venv --clear --without-pip .venv
        .venv/bin/python - <<'EOF'
import hashlib, json, subprocess, sys, tempfile, urllib.parse, urllib.request
from pathlib import Path

INDEX = "https://pypi.org/pypi/pip/json"
with urllib.request.urlopen(INDEX, timeout=60) as answer:
    release = json.load(answer)
wheel = next(f for f in release["urls"] if f["filename"].endswith("-py3-none-any.whl"))
with urllib.request.urlopen(urllib.parse.urljoin(INDEX, wheel["url"]), timeout=120) as answer:
    data = answer.read()
if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
    sys.exit("install.sh: the pip wheel from PyPI does not match its published digest")
path = Path(tempfile.mkdtemp()) / wheel["filename"]
path.write_bytes(data)
# A wheel is a zip that Python can run: pip installs itself from its own wheel.
subprocess.check_call([sys.executable, f"{path}/pip", "install", "--quiet", "--no-index", str(path)])
EOF
    fi
fi

export PIP_DISABLE_PIP_VERSION_CHECK=1
.venv/bin/python -m pip install --quiet -e ".$extras"
echo "install.sh: installed in .venv: run .venv/bin/reader FOLDER" >&2
