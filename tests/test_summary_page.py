"""The summary page's sentences, made from the example coalitions' figures, and the page itself."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.core.labels import group_in_sentence
from pipeline.report.parameters import ReportParameters
from pipeline.report.steps import analyse_folder, make_report
from pipeline.report.summary_page import (
    GENERAL_HOLDERS,
    leads,
    next_steps,
    response_line,
    single_organisation_types,
    trend,
)
from tests.pdf_helpers import pdf_text
from tests.test_example_data import INPUTS

instrument = load_instrument()


@pytest.fixture(scope="module")
def results():
    return {slug: analyse_folder(INPUTS / slug)[2] for slug in ("zorgnetwerk-lindeveld", "wijkzorg-oosterbroek")}


def test_lindeveld_leads_with_every_score_rising(results):
    result = results["zorgnetwerk-lindeveld"]
    first = leads(result, instrument, Translator("nl"))[0]
    quality = [c for c in result.changes if instrument.constructs[c].is_quality]
    assert first.kind == "all_rose" and first.figure == str(len(quality))
    clear = sum(result.changes[c].clear for c in quality)
    assert 0 < clear < len(quality)          # every rise is reliable, not every one is large enough to be clear
    # the rule as printed ("afgerond"), and the rest named as slight, never as "no clear change"
    assert first.sentence.startswith(f"Alle {len(quality)} scores zijn sinds 2025 betrouwbaar gestegen: "
                                     f"{clear} duidelijk (afgerond minstens 0,5 punt), de andere "
                                     f"{len(quality) - clear} licht")


def test_lindeveld_cards_call_a_reliable_rise_under_half_a_point_slight(results):
    result = results["zorgnetwerk-lindeveld"]
    for lang, words in (("nl", "licht gestegen"), ("en", "rose slightly")):
        t = Translator(lang)
        slight = [b for b in ("actor", "identiteit", "ambities", "fundament")
                  if result.changes[b].significant and not result.changes[b].clear]
        assert slight
        for b in slight:
            card = trend(result, b, t)
            assert card is not None and card.level == "slight" and card.label == words


def test_oosterbroek_leads_with_all_four_roles_that_fell(results):
    result = results["wijkzorg-oosterbroek"]
    fell = [c for c, ch in result.changes.items()
            if instrument.constructs[c].is_quality and ch.clear and ch.change < 0]
    # no building block fell clearly; all four leadership roles did: named together, with their range
    assert not any(b in fell for b in ("actor", "identiteit", "ambities", "fundament"))
    roles = sorted((c for c in fell if c.startswith("rol_")), key=lambda c: abs(result.changes[c].change))
    assert len(roles) == 4
    t = Translator("en")
    span = f"{t.signed(result.changes[roles[0]].printed)} to {t.signed(result.changes[roles[-1]].printed)}"
    first = leads(result, instrument, t)[0]
    assert first.kind == "decline"
    assert first.sentence.startswith(f"All four leadership roles have fallen clearly since 2025 ({span}).")
    assert "In all" not in first.sentence
    nl = leads(result, instrument, Translator("nl"))[0]
    assert nl.sentence.startswith("Alle vier leiderschapsrollen zijn sinds 2025 duidelijk gedaald (")


def test_cards_response_and_steps_say_what_the_figures_say(results):
    result, t = results["wijkzorg-oosterbroek"], Translator("nl")
    change = result.changes["fundament"]
    card = trend(result, "fundament", t)
    assert card is not None and card.direction == "down" and card.clear == change.clear
    assert change.significant and not change.clear     # reliable but smaller than 0.5 point: not "duidelijk"
    assert card.level == "slight" and card.label == "licht gedaald"
    ambities = trend(result, "ambities", t)               # −0,5 printed, but not reliable after Holm
    assert ambities is not None and not result.changes["ambities"].significant
    assert ambities.label == "geen betrouwbare verandering"
    assert card.difference == t.signed(change.printed)
    assert trend(result, "ecosysteem_onbekend", t) is None
    assert f"{result.response.used} van de {result.response.received}" in response_line(result, t)
    steps = next_steps(result, instrument, t)
    assert [s.title for s in steps] == [a.title["nl"] for a in result.advice[:3]]   # the first three steps
    owners = {"Strateeg", "Ontwikkelaar", "Verkenner", "Procesmanager", "Bestuur van de coalitie",
              "De deelnemers samen (kerngroep)"}
    assert all(re.split("[,;]", s.owner)[0] in owners and s.horizon for s in steps)
    single = single_organisation_types(result)
    for step, advice in zip(steps, result.advice, strict=False):     # a role owner says who holds it now
        role = result.roles.get(advice.owner["nl"])
        if role and role.main_holders:
            # everyone ('deelnemers in het algemeen', 'gezamenlijk') is no owner, nor, for trust repair,
            # a type with one organisation on the roster
            named = [h for h in role.main_holders if h not in GENERAL_HOLDERS
                     and not (advice.diagnosis.topic == "trust" and h in single)][:2]
            if named:
                holders = [group_in_sentence(instrument, "rolhouder", h, t) for h in named]
                assert step.owner == f"{step.owner.split(',')[0]}, nu vooral: {t.join(holders)}"
            else:
                assert "nu vooral" not in step.owner


def test_a_change_told_while_the_mix_of_respondents_shifted_says_so(results):
    result = results["wijkzorg-oosterbroek"]
    assert result.development is not None and result.development.shifted      # a quarter in another category
    first = leads(result, instrument, Translator("nl"))[0]
    assert first.kind == "decline" and first.sentence.endswith("Let op: er antwoordden andere groepen mensen dan "
                                                               "in 2025 (zie Ontwikkeling).")
    steady = replace(result, development=replace(result.development, shifted=False))
    assert "Let op" not in leads(steady, instrument, Translator("nl"))[0].sentence


@pytest.mark.slow
def test_the_summary_is_one_page_that_leads(tmp_path):
    make_report(ReportParameters(str(INPUTS / "wijkzorg-oosterbroek"), str(tmp_path), lang="nl"))
    pages = pdf_text(tmp_path / "wijkzorg-oosterbroek.pdf").split("\f")
    summary = next(n for n, page in enumerate(pages) if "Drie dingen om te weten" in page)
    text = " ".join(pages[summary].split())
    for part in ("Samenvatting", "duidelijk gedaald", "95%-interval", "Respons.", "Wat nu", "Wie pakt het op"):
        assert part in text, part
    assert "Netwerkmodel Het Netwerkmodel beschrijft" in " ".join(pages[summary + 1].split())   # one page, no more


def test_a_steps_reason_on_the_summary_keeps_whole_sentences_within_its_limit():
    from pipeline.report.summary_page import brief
    text = "Gekozen vorm: zelfregulering. " + "Past daar niet bij: " + "x" * 250 + ". Nog een zin."
    assert brief(text) == "Gekozen vorm: zelfregulering."
    assert brief("Eén zin van 3,4 punt. Nog één.", limit=200) == "Eén zin van 3,4 punt. Nog één."
    assert brief("A " * 150 + "end.") == ("A " * 150 + "end.").strip()     # the first sentence always stays
