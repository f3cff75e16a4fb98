"""The group comparison as the report shows it: an HTML table coloured by band, not a chart.

A table is read like the rest of the report (text stays text, headers wrap instead of being
rotated over each other), and it is far cheaper to lay out than an SVG heatmap with a text
element per cell. Each cell is a group's mean on one construct, tinted with its band's colour
only when the group's 95% interval lies within that band (`cell_colour`): a small group's mean
alone would claim a level its data do not support. The analysis keeps no interval per group, so
today every cell is neutral and the legend says why; a clear difference from the rest of the
respondents (`pipeline.analysis.differences`) gets a mark up or down; a hidden cell (too few
answers, or hidden with one, see `pipeline.analysis.groups`) shows a dash. The header gives n
per group and marks a group that is one organisation's people."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.colors

from pipeline.analysis.result import CoalitionResult
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument
from pipeline.core.labels import group_name
from pipeline.report.brand import Brand
from pipeline.report.texts import difference_line

# band colours lightened so dark numbers stay readable on them; by different amounts, so that
# the three also differ in lightness and stay apart under red-green colour blindness
TINT = {"strength": 0.6, "attention": 0.4, "concern": 0.85}


@dataclass(frozen=True)
class Column:
    name: str
    n: int
    single: bool           # the group is one organisation's people


@dataclass(frozen=True)
class Cell:
    text: str              # the mean as printed, or a dash for a hidden cell
    colour: str | None     # background, a hex colour made here (never user text)
    mark: str | None       # up | down: clearly higher or lower than the other respondents
    title: str             # what a screen reader or a hover says


@dataclass(frozen=True)
class Row:
    name: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class GroupView:
    by: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    lines: tuple[str, ...]         # the clear differences in words, largest first


def tint(colour: str, strength: float) -> str:
    """`colour` mixed with white: strength 1 is the colour itself, 0 white."""
    red, green, blue = matplotlib.colors.to_rgb(colour)
    return matplotlib.colors.to_hex((1 - strength * (1 - red), 1 - strength * (1 - green), 1 - strength * (1 - blue)))


def cell_colour(brand: Brand, band_low: str | None, band_high: str | None) -> str | None:
    """A cell's background: the tint of its band when both ends of the group's 95% interval are
    known and lie in the same band; None (neutral) when they cross a boundary or are not known."""
    if band_low is None or band_low != band_high:
        return None
    return tint(brand.bands[band_low], TINT[band_low])


def group_view(result: CoalitionResult, by: str, codes: list[str], instrument: Instrument, brand: Brand,
               t: Translator) -> GroupView | None:
    """The table of one breakdown; None when fewer than two groups can be shown."""
    table = result.groups[by]
    if len(table.sizes) < 2:
        return None
    groups = list(table.sizes)
    clear = {(d.construct, d.group): d for d in table.differences if d.clear}
    rows = []
    for code in codes:
        cells = []
        for g in groups:
            mean = table.means.get(code, {}).get(g)
            name = group_name(instrument, by, g, t)
            if mean is None:
                cells.append(Cell("–", None, None, t("group_cell_hidden", group=name)))
                continue
            d = clear.get((code, g))
            mark = None if d is None else ("up" if d.difference > 0 else "down")
            title = (t("group_cell", group=name, mean=t.number(mean), n=table.counts[code][g])
                     + (f" {difference_line(d, table, instrument, t)}" if d else ""))
            # no interval per group in `GroupTable`: the band of its ends is unknown, the cell neutral
            cells.append(Cell(t.number(mean), cell_colour(brand, None, None), mark, title))
        rows.append(Row(instrument.constructs[code].name(t.lang), tuple(cells)))
    columns = tuple(Column(short_group_name(instrument, by, g, t), n, g in table.single_organisation)
                    for g, n in table.sizes.items())
    found = sorted((d for d in table.differences if d.clear and d.construct in codes), key=lambda d: -abs(d.difference))
    return GroupView(by, t(f"chart_groups_title_{by}"), columns, tuple(rows),
                     tuple(difference_line(d, table, instrument, t) for d in found))


def short_group_name(instrument: Instrument, by: str, code: str, t: Translator) -> str:
    """A group's short column label ("Huisartsen", "GGZ", "Municipality"), with soft hyphens
    where a narrow column may break it; the full name where no short one is set."""
    key = f"group_short_{by}_{code}"
    return t(key) if key in t.strings else group_name(instrument, by, code, t)


def group_views(result: CoalitionResult, instrument: Instrument, brand: Brand, t: Translator) -> list[GroupView]:
    """Every breakdown that can be shown, on the constructs with a band."""
    codes = [c.code for c in instrument.constructs.values() if c.is_quality]
    return [v for by in result.groups if (v := group_view(result, by, codes, instrument, brand, t)) is not None]
