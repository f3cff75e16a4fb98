"""The network map reads: no label overlaps another, every label stays on the chart, the
legend explains each mark used, and a large network draws its core only."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest

from pipeline.analysis.network import MAP_LIMIT, network_structure
from pipeline.analysis.result import CoalitionResult, RosterEntry
from pipeline.core.coalition import Organisation
from pipeline.core.i18n import Translator
from pipeline.report.brand import load_brand
from pipeline.report.charts import _chart, _draw_network, map_height, network_map
from pipeline.report.steps import analyse_folder

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
EXAMPLES = sorted(p.name for p in INPUTS.iterdir() if (p / "coalition.yaml").is_file())
TOWNS = ["Lindeveld", "Oosterbroek", "Heidemeer", "Kempenrode", "Duinstede", "Zuidervaart"]
KINDS = ["Huisartsencoöperatie", "Zorggroep", "GGZ", "Gemeente", "Welzijn", "Cliëntenraad"]


def label_boxes(result: CoalitionResult, lang: str = "nl") -> tuple[list, list, object]:
    """The labels' boxes and the dots' centres as drawn (display coordinates), and the figure's box."""
    brand, t = load_brand(None), Translator(lang)
    with _chart(brand, 14, map_height(len(result.network.layout)), layout="constrained") as (fig, ax):
        labels = _draw_network(fig, ax, result, brand, t)
        renderer = fig.canvas.get_renderer()
        fig.draw(renderer)
        dots = [ax.transData.transform(xy) for xy in result.network.layout.values()]
        return [label.get_window_extent(renderer) for label in labels], dots, fig.bbox


def assert_readable(result: CoalitionResult, dots_free: bool = True) -> None:
    """No two labels overlap and all stay on the chart; with `dots_free` no label covers a dot's
    middle either (held for the examples; a dense 30-organisation map may graze one)."""
    boxes, dots, figure = label_boxes(result)
    assert len(boxes) == len(result.network.layout)
    for (i, a), (j, b) in combinations(enumerate(boxes), 2):
        assert not a.overlaps(b), (i, j, a, b)
    for box in boxes if dots_free else ():
        assert not any(box.contains(x, y) for x, y in dots), box
    for box in boxes:
        assert figure.x0 <= box.x0 and box.x1 <= figure.x1 and figure.y0 <= box.y0 and box.y1 <= figure.y1


def synthetic(result: CoalitionResult, count: int, silent: int = 3) -> CoalitionResult:
    """`count` organisations with long real-looking names, ties in a ring with chords, the last
    `silent` without respondents."""
    quarters = "Noord Zuid Oost West".split()
    orgs = tuple(Organisation(f"o{n:02d}", f"{KINDS[n % 6]} {TOWNS[n // 6 % 6]} {quarters[n // 36]}", "overig")
                 for n in range(count))
    rows = []
    for n, org in enumerate(orgs[:count - silent]):
        ratings = {f"rel_intensiteit__{o.code}": 3.0 if (m - n) % count in (1, 2, count - 1, count - 2) or
                   (n + m) % 11 == 0 else 0.0 for m, o in enumerate(orgs) if o != org}
        rows += [{"organisatie": org.code, **ratings}] * 3
    net = network_structure(pd.DataFrame(rows), orgs, tie_intensity=2, high_trust=3, threshold=5)
    coalition = replace(result.coalition, organisations=count,
                        roster={o.code: RosterEntry(o.name, o.actortype) for o in orgs})
    return replace(result, coalition=coalition, network=net)


@pytest.fixture(scope="module")
def oosterbroek() -> CoalitionResult:
    return analyse_folder(INPUTS / "wijkzorg-oosterbroek")[2]


@pytest.mark.slow
@pytest.mark.parametrize("slug", EXAMPLES)
def test_labels_of_the_examples_never_overlap(slug):
    assert_readable(analyse_folder(INPUTS / slug)[2])


@pytest.mark.parametrize("count", [12, 30])
def test_labels_of_a_large_network_never_overlap(oosterbroek, count):
    assert_readable(synthetic(oosterbroek, count), dots_free=count <= 15)


def test_sixty_organisations_map_their_core_and_say_so(oosterbroek):
    big = synthetic(oosterbroek, 60)
    assert len(big.network.layout) == MAP_LIMIT
    assert_readable(big, dots_free=False)
    chart = network_map(big, load_brand(None), Translator("en"))
    assert f"shows the {MAP_LIMIT} best-connected" in chart.alt


def test_the_legend_names_every_mark_on_the_map(oosterbroek):
    chart = network_map(synthetic(oosterbroek, 12), load_brand(None), Translator("en"))
    for words in ("larger means more working ties", "one working tie or none", "thicker means more intensive",
                  "no response from this organisation"):
        assert all(word in chart.svg for word in words.split()), words
