"""A change between waves has one of three levels, named the same way everywhere: clear (Holm-
significant and at least half a point as printed), slight (Holm-significant, smaller) and no
reliable change; the mix warning is a distance in percentage points with named examples; with
three or more waves the development intro says where the blocks stood at the first."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.analysis.comparisons import Change, ChangeLevel, change_level
from pipeline.analysis.result import CoalitionResult
from pipeline.analysis.waves import Development, WaveMix
from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.report.development_view import change_label, development_view, shift_examples, since_first
from pipeline.report.steps import analyse_folder
from tests.test_example_data import INPUTS

instrument = load_instrument()


def make(delta: float, significant: bool, clear: bool) -> Change:
    return Change("2025", 3.0, delta, 0.01, significant, clear=clear)


@pytest.mark.parametrize(("significant", "clear", "level"), [
    (True, True, ChangeLevel.CLEAR), (True, False, ChangeLevel.SLIGHT), (False, False, ChangeLevel.NONE)])
def test_the_level_follows_significance_and_size(significant, clear, level):
    assert change_level(significant, clear) is level
    assert make(0.3, significant, clear).level is level
    assert replace(make(0.3, True, True), clear=False).level is ChangeLevel.SLIGHT   # never out of step


@pytest.mark.parametrize(("lang", "delta", "significant", "clear", "words"), [
    ("nl", 0.6, True, True, "duidelijk gestegen"), ("nl", -0.4, True, False, "licht gedaald"),
    ("nl", -0.5, False, False, "geen betrouwbare verandering"), ("en", 0.4, True, False, "rose slightly"),
    ("en", -0.7, True, True, "fell clearly"), ("en", 0.5, False, False, "no reliable change")])
def test_each_level_has_its_words(lang, delta, significant, clear, words):
    assert change_label(make(delta, significant, clear), Translator(lang)) == words


@pytest.fixture(scope="module")
def results() -> dict[str, CoalitionResult]:
    return {slug: analyse_folder(INPUTS / slug)[2] for slug in ("zorgnetwerk-lindeveld", "wijkzorg-oosterbroek")}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_development_table_names_every_row_by_its_level(results, lang):
    result, t = results["zorgnetwerk-lindeveld"], Translator(lang)
    view = development_view(result, instrument, t)
    assert view is not None
    levels = {row.level for row in view.rows}
    assert levels >= {"clear", "slight"}                     # all rose reliably, not all by half a point
    for row in view.rows:
        assert row.label and row.label != ("geen duidelijke verandering" if lang == "nl" else "no clear change")


def test_the_scores_json_carries_the_level(results):
    result = results["zorgnetwerk-lindeveld"]
    for ch in result.changes.values():
        assert ch.level is change_level(ch.significant, ch.clear)
    back = CoalitionResult.from_json(result.to_json())
    assert {c: ch.level for c, ch in back.changes.items()} == {c: ch.level for c, ch in result.changes.items()}
    assert ChangeLevel.SLIGHT in {ch.level for ch in back.changes.values()}


def mix(wave: str, n: int, **shares: float) -> WaveMix:
    return WaveMix(wave, n, {"actortype": shares, "positie": {}})


def development(*waves: WaveMix, trend: dict | None = None) -> Development:
    return Development(tuple(waves), {"actortype": 0.25, "positie": 0.0}, True, trend or {}, {}, None)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_shift_names_the_largest_moves_only_of_groups_of_k_or_more(lang):
    t = Translator(lang)
    found = development(mix("2025", 52, gemeente=0.19, welzijn=0.15, vvt=0.30, ggz=0.36),
                        mix("2026", 56, gemeente=0.09, welzijn=0.04, vvt=0.47, ggz=0.40))
    examples = shift_examples(found, "actortype", 5, instrument, t)
    # welzijn moved 11 points but is 2 people now: not named; gemeente (10 → 5 people) is
    assert "19% → 9%" in examples and "15% → 4%" not in examples
    assert "30% → 47%" in examples and "36% → 40%" not in examples
    none = shift_examples(development(mix("2025", 20, a=0.1, b=0.9), mix("2026", 20, a=0.9, b=0.1)),
                          "actortype", 5, instrument, t)
    assert "10% → 90%" not in none


def test_oosterbroek_warning_is_percentage_points_with_examples(results):
    result = results["wijkzorg-oosterbroek"]
    nl = development_view(result, instrument, Translator("nl"))
    en = development_view(result, instrument, Translator("en"))
    assert nl is not None and nl.shift is not None and en is not None and en.shift is not None
    assert "verschilt 25 procentpunten van die in 2025 (bijvoorbeeld " in nl.shift
    assert "differs from 2025 by 25 percentage points (e.g. " in en.shift


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "Sinds 2024 zijn de gemiddelden van alle 2 bouwstenen hoger (Actor 2,8 → 3,7 en Fundament 3,1 → 3,3)."),
    ("en", "Since 2024 the means of all 2 building blocks are higher (Actor 2.8 → 3.7 and Foundation 3.1 → 3.3).")])
def test_since_the_first_wave_from_printed_means(lang, expected):
    t = Translator(lang)
    found = development(mix("2024", 40), mix("2025", 40), mix("2026", 40),
                        trend={"actor": {"2024": 2.84, "2025": 3.3, "2026": 3.71},
                               "fundament": {"2024": 3.06, "2025": 3.1, "2026": 3.3}})
    sentence = since_first(found, instrument, 3.0, t)
    assert sentence is not None
    assert expected in sentence
    assert ("Actor scoorden toen nog onder 3,0" if lang == "nl" else "Actor then still scored below 3.0") in sentence
    assert "Fundament scoorden" not in sentence          # 3,1 then: not below
    assert since_first(development(mix("2025", 40), mix("2026", 40), trend=found.trend), instrument, 3.0, t) is None


def test_lindeveld_intro_tells_the_blocks_since_2024(results):
    result = results["zorgnetwerk-lindeveld"]
    view = development_view(result, instrument, Translator("nl"))
    assert view is not None and view.since_first is not None
    trend = result.development.trend if result.development else {}
    for block in ("actor", "fundament"):
        before, now = round(trend[block]["2024"], 1), round(trend[block]["2026"], 1)
        assert f"{Translator('nl').number(before)} → {Translator('nl').number(now)}" in view.since_first
