"""Where Netwerkscan's own files live: the package data, the templates and the report notebook.

In a source checkout the templates and the notebook are the repository's top-level folders
(the design card keeps them there, for analysts to open and edit). An installed wheel carries
copies inside the package (`pipeline/templates`, `pipeline/notebooks`), put there by the build
backend. Every other module asks this one, so nothing else guesses at a folder."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE_DIR = Path(str(files("pipeline")))
DATA_DIR = PACKAGE_DIR / "data"


def _shipped(folder: str) -> Path:
    """The folder inside the installed package if it is there, else the checkout's own."""
    inside = PACKAGE_DIR / folder
    return inside if inside.is_dir() else PACKAGE_DIR.parent / folder


TEMPLATES_DIR = _shipped("templates")
NOTEBOOKS_DIR = _shipped("notebooks")
REPORT_NOTEBOOK = NOTEBOOKS_DIR / "coalition_report.ipynb"
BRANDS_DIR = TEMPLATES_DIR / "brands"
DEFAULT_BRAND = BRANDS_DIR / "default"

DEFAULTS_FILE = DATA_DIR / "config" / "defaults.yaml"
INSTRUMENT_DIR = DATA_DIR / "instruments"
LOCALE_DIR = DATA_DIR / "locale"
DEFAULT_CATALOGUE = DATA_DIR / "catalogue" / "advice.yaml"
DEFAULT_QUESTIONS = DATA_DIR / "catalogue" / "questions.yaml"
