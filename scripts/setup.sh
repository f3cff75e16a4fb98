#!/usr/bin/env bash
# Installs everything Netwerkscan needs, and only what is missing, so a second run is fast:
# a virtual environment in .venv with the exact versions of requirements.lock (exported from
# uv.lock, with hashes), the package itself (editable, so templates/ and notebooks/ are used in
# place) and the Jupyter kernel the report notebook runs on.
#
# It never uses sudo. The system libraries and fonts WeasyPrint renders with are checked; when
# some are missing it installs them only when run as root, and otherwise prints the exact
# command to run and stops with exit code 1.
#
# PYTHON=python3.12 scripts/setup.sh    uses another interpreter (3.11 or later); a .venv made
#                                       by a different Python is removed and made again.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- system libraries and fonts ------------------------------------------------------------
DEBIAN_PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0   # WeasyPrint's text layout
  fonts-open-sans fonts-noto-core fonts-dejavu-core      # brand fonts, embedded in every PDF
  poppler-utils                                          # pdftotext/pdftoppm for tests and review
  libcairo2                                              # CairoSVG: the charts as pictures in the slides
)
if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "Installing system packages: ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    else
      echo "Netwerkscan needs these system packages, which are not installed: ${missing[*]}" >&2
      echo "Install them (this needs root), then run the command again:" >&2
      echo "" >&2
      echo "    sudo apt-get install --no-install-recommends ${missing[*]}" >&2
      echo "" >&2
      exit 1
    fi
  fi
elif [ "$(uname -s)" = "Darwin" ]; then
  if ! command -v brew >/dev/null 2>&1 || ! brew list pango >/dev/null 2>&1 || ! brew list cairo >/dev/null 2>&1; then
    echo "Netwerkscan needs Pango (WeasyPrint's text layout) and Cairo (the slides' pictures) from Homebrew, then run the command again:" >&2
    echo "" >&2
    echo "    brew install pango cairo" >&2
    echo "    brew install --cask font-open-sans font-noto-serif" >&2
    echo "" >&2
    exit 1
  fi
else
  echo "Not Debian/Ubuntu or macOS: make sure Pango (1.44 or later) and the fonts Open Sans and"
  echo "Noto Serif are installed (see the README's installation section)."
fi

# --- Python and the virtual environment ----------------------------------------------------
PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null 2>&1 \
   || ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Netwerkscan needs Python 3.11 or later as '$PYTHON' (set PYTHON=... to use another)." >&2
  echo "On Debian 12 and Ubuntu 24.04 the system python3 will do:" >&2
  echo "" >&2
  echo "    sudo apt-get install python3 python3-venv" >&2
  echo "" >&2
  exit 1
fi
if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
  echo "Python's venv module is missing; install it (this needs root), then run the command again:" >&2
  echo "" >&2
  echo "    sudo apt-get install python3-venv" >&2
  echo "" >&2
  exit 1
fi

# Which interpreter a .venv belongs to: its base installation and exact version.
identity='import platform, sys; print(sys.base_prefix, platform.python_version())'
want_python=$("$PYTHON" -c "$identity")
if [ -e .venv ]; then
  have_python=$(.venv/bin/python -c "$identity" 2>/dev/null || echo "broken")
  if [ "$have_python" != "$want_python" ]; then
    echo "Removing .venv: it was made by another Python ($have_python), not by $PYTHON ($want_python)"
    rm -rf .venv
  fi
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv ($("$PYTHON" --version))"
  "$PYTHON" -m venv .venv
fi

stamp=.venv/.netwerkscan-installed
want=$( (cat requirements.lock pyproject.toml; echo "$want_python") | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing Python packages from requirements.lock"
  # Only the locked versions, each checked against its hash.
  .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
  echo "$want" > "$stamp"
fi

# The Jupyter kernel `netwerkscan` for this .venv's Python (nothing to do when it exists).
.venv/bin/python -c 'from pipeline.batch.kernelspec import ensure_kernel; ensure_kernel()'
