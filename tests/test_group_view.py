"""The group comparison as an HTML table, and the development section as the report shows it."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import pytest
from pdf_helpers import pdf_text
from test_colours import DEFICIENCIES, MIN_DIFFERENCE, difference
from test_groups import assert_no_subtraction_leak

from pipeline.analysis.differences import GroupDifference
from pipeline.analysis.result import CoalitionResult
from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.report.brand import load_brand
from pipeline.report.charts import report_charts
from pipeline.report.development_view import development_view
from pipeline.report.group_view import TINT, cell_colour, group_views
from pipeline.report.parameters import ReportParameters
from pipeline.report.steps import analyse_folder, make_report, report_html

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ROOT / "inputs"
BRANDS = [None, ROOT / "templates" / "brands" / "zuidkust-advies"]
instrument = load_instrument()


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_the_cell_colours_stay_apart_under_colour_blindness(brand, deficiency):
    tints = [cell_colour(load_brand(brand), band, band) for band in TINT]
    for a, b in combinations(tints, 2):
        assert a and b and difference(a, b, deficiency) >= MIN_DIFFERENCE, (a, b)


def test_a_cell_claims_a_band_only_when_its_interval_lies_within_it():
    brand = load_brand()
    assert cell_colour(brand, "strength", "strength")
    assert cell_colour(brand, "attention", "strength") is None      # crosses 4,0: neutral
    assert cell_colour(brand, None, None) is None                   # no interval: neutral


@pytest.fixture(scope="module")
def oosterbroek():
    return analyse_folder(INPUTS / "wijkzorg-oosterbroek")[2]


def with_a_clear_difference(result):
    """The result with one of its tested differences made clear, to see it marked."""
    table = result.groups["actortype"]
    first: GroupDifference = table.differences[0]
    made = replace(first, p_holm=0.001, clear=True, difference=-0.8, low=-1.2, high=-0.4, g=-1.1)
    groups = dict(result.groups)
    groups["actortype"] = replace(table, differences=(made, *table.differences[1:]))
    return replace(result, groups=groups), made


def test_the_table_has_n_per_group_hidden_cells_and_clear_marks(oosterbroek):
    result, made = with_a_clear_difference(oosterbroek)
    t = Translator("nl")
    views = {v.by: v for v in group_views(result, instrument, load_brand(), t)}
    view = views["actortype"]
    table = result.groups["actortype"]
    assert [c.n for c in view.columns] == list(table.sizes.values())
    assert {c.name for c in view.columns if c.single} == {
        c.name for c, g in zip(view.columns, table.sizes, strict=True) if g in table.single_organisation}
    row = next(r for r in view.rows if r.name == instrument.constructs[made.construct].name("nl"))
    cell = row.cells[list(table.sizes).index(made.group)]
    assert cell.mark == "down" and "lager dan de andere deelnemers" in cell.title
    assert sum(c.mark is not None for r in view.rows for c in r.cells) == 1
    assert any("0,8 punt lager" in line and "0,4 tot 1,2" in line and "g = 1,1" in line for line in view.lines)


def test_the_report_shows_tables_not_heatmaps_and_minus_signs(oosterbroek):
    result, _ = with_a_clear_difference(oosterbroek)
    t, brand = Translator("nl"), load_brand()
    charts = report_charts(result, instrument, brand, t)
    assert not any(name.startswith("groepen_") for name in charts)
    html = report_html(result, charts, instrument, brand, t)
    tables = re.findall(r'<table class="groups-table">.*?</table>', html, flags=re.DOTALL)
    assert len(tables) == 2
    assert all(f"n = {n}" in tables[0] for n in result.groups["actortype"].sizes.values())
    assert 'class="clear-down"' in tables[0]
    # the groups have no interval, so no cell claims a level by its mean alone; the legend says so
    assert "background" not in tables[0] and t("group_legend_neutral") in html
    development = html[html.index('id="ontwikkeling"'):html.index('id="open-antwoorden"')]
    falls = [ch for ch in result.changes.values() if round(ch.change, 1) < 0]
    assert falls and "−" in development and not re.search(r"(?<![\w-])-\d,\d", development)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_development_view_warns_when_the_mix_shifted(oosterbroek, lang):
    t = Translator(lang)
    view = development_view(oosterbroek, instrument, t)
    assert view is not None and oosterbroek.development is not None and oosterbroek.development.shifted
    # a total-variation distance in percentage points, not a share of people who "moved category"
    points = round(100 * max(oosterbroek.development.shift.values()))
    assert view.shift is not None and str(points) in view.shift
    assert ("procentpunten" if lang == "nl" else "percentage points") in view.shift
    assert "andere categorie" not in view.shift and "different category" not in view.shift
    assert view.n == tuple(w.n for w in oosterbroek.development.waves)
    clear = [r for r in view.rows if r.clear]
    assert {r.name for r in clear} == {instrument.constructs[c].name(lang) for c, ch in oosterbroek.changes.items()
                                       if ch.clear and instrument.constructs[c].is_quality}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pdf_shows_the_group_table_and_the_development_on_one_axis(tmp_path, lang):
    result = make_report(ReportParameters(str(INPUTS / "wijkzorg-oosterbroek"), str(tmp_path), lang=lang))
    t = Translator(lang)
    text = " ".join(pdf_text(tmp_path / "wijkzorg-oosterbroek.pdf").split())
    packed = "".join(text.split())        # narrow columns: pdftotext may drop the spaces around "="
    for n in result.groups["actortype"].sizes.values():
        assert f"n={n}" in packed
    assert t("chart_change_axis") in text and ("−2,0" if lang == "nl" else "−2.0") in text
    assert t("group_single_organisation") in text
    assert t("mix_title") in text and t("method_statistics_title") in text
    written = CoalitionResult.from_json((tmp_path / "scores.json").read_text(encoding="utf-8"))
    assert_no_subtraction_leak(written)


def test_roles_as_they_were_read_as_one_sentence_and_a_change_as_a_table(oosterbroek):
    t = Translator("nl")
    assert oosterbroek.development is not None
    view = development_view(oosterbroek, instrument, t)
    assert view is not None and view.roles == () and view.roles_line is not None and "4 rollen" in view.roles_line
    roles = dict(oosterbroek.development.roles)
    roles["verkenner"] = replace(roles["verkenner"], current="unfilled")
    changed = replace(oosterbroek, development=replace(oosterbroek.development, roles=roles))
    view = development_view(changed, instrument, t)
    assert view is not None and view.roles_line is None
    assert (instrument.constructs["rol_verkenner"].name("nl"), t("role_status_filled"), t("role_status_unfilled")) \
        in view.roles


def test_every_actor_type_and_position_has_a_short_column_label_in_both_languages():
    from pipeline.core.i18n import Translator
    from pipeline.core.instrument import load_instrument
    from pipeline.report.group_view import short_group_name
    instrument = load_instrument()
    for lang in ("nl", "en"):
        t = Translator(lang)
        for by in ("actortype", "positie"):
            for option in instrument.option_sets[by]:
                assert f"group_short_{by}_{option.code}" in t.strings, (lang, by, option.code)
                assert len(short_group_name(instrument, by, option.code, t).replace("\u00ad", "")) <= 20
    assert short_group_name(instrument, "actortype", "huisartsen", Translator("nl")) == "Huis\u00adartsen"
    assert short_group_name(instrument, "actortype", "ggz", Translator("en")) == "Mental health (GGZ)"
