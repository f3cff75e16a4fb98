"""A score's colour says what its words say: the band's colour only when the 95% interval lies
within that band, the "between" colour when it crosses a boundary (the score the text calls
"tussen aandachtspunt en sterk punt"), on tiles, badges, bars and portfolio cells alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.core.bands import BETWEEN, shown_band
from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.report.brand import band_colour, load_brand
from pipeline.report.charts import construct_bars
from pipeline.report.portfolio import portfolio_row
from pipeline.report.steps import analyse_folder

INPUTS = Path(__file__).resolve().parents[1] / "inputs"
instrument = load_instrument()


def test_the_rule():
    assert shown_band("strength", "strength", "strength") == "strength"
    assert shown_band("strength", "attention", "strength") == BETWEEN
    assert shown_band("attention", "concern", "attention") == BETWEEN
    assert shown_band("attention") == "attention"          # no interval known: the band itself
    assert shown_band(None, None, None) is None
    brand = load_brand()
    assert band_colour(brand, "strength", "attention", "strength", "#000000") == brand.bands[BETWEEN]
    assert band_colour(brand, None, None, None, "#000000") == "#000000"


def test_a_brand_without_a_between_colour_gets_the_default(tmp_path):
    import shutil
    folder = tmp_path / "brand"
    shutil.copytree(load_brand().folder, folder)
    text = (folder / "brand.yaml").read_text(encoding="utf-8")
    (folder / "brand.yaml").write_text(re.sub(r"band_colours:.*", "", text, flags=re.DOTALL), encoding="utf-8")
    assert load_brand(folder).bands[BETWEEN] == "#8DA3BF"


@pytest.fixture(scope="module")
def farmacie():
    """Identiteit 4,2 and Ambities 4,1 have intervals that cross 4,0: 'tussen', not green."""
    return analyse_folder(INPUTS / "farmacie-duinstede")[2]


def test_bars_and_portfolio_cells_follow_the_interval_not_the_mean(farmacie):
    brand, t = load_brand(), Translator("nl")
    unsure = [c for c in ("actor", "identiteit", "ambities", "fundament") if farmacie.constructs[c].band_unsure]
    assert unsure, "the example has block scores whose interval crosses a boundary"
    chart = construct_bars(farmacie, ["actor", "identiteit", "ambities", "fundament"], "bouwstenen", "titel",
                           instrument, brand, t)
    assert brand.bands[BETWEEN].lower() in chart.svg.lower()
    assert t.band(BETWEEN) in chart.svg                     # the legend names the colour
    row = portfolio_row(farmacie, "farmacie-duinstede", instrument, "nl")
    for code in unsure:
        assert row.blocks[code].band == BETWEEN
    assert row.invited and row.rate == pytest.approx(row.used / row.invited)


def test_tiles_and_badges_take_the_between_class(farmacie):
    from pipeline.report.charts import report_charts
    from pipeline.report.steps import report_html
    brand, t = load_brand(), Translator("nl")
    html = report_html(farmacie, report_charts(farmacie, instrument, brand, t), instrument, brand, t)
    tiles = re.findall(r'<div class="tile band-(\w+)">', html)
    blocks = ("actor", "identiteit", "ambities", "fundament")
    assert tiles == [farmacie.constructs[c].shown_band for c in blocks]
    assert BETWEEN in tiles
    badges = re.findall(r'<span class="badge band-(\w+)">([^<]*)</span>', html)
    # one label, one colour: every badge that says "tussen" is drawn in the between colour, and back
    assert all((kind == BETWEEN) == text.startswith("tussen") for kind, text in badges if not text[0].isdigit())
    assert "--between:" in html
