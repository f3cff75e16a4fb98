"""Report charts as SVG, in the brand's font and colours.

Text stays text in the SVG (`svg.fonttype: none`): drawing each letter as a path roughly
doubles chart and PDF time, blurs nothing, and makes the words unselectable in the PDF.
Every chart carries a title and an alternative text for readers who cannot see it."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402

from pipeline.analysis import CoalitionResult  # noqa: E402
from pipeline.brand import Brand  # noqa: E402
from pipeline.i18n import Translator  # noqa: E402
from pipeline.instrument import Instrument  # noqa: E402

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


def blocks_overview(result: CoalitionResult, instrument: Instrument, brand: Brand, t: Translator) -> Chart:
    names = [instrument.constructs[b].name(t.lang) for b in BLOCKS]
    summaries = [result.constructs[b] for b in BLOCKS]
    fig, ax = plt.subplots(figsize=(16 * CM, 6 * CM))
    for y, s in enumerate(summaries):
        if s.mean is None:
            continue
        ax.barh(y, s.mean - 1, left=1, height=0.55, color=brand.bands.get(s.band, brand.primary))
        if s.ci_low is not None:
            ax.errorbar(s.mean, y, xerr=[[s.mean - s.ci_low], [s.ci_high - s.mean]], color=brand.text,
                        capsize=3, linewidth=1)
        ax.text(min(s.mean, 4.6) + 0.12, y - 0.28, t.number(s.mean), va="center", fontsize=9,
                fontweight="bold", color=brand.text)
    for threshold in (result.settings["band_attention"], result.settings["band_strength"]):
        ax.axvline(threshold, color=brand.muted, linestyle=":", linewidth=1)
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()
    ax.set_xlim(1, 5)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.grid(axis="y", visible=False)
    ax.set_title(t("chart_blocks_title"), loc="left", color=brand.primary, fontweight="bold")
    values = "; ".join(f"{n} {t.number(s.mean)}" for n, s in zip(names, summaries))
    return Chart("bouwstenen", t("chart_blocks_title"), t("chart_blocks_alt", values=values), _svg(fig))


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
    """Diverging bars: disagreement to the left of zero, agreement to the right."""
    items = instrument.items_of(construct)
    block = instrument.constructs[construct].name(t.lang)
    colours = [brand.bands["concern"], "#F0B98D", "#D1D5DB", "#9AD6C3", brand.bands["strength"]]
    fig, ax = plt.subplots(figsize=(13 * CM, (1.2 + 1.0 * len(items)) * CM))
    for y, item in enumerate(items):
        dist = result.items[item.code].distribution
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
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in (colours[0], colours[2], colours[4])]
    ax.legend(handles, [t("legend_disagree"), t("legend_neutral"), t("legend_agree")], ncol=3, fontsize=7,
              loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.3 / len(items)), frameon=False)
    title = t("chart_items_title", block=block)
    return Chart(f"items_{construct}", title, t("chart_items_alt", block=block), _svg(fig))


def report_charts(result: CoalitionResult, instrument: Instrument, brand: Brand, t: Translator) -> dict[str, Chart]:
    apply_style(brand)
    charts = [blocks_overview(result, instrument, brand, t)]
    charts += [item_bars(result, block, instrument, brand, t) for block in BLOCKS]
    return {c.name: c for c in charts}
