"""Every chart's title is one HTML caption in the brand's heading style, never drawn in the figure,
so that all titles look alike in both brands; the network map's labels carry a white halo (a white
copy of the text, outlined in white) so that no tie line crosses their text."""

from __future__ import annotations

import re
from collections import Counter
from html import escape, unescape
from pathlib import Path

import pytest

from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.report.brand import load_brand
from pipeline.report.charts import HALO, HALO_WIDTH, _chart, _draw_network, _svg, map_height, report_charts
from pipeline.report.page_style import page_css
from pipeline.report.steps import analyse_folder, report_html

INPUTS = Path(__file__).resolve().parent.parent / "inputs"


@pytest.fixture(scope="module")
def lindeveld():
    return analyse_folder(INPUTS / "zorgnetwerk-lindeveld")[2]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_chart_draws_its_title_and_the_report_captions_each_one(lindeveld, lang):
    instrument, brand, t = load_instrument(), load_brand(), Translator(lang)
    charts = report_charts(lindeveld, instrument, brand, t)
    assert "netwerkkaart" in charts and "bouwstenen" in charts
    for chart in charts.values():
        assert chart.title, chart.name
        assert chart.title not in chart.svg, chart.name            # no title inside the figure
    html = report_html(lindeveld, charts, instrument, brand, t)
    captions = [unescape(c) for c in re.findall(r'<figcaption class="chart-title">(.*?)</figcaption>', html)]
    shown = [chart for chart in charts.values() if chart.data_uri in html]
    assert shown and all(chart.title in captions for chart in shown)
    assert len(captions) == html.count("<figure class=\"chart")


def test_chart_titles_are_set_in_the_brands_heading_font():
    css = str(page_css(load_brand(INPUTS.parent / "templates" / "brands" / "zuidkust-advies"), Translator("nl")))
    assert re.search(r"h1, h2, h3, \.chart-title \{ font-family: ['\"]?Noto Serif", css), css


def test_map_labels_have_a_white_halo_and_box(lindeveld):
    brand, t = load_brand(), Translator("nl")
    with _chart(brand, 14, map_height(len(lindeveld.network.layout)), layout="constrained") as (fig, ax):
        labels = _draw_network(fig, ax, lindeveld, brand, t)
        assert ax.get_title(loc="left") == ""
        halos = {text.get_gid(): text for text in ax.texts if (text.get_gid() or "").startswith(HALO)}
        assert len(halos) == len(labels)
        for label, halo in zip(labels, halos.values(), strict=True):
            assert halo.get_text() == label.get_text() and halo.get_position() == label.get_position()
            assert halo.get_fontsize() == label.get_fontsize() and halo.get_ha() == label.get_ha()
            assert halo.get_color() == "white" and halo.get_zorder() < label.get_zorder()
            box = label.get_bbox_patch()
            assert box is not None and box.get_facecolor()[:3] == (1.0, 1.0, 1.0) and box.get_alpha() >= 0.9
        svg = _svg(fig)
    # each halo is written as text outlined in white; the labels stay text, not letter shapes
    outlined = re.findall(rf'<text style="stroke: #ffffff; stroke-width: {HALO_WIDTH:g}; [^"]*fill: #ffffff"', svg)
    assert len(outlined) == sum(label.get_text().count("\n") + 1 for label in labels)
    lines = Counter(line for label in labels for line in label.get_text().split("\n"))
    for line, count in lines.items():
        assert svg.count(f">{escape(line)}</text>") == 2 * count, line      # the halo's and the label's
