"""The role heatmap reads in both languages: long group and role names are wrapped, no tick
label is cut off by the figure's edge, and no two column headers touch."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.report import charts
from pipeline.report.brand import load_brand
from pipeline.report.steps import analyse_folder

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
EXAMPLES = sorted(p.name for p in INPUTS.iterdir() if (p / "coalition.yaml").is_file())


def drawn_ticks(slug: str, lang: str) -> tuple[list, list, object]:
    """The row and column labels' boxes as drawn (display coordinates), and the figure's box."""
    result = analyse_folder(INPUTS / slug)[2]
    seen = {}
    original = charts._svg

    def keep(fig: Figure) -> str:
        svg = original(fig)
        (ax,) = fig.axes
        renderer = fig.canvas.get_renderer()
        seen["rows"] = [label.get_window_extent(renderer) for label in ax.get_yticklabels() if label.get_text()]
        seen["columns"] = [label.get_window_extent(renderer) for label in ax.get_xticklabels() if label.get_text()]
        seen["figure"] = fig.bbox
        return svg

    charts._svg = keep
    try:
        charts.role_heatmap(result, load_instrument(), load_brand(None), Translator(lang))
    finally:
        charts._svg = original
    return seen["rows"], seen["columns"], seen["figure"]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("slug", EXAMPLES)
def test_role_labels_stay_whole_and_apart(slug, lang):
    rows, columns, figure = drawn_ticks(slug, lang)
    assert rows and columns
    for box in rows + columns:
        assert figure.x0 <= box.x0 and box.x1 <= figure.x1 and figure.y0 <= box.y0 and box.y1 <= figure.y1, box
    for a, b in combinations(columns, 2):
        assert a.x1 + 4 <= b.x0 or b.x1 + 4 <= a.x0, (a, b)     # at least 4 points between headers


def test_long_role_headers_are_wrapped_and_kept_on_the_figure():
    rows, columns, figure = drawn_ticks("leernetwerk-heidemeer", "en")
    assert max(box.x1 for box in columns) <= figure.x1
    assert all(box.width < figure.width / len(columns) for box in columns)
