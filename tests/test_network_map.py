"""The network map reads: no label overlaps another, every label stays on the chart and lies
nearest its own dot, no dot lies on another or on a tie it is not an end of, organisations
without a tie stand apart from the connected parts, the legend explains each mark used, and a
large network draws its core only."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.path import Path as Outline
from scipy.spatial import ConvexHull

from pipeline.analysis.network import MAP_LIMIT, network_structure
from pipeline.analysis.result import CoalitionResult, RosterEntry
from pipeline.core.coalition import Organisation
from pipeline.core.i18n import Translator
from pipeline.report.brand import load_brand
from pipeline.report.charts import _box_distance, _chart, _draw_network, _to_segment, map_height, network_map
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


def drawn_map(result: CoalitionResult, lang: str = "nl") -> tuple[list, np.ndarray, np.ndarray]:
    """The labels' boxes, the dots' centres and radii as drawn (display coordinates, layout order)."""
    brand, t = load_brand(None), Translator(lang)
    with _chart(brand, 14, map_height(len(result.network.layout)), layout="constrained") as (fig, ax):
        labels = _draw_network(fig, ax, result, brand, t)
        renderer = fig.canvas.get_renderer()
        fig.draw(renderer)
        dots = [c for c in ax.collections if isinstance(c, PathCollection)]
        centres = np.array([ax.transData.transform(dot.get_offsets()[0]) for dot in dots])
        radii = np.array([np.sqrt(dot.get_sizes()[0]) / 2 + 0.5 for dot in dots])   # the disc and its rim
        return [label.get_window_extent(renderer) for label in labels], centres, radii


def assert_apart(result: CoalitionResult, nearest: bool = True) -> None:
    """No two dots overlap, no dot lies on a tie it is not an end of, every label lies nearer its
    own dot than any other, and organisations without a tie lie outside every connected part."""
    net = result.network
    codes = list(net.layout)
    boxes, centres, radii = drawn_map(result)
    assert len(centres) == len(codes)
    for i, j in combinations(range(len(codes)), 2):
        assert np.hypot(*(centres[i] - centres[j])) > radii[i] + radii[j], (codes[i], codes[j])
    ties = [(codes.index(t.source), codes.index(t.target)) for t in net.ties
            if t.source in net.layout and t.target in net.layout]
    for k in range(len(codes)):
        for a, b in ties:
            if k not in (a, b):
                assert _to_segment(centres[k], centres[a], centres[b]) > radii[k], (codes[k], codes[a], codes[b])
    for n, box in enumerate(boxes if nearest else ()):
        distances = _box_distance(box, centres)
        assert int(np.argmin(distances)) == n and sorted(distances)[1] > distances[n], (codes[n], distances)
    tied = {code for t in net.ties for code in (t.source, t.target)}
    graph = {code: {code} for code in tied}
    for t in net.ties:      # the connected parts, by merging
        merged = graph[t.source] | graph[t.target]
        for code in merged:
            graph[code] = merged
    parts = {frozenset(part) for part in graph.values() if len(part) >= 3}
    for code in set(codes) - tied:
        for part in parts:
            points = np.array([net.layout[c] for c in part])
            hull = Outline(points[ConvexHull(points).vertices])
            assert not hull.contains_point(net.layout[code], radius=-0.3), (code, sorted(part))


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


def in_parts(result: CoalitionResult, parts: list[int], lone: int) -> CoalitionResult:
    """Connected parts of the given sizes (a ring with a chord each) and `lone` organisations that
    answer but work with nobody."""
    count = sum(parts) + lone
    orgs = tuple(Organisation(f"p{n:02d}", f"{KINDS[n % 6]} {TOWNS[n // 6 % 6]}" + (" Noord" if n >= 36 else ""),
                              "overig") for n in range(count))
    group, start = {}, 0
    for number, size in enumerate(parts):
        for n in range(start, start + size):
            group[n] = (number, n - start, size)
        start += size

    def tied(n: int, m: int) -> bool:
        if n not in group or m not in group or group[n][0] != group[m][0]:
            return False
        _, i, size = group[n]
        j = group[m][1]
        return (i - j) % size in (1, size - 1) or {i, j} == {0, size // 2}

    rows = []
    for n, org in enumerate(orgs):
        rows += [{"organisatie": org.code, **{f"rel_intensiteit__{o.code}": 3.0 if tied(n, m) else 0.0
                                             for m, o in enumerate(orgs) if o != org}}] * 3
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


@pytest.mark.slow
@pytest.mark.parametrize("slug", EXAMPLES)
def test_dots_of_the_examples_stand_apart_and_labels_by_their_own(slug):
    assert_apart(analyse_folder(INPUTS / slug)[2])


PARTS = [([6, 4], 1), ([7, 3, 2], 2), ([5, 5, 3], 3), ([9, 2], 4)]


@pytest.mark.parametrize(("parts", "lone"), PARTS)
def test_parts_stand_side_by_side_and_the_untied_apart(oosterbroek, parts, lone):
    result = in_parts(oosterbroek, parts, lone)
    assert result.network.components == len(parts) + lone
    assert_apart(result, nearest=False)
    assert_readable(result)


# The examples and the sparser parts keep every label nearest its own dot; beside a crowded hub
# (parts of 7 and 9 with close neighbours, 30 organisations) a long name may find no such spot
# and takes the first free one with a leader line: those maps are held to dots and labels apart.
@pytest.mark.parametrize(("parts", "lone"), PARTS)
def test_labels_of_parts_lie_by_their_own_dot(oosterbroek, parts, lone):
    assert_apart(in_parts(oosterbroek, parts, lone), nearest=parts not in ([7, 3, 2], [9, 2]))


def test_a_crowded_map_keeps_its_dots_apart(oosterbroek):
    assert_apart(synthetic(oosterbroek, 30), nearest=False)


def test_the_layout_is_deterministic(oosterbroek):
    assert in_parts(oosterbroek, [7, 3, 2], 2).network.layout == in_parts(oosterbroek, [7, 3, 2], 2).network.layout


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
