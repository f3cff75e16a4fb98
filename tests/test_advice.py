"""Which diagnoses become advice, with which texts and quotes."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.analysis.advice import (
    Condition,
    ConstructEvidence,
    DeclineEvidence,
    Diagnosis,
    GovernanceEvidence,
    RoleEvidence,
    TrustEvidence,
    advise,
    construct_diagnoses,
    fill,
    matching_quotes,
    select,
)
from pipeline.analysis.catalogue import Catalogue, load_catalogue
from pipeline.analysis.roles import ROLES
from pipeline.analysis.scores import Summary
from pipeline.analysis.themes import load_themes
from pipeline.core.instrument import load_instrument
from pipeline.core.settings import Settings

instrument = load_instrument()
settings = Settings()


def construct(code: str, mean: float) -> Diagnosis:
    band = settings.band(mean)
    assert band is not None
    return Diagnosis(f"construct_{band}", code, ConstructEvidence(mean, band), mean)


MISMATCH = GovernanceEvidence("zelfregulerend", "netwerkbureau", "zelfregulerend",
                              (Condition("competence_need", 4.3, "high"),),
                              (Condition("organisations", 12, "moderate"),))
DECLINE = DeclineEvidence(-0.42, -0.4, "2025", 0.01)
UNFILLED = RoleEvidence(0.8, (), 30)


def test_the_most_important_come_first_and_two_of_a_kind_at_most():
    found = [construct("actor", 2.1), construct("fundament", 2.4), construct("ambities", 2.8),
             Diagnosis("decline", "identiteit", DECLINE, -0.5),
             Diagnosis("governance_mismatch", "netwerkbureau", MISMATCH),
             Diagnosis("role_unfilled", "verkenner", UNFILLED, -0.8)]
    chosen = select(found, settings)
    assert [(d.kind, d.subject) for d in chosen] == [
        ("governance_mismatch", "netwerkbureau"), ("role_unfilled", "verkenner"), ("construct_concern", "actor"),
        ("construct_concern", "fundament"), ("decline", "identiteit")]


def test_a_learning_network_gets_its_own_text_where_the_catalogue_has_one():
    diagnosis = construct("ambities", 2.6)
    learning = advise([diagnosis], load_catalogue(), instrument, pd.DataFrame(), 0, "leernetwerk")[0]
    task = advise([diagnosis], load_catalogue(), instrument, pd.DataFrame(), 0, "samenwerkingsverband")[0]
    assert learning.key == "construct.ambities.concern.leernetwerk" and task.key == "construct.ambities.concern"
    assert "taakafspraken" in learning.text["nl"] and "leervragen" in learning.text["nl"]
    assert "trekkers" in task.text["nl"] and "leervragen" not in task.text["nl"]


def test_one_topic_is_advised_once():
    found = [Diagnosis("role_unfilled", "verkenner", UNFILLED), construct("rol_verkenner", 2.0),
             Diagnosis("low_trust", "network", TrustEvidence(0.2, 2.5)), construct("vertrouwen", 2.2),
             construct("actor", 3.5)]
    chosen = select(found, settings)
    assert [d.subject for d in chosen] == ["verkenner", "vertrouwen", "actor"]


def test_a_healthy_coalition_still_gets_the_minimum_from_its_lowest_strengths():
    found = [construct("actor", 4.4), construct("fundament", 4.1), construct("ambities", 4.2),
             construct("identiteit", 4.6)]
    chosen = select(found, Settings(advice_min_findings=3))
    assert [d.subject for d in chosen] == ["fundament", "ambities", "actor"]


def test_needs_and_profiles_are_never_diagnosed_as_good_or_bad():
    summary = Summary(10, 2.0, 0.5, 1.7, 2.3, 0.1, {}, "concern")
    found = construct_diagnoses({"netwerkcompetenties": summary, "taakgericht": summary, "actor": summary}, instrument)
    assert [d.subject for d in found] == ["actor"]


def test_placeholders_are_filled_and_unknown_ones_refused():
    assert fill("{construct} daalde met {change}", {"construct": "Actor", "change": "0,4"}) == "Actor daalde met 0,4"
    with pytest.raises(ValueError, match="naam"):
        fill("Beste {naam}", {})


def test_open_answers_of_the_advices_theme_are_quoted_once():
    answers = pd.DataFrame({"open_beter": ["Meer vertrouwen tussen partijen", "Betere agenda", None,
                                           "Vertrouwen komt te voet"],
                            "open_prioriteit": ["Vertrouwen herstellen", None, None, None]})
    low_trust = Diagnosis("low_trust", "network", TrustEvidence(0.2, 2.1))
    used: set[str] = set()
    first = matching_quotes(answers, low_trust, load_themes(), used, limit=2)
    assert [q.text for q in first] == ["Meer vertrouwen tussen partijen", "Vertrouwen komt te voet"]
    again = matching_quotes(answers, low_trust, load_themes(), used, limit=5)
    assert [(q.question, q.text) for q in again] == [("open_prioriteit", "Vertrouwen herstellen")]


def test_an_answer_of_another_theme_is_not_quoted():
    """Advice on the foundation quotes answers on decisions, communication or means, not one on trust."""
    answers = pd.DataFrame({"open_beter": ["Meer budget voor het netwerkbureau", "Geen vertrouwen in de stuurgroep"]})
    budget = Diagnosis("construct_concern", "fundament", ConstructEvidence(2.6, "concern"), 2.6)
    quoted = [q.text for q in matching_quotes(answers, budget, load_themes(), set(), limit=5)]
    assert quoted == ["Meer budget voor het netwerkbureau"]


def test_advice_texts_in_both_languages_with_the_names_filled():
    chosen = [Diagnosis("governance_mismatch", "zelfregulerend", MISMATCH),
              Diagnosis("decline", "fundament", DECLINE, -0.42)]
    found = advise(chosen, load_catalogue(), instrument, pd.DataFrame(), 3, themes=load_themes())
    assert found[0].key == "governance.misfit.zelfregulerend"
    assert "behoefte aan coördinatie 4,3 (hoog)" in found[0].text["nl"]
    assert "need for coordination 4.3 (high)" in found[0].text["en"]
    assert found[1].key == "decline"
    for advice in found:
        assert advice.title["nl"] and advice.title["en"] and advice.text["nl"] != advice.text["en"]
        assert "{" not in advice.text["nl"] + advice.text["en"]


def test_the_default_catalogue_has_every_text_the_rules_can_ask_for():
    catalogue = load_catalogue()
    keys = [f"construct.{c}.{band}" for c in instrument.constructs for band in ("concern", "attention", "strength")]
    keys += [f"role.{r}.{status}" for r in ROLES for status in ("unfilled", "single_group")]
    keys += [f"governance.misfit.{m}" for m in ("zelfregulerend", "leidende_organisatie", "netwerkbureau")]
    keys += ["network.low_trust", "network.fragmented", "network.periphery", "gap", "decline"]
    for key in keys:
        entry = catalogue.entry(key)
        for lang in ("nl", "en"):
            assert entry[lang]["title"].strip() and len(entry[lang]["text"]) > 60, key


def test_a_firm_overrides_single_entries_from_its_brand_folder(tmp_path):
    (tmp_path / "advice.yaml").write_text(
        "decline:\n  nl:\n    title: Eigen titel\n    text: Eigen tekst over {construct}.\n", encoding="utf-8")
    catalogue = load_catalogue(tmp_path)
    assert catalogue.entry("decline")["nl"]["title"] == "Eigen titel"
    assert catalogue.entry("decline")["en"] == load_catalogue().entry("decline")["en"]
    assert catalogue.entry("gap") == load_catalogue().entry("gap")
    assert isinstance(catalogue, Catalogue)


def test_a_coalition_with_only_attention_points_still_gets_the_minimum():
    """No clear gap or decline and no strength: the per-kind cap gives way to the minimum."""
    found = [construct(code, mean) for code, mean in (("actor", 3.6), ("fundament", 3.2), ("ambities", 3.4),
                                                      ("identiteit", 3.7))]
    chosen = select(found, Settings(advice_min_findings=3))
    assert [d.subject for d in chosen] == ["fundament", "ambities", "actor"]
