"""A mean whose 95% interval crosses a band boundary is called "tussen ... en ..." in every
sentence that states its level, never the single band: the cards already say so."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from pipeline.analysis.advice import advise, construct_diagnoses
from pipeline.analysis.catalogue import load_catalogue
from pipeline.analysis.headlines import headlines
from pipeline.analysis.result import CoalitionResult
from pipeline.analysis.scores import Summary
from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.report.steps import analyse_folder
from pipeline.report.summary_page import leads
from pipeline.report.texts import advice_reason
from tests.test_example_data import INPUTS

instrument = load_instrument()
STRADDLING = Summary(30, 3.8, 0.6, 3.52, 4.08, 0.6, {}, "attention", "attention", "strength")


@pytest.fixture(scope="module")
def result() -> CoalitionResult:
    """Fundament lowest of the blocks, its interval crossing into the strength band; the other
    blocks clearly higher, so that it is the weakest block alone."""
    _, _, found = analyse_folder(INPUTS / "farmacie-duinstede")
    clear = Summary(30, 4.6, 0.3, 4.5, 4.7, 0.9, {}, "strength", "strength", "strength")
    constructs = dict(found.constructs) | {"fundament": STRADDLING, "actor": clear, "identiteit": clear,
                                           "ambities": clear}
    return replace(found, constructs=constructs, changes={}, diagnoses=())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_sentence_states_the_single_band_of_a_straddling_mean(result, lang):
    t = Translator(lang)
    single, between = t.band("attention").lower(), t("band_between", low=t.band("attention").lower(),
                                                      high=t.band("strength").lower())
    weakest = next(lead for lead in leads(result, instrument, t) if lead.kind == "weakest_block")
    diagnosis = next(d for d in construct_diagnoses({"fundament": STRADDLING}, instrument))
    [advice] = advise([diagnosis], load_catalogue(), instrument, pd.DataFrame(), 0)
    sentences = [weakest.sentence, advice_reason(advice, result, instrument, t), advice.text[lang]]
    for sentence in sentences:
        assert f"({single})" not in sentence, sentence
    assert between in weakest.sentence and between in sentences[1]


def test_a_block_whose_interval_overlaps_the_lowest_is_named_with_it(result):
    close = Summary(30, 3.9, 0.6, 3.6, 4.2, 0.6, {}, "attention", "attention", "strength")
    near = replace(result, constructs=dict(result.constructs) | {"actor": close})
    weakest = next(h for h in headlines(near, instrument) if h.kind == "weakest_block")
    assert weakest.subjects == ("fundament",) and weakest.near == ("actor",)
    lead = next(lead for lead in leads(near, instrument, Translator("nl")) if lead.kind == "weakest_block")
    assert "Het verschil met Actor is niet duidelijk" in lead.sentence


def test_a_clearly_lower_block_stands_alone(result):
    weakest = next(h for h in headlines(result, instrument) if h.kind == "weakest_block")
    assert weakest.near == ()


def test_a_block_close_to_every_other_says_so_without_listing_them(result):
    close = Summary(30, 3.9, 0.6, 3.6, 4.2, 0.6, {}, "attention", "attention", "strength")
    near = replace(result, constructs=dict(result.constructs) | {"actor": close, "identiteit": close,
                                                                 "ambities": close})
    lead = next(lead for lead in leads(near, instrument, Translator("nl")) if lead.kind == "weakest_block")
    assert lead.sentence.endswith("Het verschil met de andere bouwstenen is niet duidelijk: de onzekerheidsmarges "
                                  "overlappen.")


def test_the_open_answer_note_calls_only_a_clear_strength_a_strength():
    from pipeline.analysis.analyse import clear_strengths

    clear = Summary(30, 4.4, 0.3, 4.2, 4.6, 0.9, {}, "strength", "strength", "strength")
    reaching = Summary(30, 4.1, 0.6, 3.8, 4.4, 0.8, {}, "strength", "attention", "strength")
    assert clear_strengths({"actor": clear, "fundament": reaching}) == frozenset({"actor"})
