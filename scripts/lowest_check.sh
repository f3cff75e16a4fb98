#!/usr/bin/env bash
# Are the lower bounds in pyproject.toml right? Runs the whole test suite on the lowest version
# pyproject.toml allows of every direct dependency (wheels only, for the oldest Python minor
# allowed), in a throwaway virtual environment. Takes as long as `make test` plus an install.
# Arguments go to pytest: scripts/lowest_check.sh tests/test_batch.py -k hung
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
work=$(mktemp -d "${TMPDIR:-/tmp}/netwerkscan-lowest.XXXXXX")
trap 'rm -rf "$work"' EXIT

.venv/bin/uv pip compile pyproject.toml --all-extras --group dev --resolution lowest-direct \
  --python-version 3.11 --only-binary :all: --no-header --quiet -o "$work/lowest.txt"
grep -E '^[A-Za-z]' "$work/lowest.txt" | tr '\n' ' '; echo
"$PYTHON" -m venv "$work/venv"
.venv/bin/uv pip install --quiet --python "$work/venv/bin/python" --only-binary :all: -r "$work/lowest.txt"
.venv/bin/uv pip install --quiet --python "$work/venv/bin/python" --no-deps -e .
"$work/venv/bin/python" -c 'from pipeline.batch.kernelspec import ensure_kernel; ensure_kernel()'
"$work/venv/bin/python" -m pytest -n 2 -p no:cacheprovider "$@"
