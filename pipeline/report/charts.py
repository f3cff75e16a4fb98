"""Report charts as SVG, in the brand's font and colours.

Text stays text in the SVG (`svg.fonttype: none`): drawing each letter as a path roughly
triples the PDF's time, blurs nothing, and makes the words unselectable in the PDF.
Every chart carries a title and an alternative text for readers who cannot see it.

Importing this module, or drawing, changes no global state: each chart is a bare `Figure`
(no pyplot, so nothing to close and a notebook's own plots keep their backend and style),
styled inside `matplotlib.rc_context` for both drawing and saving. Each chart is drawn once:
constrained layout instead of a tight bounding box (which draws a chart twice), and the SVG is
trimmed of what WeasyPrint would only walk through (groups that carry nothing but an id, the
metadata, invisible background patches), and the report's HTML gets it the way WeasyPrint draws
it fastest (styles as attributes, one clip for neighbours that share it), since the PDF spends
most of its time in chart SVG."""

from __future__ import annotations

import base64
import io
import math
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

import matplotlib
import numpy as np
import seaborn as sns
from adjustText import adjust_text
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.colors import Colormap, Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from pipeline.analysis.comparisons import ChangeLevel
from pipeline.analysis.coverage import Coverage
from pipeline.analysis.result import CoalitionResult
from pipeline.core.bands import SHOWN_BANDS
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument
from pipeline.core.labels import option_label
from pipeline.report.brand import Brand, band_colour
from pipeline.report.chart_fonts import MeasuringRenderer

BLOCKS = ("actor", "identiteit", "ambities", "fundament")
CROWDED = 15    # a network map with more organisations: smaller labels, thinner lines, a taller chart
CM = 1 / 2.54
HALO, HALO_WIDTH = "halo", 2.2      # the id of a map label's white outline, and its width in points
_HALO_GROUP = re.compile(rf'<g id="{HALO}-\d+">.*?</g>', re.DOTALL)


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    alt: str
    svg: str
    note: str = ""      # a line under the chart (the template shows it): what a mark in it means

    @property
    def data_uri(self) -> str:
        """The chart for the report's HTML, in the SVG that WeasyPrint draws fastest (`_for_weasyprint`);
        the slides rasterise `svg` as it is, with another renderer."""
        svg = _for_weasyprint(self.svg)
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def chart_style(brand: Brand) -> dict[Any, Any]:
    """The charts' rc settings: seaborn's whitegrid theme (notebook context, deep palette) in
    the brand's font and colours, as a dict for `matplotlib.rc_context`, not set globally."""
    return {
        **sns.plotting_context("notebook"), **sns.axes_style("whitegrid", {"font.family": brand.font}),
        "axes.prop_cycle": cycler(color=sns.color_palette("deep")),
        "svg.fonttype": "none", "svg.hashsalt": "netwerkscan",  # reproducible ids: same input, same SVG
        "font.size": 9, "axes.titlesize": 10, "axes.labelsize": 9,
        "axes.edgecolor": "#BBBBBB", "text.color": brand.text, "axes.labelcolor": brand.text,
        "xtick.color": brand.text, "ytick.color": brand.text, "grid.color": "#E5E7EB",
        "figure.constrained_layout.h_pad": 2 / 72, "figure.constrained_layout.w_pad": 2 / 72,
    }


class _OneRendererCanvas(FigureCanvasSVG):
    """An SVG canvas that lays the figure out and draws it with one renderer: `savefig` would lay
    out with one renderer and draw with another. Its texts are measured through the process's
    caches (`chart_fonts`), not once per renderer."""

    def __init__(self, figure: Figure):
        super().__init__(figure)
        self._buffer = io.StringIO()
        width, height = figure.get_size_inches() * 72
        self._renderer = MeasuringRenderer(width, height, self._buffer, figure.dpi, metadata={"Date": None})

    def get_renderer(self) -> RendererSVG:
        return self._renderer

    def svg(self) -> str:
        """Lay out and draw, once (a layout engine, where the figure has one, runs in the draw)."""
        if self.figure.get_layout_engine() is None:
            _fit(self.figure, self._renderer)
        self.figure.draw(self._renderer)
        self._renderer.finalize()
        return self._buffer.getvalue()


def _fit(fig: Figure, renderer: RendererSVG, pad: float = 2.0) -> None:
    """Place the axes so that they and everything around them (tick labels, title, texts) fill
    the figure, above the figure's legends: one measuring pass, where constrained layout makes
    two. Exact as long as the texts around the axes keep their size when the axes move, which
    holds for every chart but the network map (its labels sit at data points)."""
    (ax,) = fig.axes
    width, height = fig.bbox.width, fig.bbox.height         # points, at 72 dpi
    legends = sum(legend.get_window_extent(renderer).height + pad for legend in fig.legends)
    box, tight = ax.bbox, ax.get_tightbbox(renderer)
    assert tight is not None, "an axes with labels has a bounding box"
    left, bottom = pad + box.x0 - tight.x0, pad + legends + box.y0 - tight.y0
    right, top = width - pad - (tight.x1 - box.x1), height - pad - (tight.y1 - box.y1)
    ax.set_position((left / width, bottom / height, (right - left) / width, (top - bottom) / height))


@contextmanager
def _chart(brand: Brand, width_cm: float, height_cm: float,
           layout: Literal["constrained"] | None = None) -> Iterator[tuple[Figure, Axes]]:
    """A figure and its axes in the brand's style; the style holds until the block ends, so
    draw and save (`_svg`) inside it. Without a `layout` engine, `_fit` places the axes."""
    with matplotlib.rc_context(chart_style(brand)):
        # 72 dpi: SVG's unit, so that the layout and the drawing measure texts alike
        fig = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=72, layout=layout)
        _OneRendererCanvas(fig)
        fig.patch.set_visible(False)        # the page is white already
        ax = fig.add_subplot()
        ax.patch.set_visible(False)
        yield fig, ax


# an SVG group that carries nothing but its id: its children can stand in its place
_BARE_GROUP = re.compile(r'\s*<g id="[^"]*">$')


def _lean(svg: str) -> str:
    """The SVG without what changes nothing on the page: the metadata, and the groups that only
    name an artist (a third of matplotlib's elements, each one walked by WeasyPrint)."""
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.DOTALL)
    lines, bare = [], []
    for line in svg.splitlines():
        stripped = line.strip()
        if stripped.startswith("<g ") and stripped.endswith("/>"):
            continue                        # an empty group
        if stripped.startswith("<g ") or stripped == "<g>":
            bare.append(bool(_BARE_GROUP.match(line)))
            if bare[-1]:
                continue
        elif stripped == "</g>":
            if bare.pop():
                continue
        lines.append(line)
    return "\n".join(lines) + "\n"


# matplotlib's one style sheet, a rule for every element; and an element's start tag
_EVERY_ELEMENT = re.compile(r'\s*<defs>\s*<style type="text/css">\*\{([^{}]*)\}</style>\s*</defs>')
_START_TAG = re.compile(r'<(\w+)((?:\s+[\w:-]+="[^"]*")*)\s*(/?)>')
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
_NO_TURN = re.compile(r"rotate\(-?0 [^)]*\)")


def _declarations(css: str) -> dict[str, str]:
    return dict((name.strip(), value.strip()) for name, value in
                (declaration.split(":", 1) for declaration in css.split(";") if declaration.strip()))


def _plain(svg: str) -> str:
    """The SVG with every element's styles as attributes, as WeasyPrint would cascade them:
    its style sheet's rule for every element (`*{stroke-linejoin: round; ...}`) over the
    element's attributes, and its `style` over both. WeasyPrint parses every `style` with a
    CSS parser and matches the rule against every element each time a chart is drawn; an
    attribute it only copies. A text's `rotate(-0 x y)`, a turn by nothing, goes too."""
    sheet = _EVERY_ELEMENT.search(svg)
    if sheet is None:
        return svg
    every = _declarations(sheet.group(1))
    svg = svg[:sheet.start()] + svg[sheet.end():]

    def plain(tag: re.Match[str]) -> str:
        name, attributes, end = tag.groups()
        if name == "svg":                   # the root: the rule is for its descendants
            return tag.group(0)
        values = {**dict(_ATTRIBUTE.findall(attributes)), **every}
        values.update(_declarations(values.pop("style", "")))
        if _NO_TURN.fullmatch(values.get("transform", "")):
            del values["transform"]
        return "<" + name + "".join(f' {key}="{value}"' for key, value in values.items()) + end + ">"

    return _START_TAG.sub(plain, svg)


# an element without children, and the clip path it names
_CLIPPED = re.compile(r'<(?:path|use|rect)\s[^>]*?\sclip-path="([^"]*)"[^>]*/>')


def _shared_clips(svg: str) -> str:
    """The SVG with each run of neighbouring elements that name the same clip path in one group
    that clips them: WeasyPrint draws the clip path again for every element that names it (a
    chart's bars and lines each name the axes'), for a group once. An element that is moved
    (`transform`, in whose frame its clip lies) or see-through (`opacity`) keeps its own clip."""
    parts: list[str] = []
    run: list[re.Match[str]] = []
    end = 0

    def close_run() -> None:
        if len(run) > 1:
            clip = f' clip-path="{run[0].group(1)}"'
            parts.append(f"<g{clip}>" + svg[run[0].start():run[-1].end()].replace(clip, "") + "</g>")
        elif run:
            parts.append(run[0].group(0))
        run.clear()

    for element in _CLIPPED.finditer(svg):
        between = svg[end:element.start()]
        if "transform" in element.group(0) or "opacity" in element.group(0):   # an attribute or a style
            close_run()
            parts.append(between + element.group(0))
        else:
            if not (run and not between.strip() and run[0].group(1) == element.group(1)):
                close_run()
                parts.append(between)
            run.append(element)
        end = element.end()
    close_run()
    parts.append(svg[end:])
    return "".join(parts)


def _for_weasyprint(svg: str) -> str:
    """The same picture, as WeasyPrint draws it with the least work: styles as attributes, one
    clip for neighbours that share it. Only for WeasyPrint (and browsers): cairosvg, which makes
    the slides' pictures, cascades matplotlib's style sheet its own way and would draw some lines'
    ends a pixel differently."""
    return _shared_clips(_plain(svg))


def _svg(fig: Figure) -> str:
    """Draw the figure once and return its SVG; call inside `_chart`'s block."""
    canvas = fig.canvas
    assert isinstance(canvas, _OneRendererCanvas), "a chart's figure comes from _chart"
    return _lean(_outline_halos(canvas.svg()))


def _outline_halos(svg: str) -> str:
    """The SVG with the texts of every halo group (`_halo`) outlined in their own white."""
    return _HALO_GROUP.sub(lambda group: group.group(0).replace(
        '<text style="', f'<text style="stroke: #ffffff; stroke-width: {HALO_WIDTH:g}; '), svg)


def _heatmap(ax: Axes, values: list[list[float | None]], cmap: Colormap, norm: Normalize, annotations: list[list[str]],
             xlabels: list[str], ylabels: list[str], fontsize: float) -> None:
    """Coloured cells with their values written in, rows from the top, like seaborn's heatmap,
    without its trial draw (to see whether labels overlap, which the charts decide themselves).
    An empty cell (None) stays blank; numbers on dark cells are white."""
    data = np.ma.masked_invalid(np.array([[np.nan if v is None else v for v in row] for row in values], dtype=float))
    mesh = ax.pcolormesh(data, cmap=cmap, norm=norm, edgecolors="white", linewidth=1)
    ax.set_xlim(0, data.shape[1])
    ax.set_ylim(data.shape[0], 0)
    ax.set_xticks([x + 0.5 for x in range(data.shape[1])], xlabels)
    ax.set_yticks([y + 0.5 for y in range(data.shape[0])], ylabels, va="center")
    ax.spines[:].set_visible(False)
    ax.grid(False)
    colours = np.asarray(mesh.cmap(mesh.norm(data)))
    for (y, x), empty in np.ndenumerate(np.ma.getmaskarray(data)):
        if not empty:
            colour = ".15" if sns.utils.relative_luminance(colours[y, x]) > 0.408 else "white"
            ax.text(x + 0.5, y + 0.5, annotations[y][x], ha="center", va="center", fontsize=fontsize, color=colour)


def construct_bars(result: CoalitionResult, codes: list[str], name: str, title: str, instrument: Instrument,
                   brand: Brand, t: Translator) -> Chart:
    """Mean per construct with its 95% interval, the band lines dotted, coloured as every score
    is (`band_colour`: a band's colour only when the interval lies within it) with a legend."""
    names = [_wrap(instrument.constructs[c].name(t.lang), 26) for c in codes]
    summaries = [result.constructs[c] for c in codes]
    with _chart(brand, 16.5, 2.5 + 0.9 * len(codes)) as (fig, ax):     # 0.5: the legend
        bars: list[tuple[int, float, str]] = []                 # row, mean, colour
        ranges: list[tuple[int, float, float, float]] = []      # row, mean, interval
        for y, s in enumerate(summaries):
            if s.mean is None:
                continue
            bars.append((y, s.mean, band_colour(brand, s.band, s.band_low, s.band_high, brand.primary)))
            if s.ci_low is not None and s.ci_high is not None:
                ranges.append((y, s.mean, s.ci_low, s.ci_high))
            right = s.ci_high if s.ci_high is not None else s.mean
            ax.text(min(right + 0.08, 4.78), y, t.number(s.mean), va="center", fontsize=9, fontweight="bold",
                    color=brand.text, bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
        # one call for all bars and one for all intervals: each call builds its own artists
        ax.barh([y for y, _, _ in bars], [mean - 1 for _, mean, _ in bars], left=1, height=0.55,
                color=[colour for _, _, colour in bars])
        if ranges:
            ax.errorbar([mean for _, mean, _, _ in ranges], [y for y, _, _, _ in ranges], fmt="none", color=brand.text,
                        xerr=[[mean - low for _, mean, low, _ in ranges], [high - mean for _, mean, _, high in ranges]],
                        capsize=3, linewidth=1)
        for threshold in (result.settings.band_attention, result.settings.band_strength):
            ax.axvline(threshold, color=brand.muted, linestyle=":", linewidth=1, zorder=0)
        ax.set_yticks(range(len(names)), names)
        ax.invert_yaxis()
        ax.set_xlim(1, 5)
        ax.set_xticks([1, 2, 3, 4, 5])
        ax.grid(axis="y", visible=False)
        _band_legend(fig, brand, t)
        svg = _svg(fig)
    values = "; ".join(f"{instrument.constructs[c].name(t.lang)} {t.number(s.mean)}" for c, s in zip(codes, summaries))
    return Chart(name, title, t("chart_bars_alt", title=title, values=values), svg)


def _band_legend(fig: Figure, brand: Brand, t: Translator) -> None:
    """What the colours of a chart of scores mean, in one row under it: the three bands and
    "between two levels", in the order of `SHOWN_BANDS`."""
    patches = [Patch(facecolor=brand.bands[band], edgecolor="none") for band in SHOWN_BANDS]
    fig.legend(patches, [t.band(band) for band in SHOWN_BANDS], loc="lower center", ncol=len(SHOWN_BANDS),
               frameon=False, fontsize=8, borderaxespad=0.2, handlelength=1.2, handletextpad=0.4, columnspacing=1.2)


def role_heatmap(result: CoalitionResult, instrument: Instrument, brand: Brand, t: Translator) -> Chart:
    """Who fills each role: share of respondents naming each group, darker is more. Long group
    names and role names are wrapped, so that the cells get the width and every header stays
    whole and centred over its own column, apart from its neighbours (tests/test_role_heatmap.py)."""
    def named(filling, code: str) -> float:
        return (filling.nobody if code == "niemand" else filling.holders.get(code)) or 0.0

    fillings = list(result.roles.values())
    options = [o for o in instrument.option_sets["rolhouder"]
               if o.code == "niemand" or any(named(f, o.code) >= 0.1 for f in fillings)]
    share = [[named(f, o.code) for f in fillings] for o in options]
    rows = [_wrap(option_label(o.text(t.lang)), 28) for o in options]
    columns = [_wrap(instrument.constructs[f.construct].name(t.lang), 12) for f in fillings]
    row_height = 0.5 if all("\n" not in r for r in rows) else 0.75
    header = 0.35 * max((c.count("\n") for c in columns), default=0)
    with _chart(brand, 14.5, 1.6 + header + row_height * len(options)) as (fig, ax):
        # a share resting on fewer than k people reads "<k" and is coloured as none: its shade would tell
        k = result.settings.anonymity_threshold
        small = [[0 < round(v * f.answered) < k for v, f in zip(row, fillings)] for row in share]
        _heatmap(ax, [[0.0 if hide else v * 100 for v, hide in zip(row, hid)] for row, hid in zip(share, small)],
                 sns.light_palette(brand.primary, as_cmap=True), Normalize(0, 100),
                 [[t("fewer_than_short", k=k) if hide else t.percent(v) for v, hide in zip(row, hid)]
                  for row, hid in zip(share, small)], columns, rows, fontsize=8)
        ax.tick_params(axis="x", labelrotation=0, labelsize=8.5, length=0, pad=3)
        ax.tick_params(axis="y", labelrotation=0, labelsize=8.5, length=0)
        for label in ax.get_xticklabels():
            label.set(ha="center", multialignment="center", linespacing=1.05)
        for label in ax.get_yticklabels():
            label.set(multialignment="right", linespacing=1.05)
        ax.xaxis.tick_top()
        title = t("chart_roles_title")
        canvas = fig.canvas
        assert isinstance(canvas, _OneRendererCanvas)
        _fit(fig, canvas.get_renderer())    # once to size the cells; the headers' overhang follows them,
        svg = _svg(fig)                     # so `_svg` fits again with the headers where they now are
    return Chart("rolhouders", title, t("chart_roles_alt"), svg)


def network_map(result: CoalitionResult, brand: Brand, t: Translator) -> Chart:
    """Organisations as dots, working ties as lines, with a legend saying what size, thickness,
    colour and the hollow dot mean. Above `MAP_LIMIT` organisations the map holds the
    best-connected ones (the layout's), and the table beside it lists them all."""
    net = result.network
    if net is None:     # report_charts draws no map when the relations were not measured
        raise ValueError("no network map without relation answers")
    with _chart(brand, 14, map_height(len(net.layout)), layout="constrained") as (fig, ax):
        _draw_network(fig, ax, result, brand, t)
        title = t("chart_network_title")
        svg = _svg(fig)
    core = len(net.layout) < net.organisations
    alt = t("chart_network_alt", organisations=net.organisations, ties=len(net.ties))
    if core:
        alt += " " + t("chart_network_core", shown=len(net.layout))
    return Chart("netwerkkaart", title, alt, svg)


def _draw_network(fig: Figure, ax: Axes, result: CoalitionResult, brand: Brand, t: Translator) -> list[Text]:
    """Draw the map on `ax` and return its labels, placed once the layout is fixed (in the final
    coordinates) on free spots beside their dots (`_place_labels`); adjustText pushes apart any
    label that found none."""
    net, roster = result.network, result.coalition.roster
    assert net is not None
    silent = set(net.not_responding)
    loose = set(net.isolated) | set(net.peripheral)
    many = len(net.layout) > CROWDED
    line = "#9CA3AF"
    for tie in net.ties:
        if tie.source not in net.layout or tie.target not in net.layout:
            continue
        (x1, y1), (x2, y2) = net.layout[tie.source], net.layout[tie.target]
        if tie.intensity is None:       # fewer than k raters: that the tie exists, not how strong
            ax.plot([x1, x2], [y1, y2], color=line, linewidth=0.9, linestyle=(0, (3, 2)), zorder=1)
        else:
            ax.plot([x1, x2], [y1, y2], color=line, linewidth=_tie_width(tie.intensity, many), zorder=1)
    most = max(net.degrees.values(), default=0) or 1
    sizes = {code: 70.0 if code in silent else _node_size(net.degrees.get(code, 0), most) for code in net.layout}
    dots = {}
    for code, (x, y) in net.layout.items():
        if code in silent:
            dots[code] = ax.scatter([x], [y], s=sizes[code], facecolor="white", edgecolors=brand.muted,
                                    linewidths=1.4, zorder=2)
        else:
            colour = brand.muted if code in loose else brand.primary
            dots[code] = ax.scatter([x], [y], s=sizes[code], color=colour, zorder=2, edgecolors="white")
    xs = [x for x, _ in net.layout.values()]
    ys = [y for _, y in net.layout.values()]
    ax.set_axis_off()
    ax.margins(0.3, 0.14)
    ax.set_aspect("equal", adjustable="datalim")     # the layout's units are the same both ways
    fig.legend(handles=_network_legend(result, brand, t), loc="outside lower center", ncols=2, fontsize=6.5,
               frameon=False, handlelength=2.6, columnspacing=1.2)
    labels = {code: ax.text(x, y, _wrap(roster[code].name, 16 if many else 22), fontsize=6 if many else 7,
                            color=brand.text, zorder=3, linespacing=1.1,
                            bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none",
                                  "alpha": 0.9})
              for code, (x, y) in net.layout.items()}
    engine = fig.get_layout_engine()
    assert engine is not None, "the map is laid out by constrained layout"
    engine.execute(fig)             # fix the axes first: labels are placed in the final coordinates
    fig.set_layout_engine("none")   # and keep them: another layout pass would move the labels
    ax.apply_aspect()               # and the limits: leader lines drawn later must not move them
    limits = ax.get_xlim(), ax.get_ylim()
    ax.set_aspect("auto")
    ax.set_autoscale_on(False)
    ax.set_xlim(limits[0])
    ax.set_ylim(limits[1])
    drawn = [(tie.source, tie.target) for tie in net.ties if tie.source in net.layout and tie.target in net.layout]
    radii = _fit_dots(ax, net.layout, sizes, drawn)
    for code, dot in dots.items():
        sizes[code] = (2 * (radii[code] - 1)) ** 2
        dot.set_sizes([sizes[code]])
    tied = {code for pair in drawn for code in pair}
    lone = [code for code in net.layout if code not in tied]
    obstacles = []
    if lone and tied:               # the row of organisations without a tie, under its caption
        x0 = min(net.layout[code][0] for code in lone)
        top = net.layout[lone[0]][1]
        corner = ax.transData.inverted().transform(ax.transData.transform((x0, top)) - (radii[lone[0]], 0))
        caption = ax.annotate(t("map_no_tie"), (corner[0], top), xytext=(0, radii[lone[0]] + 14),
                              textcoords="offset points", ha="left", va="bottom", fontsize=6.5, fontstyle="italic",
                              color=brand.muted)
        canvas = fig.canvas
        assert isinstance(canvas, _OneRendererCanvas), "a chart's figure comes from _chart"
        obstacles.append(caption.get_window_extent(canvas.get_renderer()))
    # the best-connected first: a hub's label gets the best spot, next to its dot
    ranked = sorted(net.layout, key=lambda code: (-len([p for p in drawn if code in p]), list(net.layout).index(code)))
    left = _place_labels(ax, [labels[c] for c in ranked], [net.layout[c] for c in ranked],
                               [radii[c] for c in ranked],
                               [(net.layout[a], net.layout[b]) for a, b in drawn], obstacles)
    if left:                        # no free spot beside the dot: adjustText pushes these apart
        placed = [label.get_window_extent().transformed(ax.transData.inverted())
                  for label in labels.values() if label not in left]
        boxes = [_dot_box(ax, xy, sizes[code]) for code, xy in net.layout.items()]
        boxes += [box.transformed(ax.transData.inverted()) for box in obstacles]
        adjust_text(left, x=xs, y=ys, target_x=[left_x.get_position()[0] for left_x in left],
                    target_y=[left_y.get_position()[1] for left_y in left], objects=boxes + placed, ax=ax,
                    expand=(1.12, 1.4), ensure_inside_axes=True, force_static=(0.8, 1.0), iter_lim=1000,
                    arrowprops={"arrowstyle": "-", "color": brand.muted, "linewidth": 0.5})
    for n, label in enumerate(labels.values()):
        _halo(ax, label, n)
    return list(labels.values())


def _halo(ax: Axes, label: Text, n: int) -> None:
    """A white copy of `label` just under it, which the SVG outlines in white (`_outline_halos`),
    so that no tie line crosses the label's letters. matplotlib's stroke effect would do the same
    by writing both as letter shapes: nine tenths of a report's path data, which WeasyPrint
    parses point by point, and a map whose names a reader cannot select or search."""
    halo = ax.text(*label.get_position(), label.get_text(), zorder=label.get_zorder() - 0.01, gid=f"{HALO}-{n}")
    halo.update_from(label)         # font, size, alignment and line spacing
    halo.set_color("white")


def _fit_dots(ax: Axes, layout: Mapping[str, tuple[float, float]], sizes: Mapping[str, float],
              ties: list[tuple[str, str]]) -> dict[str, float]:
    """Each dot's radius in points as drawn: its size's, but never so large that it touches
    another dot or a tie it is not an end of (the layout keeps them apart; this holds it on the page)."""
    centres = {code: ax.transData.transform(xy) for code, xy in layout.items()}
    radii = {code: math.sqrt(sizes[code]) / 2 + 1 for code in layout}
    for code, centre in centres.items():
        room = [float(np.hypot(*(centre - other))) / 2 - 1.5 for other_code, other in centres.items()
                if other_code != code]
        room += [_to_segment(centre, centres[a], centres[b]) - 2.5 for a, b in ties if code not in (a, b)]
        radii[code] = max(min([radii[code], *room]), 3.0)
    return radii


def _to_segment(point: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """The distance from a point to the segment a-b."""
    segment = b - a
    squared = float(segment @ segment)
    along = 0.0 if squared == 0 else min(max(float((point - a) @ segment) / squared, 0.0), 1.0)
    return float(np.hypot(*(point - (a + along * segment))))


# where a label may sit beside its dot, in order of preference: right, left, above, below, the diagonals
_SPOTS = ((1, 0), (-1, 0), (0, 1), (0, -1),
          *((math.cos(a), math.sin(a)) for a in np.linspace(0, 2 * math.pi, 16, endpoint=False)))
# points between dot and label; beyond the second a leader line
_GAPS = (2.0, 9.0, 18.0, 30.0, 45.0, 60.0, 80.0, 105.0, 135.0)


def _place_labels(ax: Axes, labels: list[Text], anchors: list[tuple[float, float]], radii: list[float],
                  ties: list[tuple[tuple[float, float], tuple[float, float]]],
                  obstacles: list[Bbox] | None = None) -> list[Text]:
    """Put each label on the first free spot beside its dot, never over another label, a dot,
    an obstacle or the edge, and always nearer its own dot than any other, so that a reader
    knows whose label it is: first a spot close by that no tie line crosses either, then one
    further out (with a thin leader line) clear of the lines, then one on a line; a name that
    finds none is tried on shorter lines. The labels go in the order given; when some find no
    spot, once more with those first. Returns the labels that found no spot (they stay put)."""
    canvas = ax.figure.canvas
    assert isinstance(canvas, _OneRendererCanvas), "a chart's figure comes from _chart"
    renderer = canvas.get_renderer()
    centres = [ax.transData.transform(xy) for xy in anchors]
    dots = [Bbox.from_extents(x - r, y - r, x + r, y + r) for (x, y), r in zip(centres, radii, strict=True)]
    # tie lines as points every few pixels: a label box holding none of them is clear of the lines
    steps = np.linspace(0, 1, 80)[:, None]
    line_points = np.vstack([ax.transData.transform(a) * (1 - steps) + ax.transData.transform(b) * steps
                             for a, b in ties]) if ties else np.empty((0, 2))
    texts = [label.get_text() for label in labels]
    order = list(range(len(labels)))
    best: dict[int, tuple[str, Bbox, float, tuple[float, float]]] | None = None
    for _ in range(2):
        placed: dict[int, tuple[str, Bbox, float, tuple[float, float]]] = {}
        taken = [*dots, *(obstacles or [])]
        for n in order:
            label, (x, y), r = labels[n], centres[n], radii[n]
            others = np.array([c for m, c in enumerate(centres) if m != n]).reshape(-1, 2)
            for text in (texts[n], _wrap(texts[n].replace("\n", " "), 12)):
                label.set_text(text)
                box = label.get_window_extent(renderer)
                found = _free_spot(ax.bbox, (x, y), r, (box.width + 3, box.height + 3), taken, others, line_points)
                if found is not None:
                    placed[n] = (text, *found)
                    taken.append(found[0])
                    break
        if best is None or len(placed) > len(best):
            best = placed
        if len(best) == len(labels):
            break
        order = [n for n in order if n not in placed] + [n for n in order if n in placed]
    assert best is not None
    for n, label in enumerate(labels):
        if n not in best:
            label.set_text(texts[n])
            continue
        text, spot, gap, (dx, dy) = best[n]
        (x, y), r = centres[n], radii[n]
        label.set_text(text)
        label.set_position(tuple(ax.transData.inverted().transform((spot.x0 + 1.5, spot.y0 + 1.5))))
        label.set(ha="left", va="bottom")
        if gap > _GAPS[1]:      # set apart from its dot: a thin line says whose label it is
            start = ax.transData.inverted().transform((x + dx * r, y + dy * r))
            end = ax.transData.inverted().transform((x + dx * (r + gap), y + dy * (r + gap)))
            ax.plot([start[0], end[0]], [start[1], end[1]], color="#9CA3AF", linewidth=0.5, zorder=1.5)
    return [label for n, label in enumerate(labels) if n not in best]


_NEAR = [(gap, spot, slide) for gap in _GAPS[:3] for slide in (0.5, 0.15, 0.85, 0.0, 1.0) for spot in _SPOTS
         if slide == 0.5 or abs(spot[0]) <= 0.3 or abs(spot[1]) <= 0.3]
_EVERYWHERE = [(gap, spot, 0.5) for gap in _GAPS for spot in _SPOTS]


def _free_spot(frame: Bbox, centre: tuple[float, float], radius: float, size: tuple[float, float],
               taken: list[Bbox], others: np.ndarray,
               line_points: np.ndarray) -> tuple[Bbox, float, tuple[float, float]] | None:
    """A label's spot: close by and clear of the lines, else further out, else on a line; only
    when none of these is nearer its own dot than any other, the first free one (its leader
    line, when it is set apart, says whose label it is)."""
    return (_first_free(_NEAR, centre, radius, size, frame, taken, others, line_points)
            or _first_free(_EVERYWHERE, centre, radius, size, frame, taken, others, line_points)
            or _first_free(_EVERYWHERE, centre, radius, size, frame, taken, others)
            or _first_free(_EVERYWHERE, centre, radius, size, frame, taken, np.empty((0, 2))))


def _box_distance(box: Bbox, points: np.ndarray) -> np.ndarray:
    """Each point's distance to the box (0 inside it)."""
    dx = np.maximum(np.maximum(box.x0 - points[:, 0], points[:, 0] - box.x1), 0)
    dy = np.maximum(np.maximum(box.y0 - points[:, 1], points[:, 1] - box.y1), 0)
    return np.hypot(dx, dy)


def _first_free(candidates: list[tuple[float, tuple[float, float], float]], centre: tuple[float, float], radius: float,
                size: tuple[float, float], frame: Bbox, taken: list[Bbox], others: np.ndarray,
                line_points: np.ndarray | None = None) -> tuple[Bbox, float, tuple[float, float]] | None:
    """The first candidate (gap, direction) whose label box stays on the chart, clear of the
    boxes taken (and of the line points, when given) and nearer its own dot than the `others`."""
    (x, y), (width, height) = centre, size
    for gap, (dx, dy), slide in candidates:
        ax_x, ax_y = x + dx * (radius + gap), y + dy * (radius + gap)
        # above or below the dot the box may slide sideways, beside it up or down
        x0 = ax_x if dx > 0.3 else ax_x - width if dx < -0.3 else ax_x - width * slide
        y0 = ax_y if dy > 0.3 else ax_y - height if dy < -0.3 else ax_y - height * slide
        spot = Bbox.from_bounds(x0, y0, width, height)
        if not (frame.x0 <= spot.x0 and spot.x1 <= frame.x1 and frame.y0 <= spot.y0 and spot.y1 <= frame.y1):
            continue
        if any(spot.overlaps(other) for other in taken):
            continue
        own = float(_box_distance(spot, np.array([centre]))[0])
        if len(others) and float(_box_distance(spot, others).min()) <= own + 2:
            continue
        if line_points is not None and len(line_points) and bool(
                ((line_points[:, 0] > spot.x0) & (line_points[:, 0] < spot.x1)
                 & (line_points[:, 1] > spot.y0) & (line_points[:, 1] < spot.y1)).any()):
            continue
        return spot, gap, (dx, dy)
    return None


def map_height(shown: int) -> float:
    """The map's height in cm: a crowded map gets more room between its labels."""
    return 10.5 if shown <= CROWDED else 13.0 if shown <= 22 else 16.0


def _dot_box(ax: Axes, xy: tuple[float, float], size: float) -> Bbox:
    """A dot's square in data coordinates, from its marker area in points² (72 dpi: points are pixels)."""
    x, y = ax.transData.transform(xy)
    half = math.sqrt(size) / 2 + 1
    return Bbox.from_extents(x - half, y - half, x + half, y + half).transformed(ax.transData.inverted())


def _tie_width(intensity: float, many: bool = False) -> float:
    """Line width in points: 0.7 at 1 (now and then) up to 3.5 at 3 (intensive); half as wide
    on a crowded map, where full widths merge into one grey mass."""
    return (0.7 + 1.4 * max(intensity - 1, 0)) * (0.5 if many else 1.0)


def _node_size(degree: int, most: int) -> float:
    """Marker area in points²: grows with the ties, scaled to the best-connected organisation."""
    return 45 + 220 * degree / most


def _network_legend(result: CoalitionResult, brand: Brand, t: Translator) -> list[Line2D]:
    """What the map's marks mean; the dashed line and hollow dot only when the map has them."""
    net = result.network
    assert net is not None
    k = result.settings.anonymity_threshold

    def dot(colour: str, face: str, label: str, size: float = 8) -> Line2D:
        return Line2D([], [], linestyle="none", marker="o", markersize=size, markerfacecolor=face,
                      markeredgecolor=colour, label=_wrap(label, 40))

    handles = [dot("white", brand.primary, t("legend_node"), 10),
               dot("white", brand.muted, t("legend_loose")),
               Line2D([], [], color="#9CA3AF", linewidth=_tie_width(3, len(net.layout) > CROWDED),
                      label=_wrap(t("legend_tie_strength"), 40))]
    if any(tie.intensity is None for tie in net.ties):
        handles.append(Line2D([], [], color="#9CA3AF", linewidth=0.9, linestyle=(0, (3, 2)),
                              label=_wrap(t("legend_tie_hidden", k=k), 40)))
    if set(net.not_responding) & set(net.layout):
        handles.append(dot(brand.muted, "white", t("legend_silent")))
    return handles



CHANGE_AXIS = 2.0     # the development chart's axis, −2 … +2 points in every report, so reports compare


def change_chart(result: CoalitionResult, codes: list[str], instrument: Instrument, brand: Brand,
                 t: Translator) -> Chart:
    """The change per construct since the previous wave, a dot with its 95% interval, on one
    fixed axis for every report, in the three levels of `ChangeLevel`: a clear change as a
    filled triangle in the band colour of its direction, a slight one (reliable, smaller than
    the relevant size) as an open triangle in that colour on a dotted line, no reliable change
    as a grey dot. Shape and fill carry the level, so it reads without colour. The difference
    is printed beside each line."""
    shown = [c for c in codes if c in result.changes]
    with _chart(brand, 16.5, 2.8 + 0.48 * len(shown)) as (fig, ax):   # two legend rows
        ax.axvline(0, color=brand.text, linewidth=0.8, zorder=1)
        for y, code in enumerate(shown):
            change = result.changes[code]
            level = change.level
            colour = ((brand.bands["concern"] if change.change < 0 else brand.bands["strength"])
                      if level is not ChangeLevel.NONE else brand.muted)
            low = max(-CHANGE_AXIS, change.low if change.low is not None else change.change)
            high = min(CHANGE_AXIS, change.high if change.high is not None else change.change)
            ax.plot([low, high], [y, y], color=colour, linewidth=2, solid_capstyle="butt", zorder=2,
                    linestyle=":" if level is ChangeLevel.SLIGHT else "-")
            # a shape per meaning, so a rise and a fall differ without their colours
            marker = ("v" if change.change < 0 else "^") if level is not ChangeLevel.NONE else "o"
            ax.scatter([change.change], [y], s=46, marker=marker, zorder=3, linewidths=1.4,
                       facecolors="white" if level is ChangeLevel.SLIGHT else colour, edgecolors=colour)
            ax.text(CHANGE_AXIS + 0.08, y, t.signed(change.change), va="center", fontsize=8,
                    fontweight="bold" if change.clear else "normal", color=brand.text)
        ax.set_yticks(range(len(shown)), [instrument.constructs[c].name(t.lang) for c in shown])
        ax.invert_yaxis()
        ax.set_xlim(-CHANGE_AXIS, CHANGE_AXIS)
        ticks = [x / 2 for x in range(int(-CHANGE_AXIS * 2), int(CHANGE_AXIS * 2) + 1)]
        ax.set_xticks(ticks, [t.signed(x) for x in ticks])
        ax.set_xlabel(t("chart_change_axis"), fontsize=8)
        ax.grid(axis="y", visible=False)
        previous = result.changes[shown[0]].previous_wave if shown else ""
        up, down = brand.bands["strength"], brand.bands["concern"]
        markers = [Line2D([], [], marker="^", color=up),
                   Line2D([], [], marker="^", color=up, markerfacecolor="white", linestyle=":"),
                   Line2D([], [], marker="o", color=brand.muted),
                   Line2D([], [], marker="v", color=down, markerfacecolor="white", linestyle=":"),
                   Line2D([], [], marker="v", color=down)]
        fig.legend(markers, [t("change_clear_up"), t("change_slight_up"), t("change_none"), t("change_slight_down"),
                             t("change_clear_down")],
                   loc="lower center", ncol=3, frameon=False, fontsize=8, borderaxespad=0.2)
        title = t("chart_change_title", previous=previous, wave=result.wave)
        svg = _svg(fig)
    return Chart("ontwikkeling", title, t("chart_change_alt", previous=previous, wave=result.wave), svg)


def trend_chart(result: CoalitionResult, codes: list[str], instrument: Instrument, brand: Brand,
                t: Translator) -> Chart:
    """With three or more waves: each building block's mean per wave, a line each, on the
    full 1–5 scale with the band boundaries drawn."""
    trend = result.development.trend if result.development else {}
    shown = [c for c in codes if c in trend]
    waves = list(next(iter(trend.values()))) if trend else []
    with _chart(brand, 17, 6.2) as (fig, ax):
        for boundary in (result.settings.band_attention, result.settings.band_strength):
            ax.axhline(boundary, color=brand.muted, linewidth=0.6, linestyle=":", zorder=1)
        for code, marker in zip(shown, "osD^v<>p*h", strict=False):
            ax.plot(range(len(waves)), [trend[code][w] for w in waves], marker=marker, linewidth=1.6,
                    label=instrument.constructs[code].name(t.lang), zorder=2)
        ax.set_xticks(range(len(waves)), waves)
        ax.set_ylim(1, 5)
        ax.set_yticks([1, 2, 3, 4, 5], [t.number(v) for v in (1, 2, 3, 4, 5)])
        ax.set_ylabel(t("chart_trend_axis"), fontsize=8)
        ax.grid(axis="x", visible=False)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.32), ncol=4, frameon=False, fontsize=8)
        title = t("chart_trend_title", first=waves[0] if waves else "", last=waves[-1] if waves else "")
        svg = _svg(fig)
    return Chart("trend", title, t("chart_trend_alt", waves=t.join(waves)), svg)


def _wrap(text: str, width: int = 48) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def likert_colours(brand: Brand) -> list[str]:
    """The five answers' colours, "strongly disagree" to "strongly agree": the brand's concern and
    strength colours at the ends, light tints between them. "Agree" is a mid green, not a pale
    one: a pale green looks like the neutral grey to a reader with deuteranopia or protanopia
    (tests/test_colours.py simulates both)."""
    return [brand.bands["concern"], "#F0B98D", "#D1D5DB", "#6CC3A5", brand.bands["strength"]]


def item_bars(result: CoalitionResult, construct: str, instrument: Instrument, brand: Brand,
              t: Translator) -> Chart:
    """Diverging bars: disagreement to the left of zero, agreement to the right.
    Reverse-coded statements are shown as answered (an item's distribution is as worded) and
    marked, so a reader sees what respondents said; their scores are flipped, not the bars."""
    items = instrument.items_of(construct)
    block = instrument.constructs[construct].name(t.lang)
    colours = likert_colours(brand)
    with _chart(brand, 20, 2.0 + 0.95 * len(items)) as (fig, ax):
        scale = instrument.scales[items[0].scale]
        shares = np.zeros((len(items), 5))
        for y, item in enumerate(items):
            dist = result.items[item.code].distribution
            total = sum(dist.values()) or 1
            shares[y] = [dist.get(v, 0) / total * 100 for v in range(1, 6)]
        # each answer's bars start where the previous answer's end; neutral is centred on zero
        lefts = np.cumsum(shares, axis=1) - shares - (shares[:, :1] + shares[:, 1:2] + shares[:, 2:3] / 2)
        for answer, colour in enumerate(colours):     # one call per answer, not per bar
            ax.barh(range(len(items)), shares[:, answer], left=lefts[:, answer], color=colour, height=0.62,
                    edgecolor="white", linewidth=0.5)
        labels = [_wrap(i.text(t.lang)) + (" " + t("reverse_note") if i.reverse else "") for i in items]
        ax.set_yticks(range(len(items)), labels, fontsize=8)
        ax.invert_yaxis()
        ax.axvline(0, color=brand.muted, linewidth=0.8)
        ax.set_xlim(-100, 100)
        ax.set_xticks([-100, -50, 0, 50, 100], ["100%", "50%", "0", "50%", "100%"])
        ax.grid(axis="y", visible=False)
        handles = [Rectangle((0, 0), 1, 1, color=c) for c in colours]
        fig.legend(handles, scale.labels[t.lang], ncol=5, fontsize=7, loc="lower center", frameon=False,
                   handlelength=1, columnspacing=1, borderaxespad=0.2)
        title = t("chart_items_title", block=block)
        svg = _svg(fig)
    note = t("reverse_legend", mark=t("reverse_note")) if any(i.reverse for i in items) else ""
    return Chart(f"items_{construct}", title, t("chart_items_alt", block=block), svg, note)


def report_charts(result: CoalitionResult, instrument: Instrument, brand: Brand, t: Translator) -> dict[str, Chart]:
    """Every chart of the report, drawn once; the notebook shows them and the PDF embeds them.
    A part of the questionnaire that was not asked or not answered gets no chart: an empty
    heatmap or map would read as "nobody" and "no ties"."""
    group = {g: [c.code for c in instrument.constructs_in(g)] for g in ("bouwsteen", "rol", "gedrag", "ecosysteem")}
    charts = [
        construct_bars(result, group["bouwsteen"], "bouwstenen", t("chart_blocks_title"), instrument, brand, t),
        *(item_bars(result, block, instrument, brand, t) for block in BLOCKS),
        construct_bars(result, group["rol"], "rollen", t("chart_role_scores_title"), instrument, brand, t),
        *([role_heatmap(result, instrument, brand, t)] if result.measured.roles is Coverage.MEASURED else []),
        construct_bars(result, group["gedrag"], "gedrag", t("chart_behaviour_title"), instrument, brand, t),
        *([network_map(result, brand, t)] if result.network is not None else []),
        *(item_bars(result, c, instrument, brand, t) for c in group["ecosysteem"]),
    ]
    quality = [c.code for c in instrument.constructs.values() if c.is_quality]
    if result.changes:
        charts.append(change_chart(result, [c for c in quality if c in result.changes], instrument, brand, t))
    if result.development and result.development.trend:
        charts.append(trend_chart(result, list(BLOCKS), instrument, brand, t))
    return {c.name: c for c in charts}
