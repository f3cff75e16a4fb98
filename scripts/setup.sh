#!/usr/bin/env bash
# Installs everything Netwerkscan needs, and only what is missing, so a second run is fast:
# the system libraries and fonts WeasyPrint renders with, a virtual environment with the exact
# versions of requirements.lock, the package itself (editable, so templates/ and notebooks/
# are used in place) and the Jupyter kernel the report notebook runs on.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0   # WeasyPrint's text layout
  fonts-open-sans fonts-noto-core fonts-dejavu-core      # brand fonts, embedded in every PDF
  poppler-utils                                          # pdftotext/pdftoppm for tests and review
  libcairo2                                              # CairoSVG: the charts as pictures in the slides
)
missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.netwerkscan-installed
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing Python packages from requirements.lock"
  .venv/bin/python -m pip install -q -r requirements.lock
  .venv/bin/python -m pip install -q --no-deps -e .
  .venv/bin/python -m ipykernel install --sys-prefix --name netwerkscan --display-name "Python (netwerkscan)" >/dev/null
  echo "$want" > "$stamp"
fi
