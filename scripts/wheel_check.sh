#!/usr/bin/env bash
# What a new user gets from `pip install`: builds the sdist and the wheel from it, checks that
# the wheel carries every file the program reads (templates, notebook, brands and every YAML
# file of the package), installs it in a fresh virtual environment (dependencies from
# requirements-worker.lock, then the wheel, whose own requirements must then be met), and
# renders one example coalition copied to a folder outside the repository, from that folder.
#
# PYTHON=python3.11 SLUG=zorgnetwerk-lindeveld KEEP=1 scripts/wheel_check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
PYTHON="${PYTHON:-python3}"
SLUG="${SLUG:-zorgnetwerk-lindeveld}"
work=$(mktemp -d "${TMPDIR:-/tmp}/netwerkscan-wheel-check.XXXXXX")
if [ -n "${KEEP:-}" ]; then echo "Keeping $work"; else trap 'rm -rf "$work"' EXIT; fi

echo "== Building the sdist and, from it, the wheel"
if [ -x .venv/bin/uv ]; then
  .venv/bin/uv build --quiet --out-dir "$work/dist" .
else
  "$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" .
fi
wheel=$(ls "$work"/dist/*.whl)
echo "$(basename "$wheel")  $(du -k "$wheel" | cut -f1) kB"

echo "== Checking the wheel's files"
git ls-files -- pipeline templates notebooks/coalition_report.ipynb > "$work/tracked"
"$PYTHON" - "$wheel" "$work/tracked" <<'EOF'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = set()
for path in open(sys.argv[2]).read().split():
    if path.startswith("pipeline/"):
        need.add(path)                                     # code and every YAML file in it
    else:                                                  # templates/..., notebooks/...
        need.add("pipeline/" + path)
missing = sorted(need - names)
if missing:
    sys.exit("the wheel lacks: " + ", ".join(missing))
print(f"all {len(need)} files of pipeline/, templates/ and the notebook are in the wheel")
EOF

echo "== Installing it in a fresh virtual environment"
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check --require-hashes -r requirements-worker.lock
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel"
site=$("$work/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "installed: $(du -sm "$site" | cut -f1) MB in site-packages"

cd "$work"                                   # nothing of the repository is in reach from here
"$work/venv/bin/python" -c 'import pipeline, sys; sys.exit(None if "site-packages" in pipeline.__file__ else f"pipeline imported from {pipeline.__file__}")'
"$PYTHON" - "$work/venv/bin/netwerkscan" <<'EOF'
import subprocess, sys, time
start = time.perf_counter()
subprocess.run([sys.argv[1], "--help"], check=True, stdout=subprocess.DEVNULL)
print(f"cold start: netwerkscan --help took {time.perf_counter() - start:.2f} s")
EOF

echo "== Rendering $SLUG from $work/data"
mkdir -p data
cp -r "$repo/inputs/$SLUG" data/
# No kernel is set up by hand: the program sets up its own on first use. A Jupyter folder of
# its own keeps kernels of this machine's user out of the check.
JUPYTER_DATA_DIR="$work/jupyter" "$work/venv/bin/netwerkscan" run data --only "$SLUG" --out out --workers 1
pdf="out/$SLUG/$SLUG.pdf"
if [ ! -s "$pdf" ] || [ "$(head -c 4 "$pdf")" != "%PDF" ]; then
  echo "wheel check failed: no PDF at $pdf" >&2
  exit 1
fi
echo "wheel check passed: $pdf, $(du -k "$pdf" | cut -f1) kB"
