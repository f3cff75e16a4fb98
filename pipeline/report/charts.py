"""Report charts as SVG, in the brand's font and colours.

Text stays text in the SVG (`svg.fonttype: none`): drawing each letter as a path roughly
doubles chart and PDF time, blurs nothing, and makes the words unselectable in the PDF.
Every chart carries a title and an alternative text for readers who cannot see it."""

from __future__ import annotations

import base64
import io
import math
from dataclasses import dataclass

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402

from pipeline.analysis.coverage import Coverage  # noqa: E402
from pipeline.analysis.result import CoalitionResult  # noqa: E402
from pipeline.core.i18n import Translator  # noqa: E402
from pipeline.core.instrument import Instrument  # noqa: E402
from pipeline.core.labels import group_name, option_label  # noqa: E402
from pipeline.report.brand import Brand  # noqa: E402

BLOCKS = ("actor", "identiteit", "ambities", "fundament")
CM = 1 / 2.54


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    alt: str
    svg: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


def apply_style(brand: Brand) -> None:
    sns.set_theme(style="whitegrid", font=brand.font, rc={
        "svg.fonttype": "none", "svg.hashsalt": "netwerkscan",  # reproducible ids: same input, same SVG
        "font.family": brand.font, "font.size": 9, "axes.titlesize": 10, "axes.labelsize": 9,
        "axes.edgecolor": "#BBBBBB", "text.color": brand.text, "axes.labelcolor": brand.text,
        "xtick.color": brand.text, "ytick.color": brand.text, "grid.color": "#E5E7EB",
    })


def _svg(fig: plt.Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()


def construct_bars(result: CoalitionResult, codes: list[str], name: str, title: str, instrument: Instrument,
                   brand: Brand, t: Translator) -> Chart:
    """Mean per construct with its 95% interval, coloured by band, the band lines dotted."""
    names = [_wrap(instrument.constructs[c].name(t.lang), 26) for c in codes]
    summaries = [result.constructs[c] for c in codes]
    fig, ax = plt.subplots(figsize=(16 * CM, (1.4 + 0.9 * len(codes)) * CM))
    for y, s in enumerate(summaries):
        if s.mean is None:
            continue
        ax.barh(y, s.mean - 1, left=1, height=0.55, color=brand.bands.get(s.band or "", brand.primary))
        if s.ci_low is not None:
            ax.errorbar(s.mean, y, xerr=[[s.mean - s.ci_low], [s.ci_high - s.mean]], color=brand.text,
                        capsize=3, linewidth=1)
        right = s.ci_high if s.ci_high is not None else s.mean
        ax.text(min(right + 0.08, 4.78), y, t.number(s.mean), va="center", fontsize=9, fontweight="bold",
                color=brand.text, bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
    for threshold in (result.settings.band_attention, result.settings.band_strength):
        ax.axvline(threshold, color=brand.muted, linestyle=":", linewidth=1, zorder=0)
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()
    ax.set_xlim(1, 5)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.grid(axis="y", visible=False)
    ax.set_title(title, loc="left", color=brand.primary, fontweight="bold")
    values = "; ".join(f"{instrument.constructs[c].name(t.lang)} {t.number(s.mean)}" for c, s in zip(codes, summaries))
    return Chart(name, title, t("chart_bars_alt", title=title, values=values), _svg(fig))


def role_heatmap(result: CoalitionResult, instrument: Instrument, brand: Brand, t: Translator) -> Chart:
    """Who fills each role: share of respondents naming each group, darker is more."""
    def named(filling, code: str) -> float:
        return (filling.nobody if code == "niemand" else filling.holders.get(code)) or 0.0

    fillings = list(result.roles.values())
    options = [o for o in instrument.option_sets["rolhouder"]
               if o.code == "niemand" or any(named(f, o.code) >= 0.1 for f in fillings)]
    share = [[named(f, o.code) for f in fillings] for o in options]
    fig, ax = plt.subplots(figsize=(10 * CM, (1.4 + 0.5 * len(options)) * CM))  # + labels: about 14 cm
    cmap = sns.light_palette(brand.primary, as_cmap=True)
    sns.heatmap([[v * 100 for v in row] for row in share], ax=ax, cmap=cmap, vmin=0, vmax=100, cbar=False,
                annot=[[t.percent(v) for v in row] for row in share], fmt="", linewidths=1, linecolor="white",
                annot_kws={"fontsize": 8}, yticklabels=[option_label(o.text(t.lang)) for o in options],
                xticklabels=[instrument.constructs[f.construct].name(t.lang) for f in fillings])
    ax.tick_params(axis="x", labelrotation=0, labelsize=8.5, length=0)
    ax.tick_params(axis="y", labelrotation=0, labelsize=8.5, length=0)
    ax.xaxis.tick_top()
    title = t("chart_roles_title")
    ax.set_title(title, loc="left", color=brand.primary, fontweight="bold", pad=18)
    return Chart("rolhouders", title, t("chart_roles_alt"), _svg(fig))


def network_map(result: CoalitionResult, brand: Brand, t: Translator) -> Chart:
    """Organisations as dots, working ties as lines (thicker: more intensive); a dot's size
    grows with its number of ties, and loosely tied organisations are drawn in grey."""
    net, roster = result.network, result.coalition.roster
    if net is None:     # report_charts draws no map when the relations were not measured
        raise ValueError("no network map without relation answers")
    fig, ax = plt.subplots(figsize=(16 * CM, 9.5 * CM))
    for tie in net.ties:
        (x1, y1), (x2, y2) = net.layout[tie.source], net.layout[tie.target]
        ax.plot([x1, x2], [y1, y2], color="#9CA3AF", linewidth=0.6 + 1.2 * max(tie.intensity - 1, 0), zorder=1)
    loose = set(net.isolated) | set(net.peripheral)
    centre_x = sum(x for x, _ in net.layout.values()) / max(len(net.layout), 1)
    centre_y = sum(y for _, y in net.layout.values()) / max(len(net.layout), 1)
    for code, (x, y) in net.layout.items():
        colour = brand.muted if code in loose else brand.primary
        ax.scatter([x], [y], s=60 + 40 * net.degrees.get(code, 0), color=colour, zorder=2, edgecolors="white")
        # labels point away from the middle of the map, where the lines are
        dx, dy = x - centre_x, y - centre_y
        length = math.hypot(dx, dy) or 1.0
        ax.annotate(_wrap(roster[code].name, 22), (x, y), xytext=(14 * dx / length, 14 * dy / length),
                    textcoords="offset points", ha="left" if dx > 0.15 * length else "right" if dx < -0.15 * length
                    else "center", va="bottom" if dy > 0 else "top", fontsize=7, color=brand.text, zorder=1.5,
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.7})
    ax.set_axis_off()
    ax.margins(0.3, 0.16)
    title = t("chart_network_title")
    ax.set_title(title, loc="left", color=brand.primary, fontweight="bold")
    alt = t("chart_network_alt", organisations=net.organisations, ties=len(net.ties))
    return Chart("netwerkkaart", title, alt, _svg(fig))


def _tint(colour: str, strength: float = 0.45) -> tuple[float, float, float]:
    red, green, blue = matplotlib.colors.to_rgb(colour)
    return (1 - strength * (1 - red), 1 - strength * (1 - green), 1 - strength * (1 - blue))


def group_heatmap(result: CoalitionResult, by: str, codes: list[str], instrument: Instrument, brand: Brand,
                  t: Translator) -> Chart:
    """Mean per construct (rows) per actor group (columns), coloured by band."""
    table = result.groups[by]
    groups = list(table.sizes)
    values = [[table.means[c].get(g) for g in groups] for c in codes]
    labels = [f"{group_name(instrument, by, g, t)} (n={table.sizes[g]})" for g in groups]
    fig, ax = plt.subplots(figsize=(16 * CM, (3.2 + 0.75 * len(codes)) * CM))
    # cells take their band's colour, lightened so the dark numbers stay readable
    cmap = matplotlib.colors.ListedColormap([_tint(brand.bands[b]) for b in ("concern", "attention", "strength")])
    norm = matplotlib.colors.BoundaryNorm([1, result.settings.band_attention, result.settings.band_strength, 5],
                                          cmap.N)
    sns.heatmap([[float("nan") if v is None else round(v, 1) for v in row] for row in values], ax=ax, cmap=cmap,
                norm=norm, cbar=False, annot=[[t.number(v) for v in row] for row in values], fmt="",
                annot_kws={"fontsize": 7.5, "color": brand.text}, linewidths=1, linecolor="white",
                xticklabels=[_wrap(label, 14 if len(labels) > 5 else 18) for label in labels],
                yticklabels=[instrument.constructs[c].name(t.lang) for c in codes])
    many = len(labels) > 5      # too many to sit side by side: slanted
    ax.tick_params(axis="x", labelrotation=40 if many else 0, labelsize=7, length=0)
    if many:
        plt.setp(ax.get_xticklabels(), ha="left", rotation_mode="anchor")
    ax.tick_params(axis="y", labelrotation=0, labelsize=8, length=0)
    ax.xaxis.tick_top()
    title = t(f"chart_groups_title_{by}")
    ax.set_title(title, loc="left", color=brand.primary, fontweight="bold", pad=8)
    return Chart(f"groepen_{by}", title, t("chart_groups_alt", groups=t.join(labels)), _svg(fig))


def change_chart(result: CoalitionResult, codes: list[str], instrument: Instrument, brand: Brand,
                 t: Translator) -> Chart:
    """Previous wave (open dot) to this wave (filled dot) per construct; a clear change in bold."""
    shown = [c for c in codes if c in result.changes]
    fig, ax = plt.subplots(figsize=(16 * CM, (1.8 + 0.62 * len(shown)) * CM))
    for y, code in enumerate(shown):
        change = result.changes[code]
        now = change.previous_mean + change.change
        colour = brand.bands["concern"] if change.change < 0 else brand.bands["strength"]
        ax.plot([change.previous_mean, now], [y, y], color=colour if change.significant else brand.muted,
                linewidth=2, zorder=1)
        ax.scatter([change.previous_mean], [y], s=36, facecolors="white", edgecolors=brand.muted, zorder=2)
        ax.scatter([now], [y], s=40, color=colour if change.significant else brand.muted, zorder=3)
        ax.text(max(now, change.previous_mean) + 0.08, y, t.signed(change.printed), va="center",
                fontsize=8, fontweight="bold" if change.significant else "normal", color=brand.text)
    ax.set_yticks(range(len(shown)), [instrument.constructs[c].name(t.lang) for c in shown])
    ax.invert_yaxis()
    means = [m for c in shown for m in (result.changes[c].previous_mean, result.changes[c].current_mean)]
    low = max(1.0, math.floor(min(means, default=1) * 2) / 2 - 0.5)     # half points around the data
    high = min(5.0, math.ceil(max(means, default=5) * 2) / 2 + 0.5)
    ax.set_xlim(low, high)
    ticks = [x / 2 for x in range(int(low * 2), int(high * 2) + 1)]
    ax.set_xticks(ticks, [t.number(x) for x in ticks])
    ax.grid(axis="y", visible=False)
    previous = result.changes[shown[0]].previous_wave if shown else ""
    markers = [plt.Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor=brand.muted),
               plt.Line2D([], [], marker="o", linestyle="", color=brand.muted)]
    ax.legend(markers, [previous, result.wave], loc="upper center", bbox_to_anchor=(0.5, -0.08 - 0.4 / len(shown)),
              ncol=2, frameon=False, fontsize=8)
    title = t("chart_change_title", previous=previous, wave=result.wave)
    ax.set_title(title, loc="left", color=brand.primary, fontweight="bold")
    return Chart("ontwikkeling", title, t("chart_change_alt", previous=previous, wave=result.wave), _svg(fig))


def _wrap(text: str, width: int = 48) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def item_bars(result: CoalitionResult, construct: str, instrument: Instrument, brand: Brand,
              t: Translator) -> Chart:
    """Diverging bars: disagreement to the left of zero, agreement to the right.
    Reverse-coded statements are shown as answered and marked, so a reader sees what
    respondents said; their scores are flipped, not the bars."""
    items = instrument.items_of(construct)
    block = instrument.constructs[construct].name(t.lang)
    colours = [brand.bands["concern"], "#F0B98D", "#D1D5DB", "#9AD6C3", brand.bands["strength"]]
    fig, ax = plt.subplots(figsize=(13 * CM, (1.2 + 1.0 * len(items)) * CM))
    scale = instrument.scales[items[0].scale]
    for y, item in enumerate(items):
        dist = result.items[item.code].distribution
        if item.reverse:  # scores are flipped; the bars show the answers as given to the statement shown
            dist = {scale.min + scale.max - v: n for v, n in dist.items()}
        total = sum(dist.values()) or 1
        shares = [dist.get(v, 0) / total * 100 for v in range(1, 6)]
        left = -(shares[0] + shares[1] + shares[2] / 2)
        for share, colour in zip(shares, colours):
            ax.barh(y, share, left=left, color=colour, height=0.62, edgecolor="white", linewidth=0.5)
            left += share
    labels = [_wrap(i.text(t.lang)) + (" " + t("reverse_note") if i.reverse else "") for i in items]
    ax.set_yticks(range(len(items)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0, color=brand.muted, linewidth=0.8)
    ax.set_xlim(-100, 100)
    ax.set_xticks([-100, -50, 0, 50, 100], ["100%", "50%", "0", "50%", "100%"])
    ax.grid(axis="y", visible=False)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in colours]
    ax.legend(handles, scale.labels[t.lang], ncol=5, fontsize=7, loc="upper center",
              bbox_to_anchor=(0.5, -0.12 - 0.3 / len(items)), frameon=False, handlelength=1, columnspacing=1)
    title = t("chart_items_title", block=block)
    return Chart(f"items_{construct}", title, t("chart_items_alt", block=block), _svg(fig))


def report_charts(result: CoalitionResult, instrument: Instrument, brand: Brand, t: Translator) -> dict[str, Chart]:
    """Every chart of the report, drawn once; the notebook shows them and the PDF embeds them.
    A part of the questionnaire that was not asked or not answered gets no chart: an empty
    heatmap or map would read as "nobody" and "no ties"."""
    apply_style(brand)
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
    charts += [group_heatmap(result, by, quality, instrument, brand, t)
               for by, table in result.groups.items() if len(table.sizes) >= 2]
    if result.changes:
        charts.append(change_chart(result, [c for c in quality if c in result.changes], instrument, brand, t))
    return {c.name: c for c in charts}
