"""Provan & Kenis as they are: each condition held against the declared mode, no vote counting."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pipeline.analysis.governance import (
    LEAD,
    NAO,
    SHARED,
    Host,
    governance,
    predictors,
    seen_modes,
)
from pipeline.analysis.tensions import with_tensions
from pipeline.analysis.trust import TrustSpread, centralisation, trust_spread
from pipeline.core.settings import Settings

settings = Settings()
NONE = pd.Series(dtype=object)


def spread(density: float | None, central: float | None) -> TrustSpread:
    return TrustSpread(density, central, (), 10)


def test_members_view_and_their_agreement():
    answers = pd.Series(["netwerkbureau", "netwerkbureau", "zelfregulerend", "weet_niet", None])
    shares, seen, agreement, dont_know, answered = seen_modes(answers)
    assert seen == NAO
    assert agreement == pytest.approx(2 / 3)
    assert shares[SHARED] == pytest.approx(1 / 3) and shares[LEAD] == 0
    assert dont_know == pytest.approx(1 / 4)
    assert answered == 4


def test_each_condition_points_to_its_modes():
    found = {p.name: p for p in predictors(spread(0.2, 0.7), 12, 3.7, 4.2, LEAD, settings)}
    assert (found["trust_density"].level, found["trust_density"].fits) == ("low", (LEAD,))
    assert (found["trust_centralisation"].level, found["trust_centralisation"].fits) == ("high", (LEAD,))
    assert (found["organisations"].level, found["organisations"].fits) == ("moderate", (NAO, LEAD))
    assert (found["goal_consensus"].level, found["goal_consensus"].fits) == ("moderate", (NAO,))
    assert (found["competence_need"].level, found["competence_need"].fits) == ("high", (NAO,))
    assert [p.fits_declared for p in found.values()] == [True, True, True, False, False]


def test_a_lead_organisation_with_decentralised_trust_is_told_trust_does_not_fit():
    # thin trust as a lead organisation wants, but spread evenly instead of centred on the lead
    found = with_tensions(governance(LEAD, NONE, spread(0.2, 0.1), 12, 3.2, 3.5, settings))
    assert found.misfit == ("trust_centralisation",)
    assert set(found.fit) == {"trust_density", "organisations", "goal_consensus", "competence_need"}
    assert found.mismatch                     # four fitting conditions do not outvote the one that does not
    assert found.fitting is None              # shared governance would want dense trust; no mode fits all
    from pipeline.analysis.advice import advise, governance_diagnoses
    from pipeline.analysis.catalogue import load_catalogue
    from pipeline.core.instrument import load_instrument
    [diagnosis] = governance_diagnoses(found)
    [advice] = advise([diagnosis], load_catalogue(), load_instrument(), pd.DataFrame(), 0)
    assert "past daar niet bij: centralisatie van het vertrouwen 0,10 (laag). Geen van de drie" in advice.text["nl"]
    assert "this does not fit: trust centralisation 0.10 (low). None of the three" in advice.text["en"]


def test_every_condition_fitting_the_declared_mode_is_no_mismatch():
    found = governance(SHARED, NONE, spread(0.8, 0.1), 5, 4.3, 2.5, settings)
    assert found.misfit == () and not found.mismatch and found.fitting == SHARED


def test_an_nao_is_not_judged_on_how_centralised_trust_is():
    found = governance(NAO, NONE, spread(0.45, 0.9), 20, 3.7, 4.4, settings)
    by_name = {p.name: p for p in found.predictors}
    assert by_name["trust_centralisation"].fits_declared is None
    assert found.fitting == NAO and not found.mismatch


def test_unmeasured_conditions_neither_fit_nor_misfit():
    found = governance(SHARED, NONE, spread(None, None), 5, None, None, settings)
    assert found.misfit == () and found.fit == ("organisations",)


def test_thresholds_come_from_settings():
    strict = Settings(governance_organisations_few=4)
    assert predictors(spread(None, None), 5, None, None, SHARED, strict)[2].level == "moderate"
    assert predictors(spread(None, None), 5, None, None, SHARED, settings)[2].level == "few"
    assert predictors(spread(None, None), 5, None, None, SHARED, settings)[0].fits == ()


def test_trust_centralisation_is_zero_when_even_and_one_for_a_star():
    assert centralisation([1.0, 1.0, 1.0, 1.0]) == 0
    assert centralisation([1.0, 1 / 3, 1 / 3, 1 / 3]) == pytest.approx(1.0)
    assert centralisation([0.5, 0.5]) is None


def rating(rater: str, trust: dict[str, float]) -> dict[str, object]:
    return {"organisatie": rater, **{f"rel_vertrouwen__{o}": v for o, v in trust.items()}}


def test_trust_centred_on_one_organisation_is_found_from_the_ratings():
    # a, b, c, d: everyone trusts the hub h a lot, and each other little
    frame = pd.DataFrame([rating(x, {"h": 4.0, **{y: 1.0 for y in "abcd" if y != x}}) for x in "abcd"]
                         + [rating("h", {y: 3.0 for y in "abcd"})])
    found = trust_spread(frame, ["h", "a", "b", "c", "d"], high_trust=3.0)
    assert found.density == pytest.approx(4 / 10)
    assert found.centralisation == pytest.approx(1.0)
    assert found.centres == ("h",)
    host = Host("h", "Hub", "ziekenhuis", "lead_organisation", "h" in found.centres, {}, False)
    lead = with_tensions(governance(LEAD, NONE, found, 12, 3.2, 3.5, settings, host))
    assert "trust_centralisation" in lead.fit and lead.tensions == ()   # trust is centred on the lead


def test_unrated_pairs_do_not_count_as_distrust():
    # x and y sent nobody: the pair x-y is unrated, so high trust among the rated pairs is even
    frame = pd.DataFrame([rating("a", {"x": 4.0, "y": 4.0, "b": 4.0}), rating("b", {"x": 4.0, "y": 4.0, "a": 4.0})])
    found = trust_spread(frame, ["a", "b", "x", "y"], high_trust=3.0)
    assert found.density == 1 and found.centralisation == 0 and found.rated_pairs == 5
    assert not math.isnan(found.centralisation)


def test_tensions_speak_only_where_the_data_do():
    shared_large = with_tensions(governance(SHARED, pd.Series([SHARED] * 3), spread(0.7, 0.1), 14, 4.2, 2.5, settings))
    assert [(x.name, x.reading) for x in shared_large.tensions] == [("efficiency_inclusiveness", "shared_size")]
    seen_other = with_tensions(governance(NAO, pd.Series([LEAD] * 4 + [NAO]), spread(0.45, 0.3), 20, 3.7, 4.4,
                                          settings))
    assert [x.reading for x in seen_other.tensions] == ["seen_differs"]
    host_small = with_tensions(governance(NAO, NONE, spread(0.8, 0.1), 5, 4.2, 4.4, settings))
    assert [x.reading for x in host_small.tensions] == ["host_small_trusting"]


def test_without_any_high_trust_pair_centralisation_is_not_measured():
    frame = pd.DataFrame([rating("a", {"b": 1.0, "c": 2.0}), rating("b", {"a": 1.0, "c": 1.0})])
    found = trust_spread(frame, ["a", "b", "c"], high_trust=3.0)
    assert found.density == 0 and found.centralisation is None and found.centres == ()


def test_a_host_without_ties_is_a_legitimacy_tension_before_trust():
    found = spread(0.45, 0.3)
    host = Host("h", "Hub", "ziekenhuis", "lead_organisation", False, {}, True, untied=True)
    lead = with_tensions(governance(LEAD, NONE, found, 12, 3.2, 3.5, settings, host))
    assert [x.reading for x in lead.tensions] == ["host_untied"]


def test_a_level_is_between_two_when_the_interval_crosses_a_boundary():
    # goal consensus 3.8 (moderate) with an interval from 3.3 (low) to 4.3 (high)
    found = {p.name: p for p in predictors(spread(0.8, 0.1), 5, 3.8, 2.5, SHARED, settings,
                                           {"goal_consensus": (3.3, 4.3), "competence_need": (2.3, 2.7)})}
    consensus = found["goal_consensus"]
    assert (consensus.level, consensus.level_low, consensus.level_high) == ("moderate", "low", "high")
    assert consensus.level_unsure and consensus.unsure          # high would fit shared governance, moderate not
    need = found["competence_need"]
    assert (need.level_low, need.level_high, need.level_unsure, need.unsure) == ("low", "low", False, False)
    assert not found["trust_density"].level_unsure               # no interval: its level as it is


def test_an_interval_within_levels_that_give_the_same_verdict_is_sure():
    # competence need 3.8 (moderate), interval 3.6 to 4.3 (moderate to high): neither suits shared governance
    [need] = [p for p in predictors(spread(0.8, 0.1), 5, 4.3, 3.8, SHARED, settings,
                                    {"competence_need": (3.6, 4.3)}) if p.name == "competence_need"]
    assert need.level_unsure and not need.unsure and need.fits_declared is False


def test_a_misfit_only_within_the_interval_is_told_as_may_not_fit():
    from pipeline.analysis.advice import governance_diagnoses
    found = with_tensions(governance(SHARED, NONE, spread(0.8, 0.1), 5, 3.8, 2.5, settings,
                                     intervals={"goal_consensus": (3.3, 4.3), "competence_need": (2.3, 2.7)}))
    assert found.misfit == ("goal_consensus",) and found.unsure == ("goal_consensus",)
    assert found.sure_misfit == () and governance_diagnoses(found) == []     # no advice claims it does not fit


@pytest.mark.parametrize(("lang", "verdict", "line"), [
    ("nl", "Mogelijk passen niet alle gemeten omstandigheden bij de gekozen vorm, zelfregulering",
     "Past mogelijk niet bij zelfregulering: overeenstemming over doelen 3,8 (tussen laag en hoog)."),
    ("en", "Some measured conditions may not fit the chosen form, shared governance",
     "May not fit shared governance: agreement on goals 3.8 (between low and high)."),
])
def test_the_governance_text_says_between_and_may_not_fit(lang, verdict, line):
    from dataclasses import replace

    from pipeline.core.i18n import Translator
    from pipeline.report.model_texts import governance_lines
    from pipeline.report.steps import analyse_folder
    from pipeline.report.texts import governance_verdict
    from tests.test_example_data import INPUTS

    _, _, result = analyse_folder(INPUTS / "farmacie-duinstede")
    found = with_tensions(governance(SHARED, NONE, spread(0.8, 0.1), 5, 3.8, 2.5, settings,
                                     intervals={"goal_consensus": (3.3, 4.3), "competence_need": (2.3, 2.7)}))
    result = replace(result, governance=found)
    t = Translator(lang)
    assert governance_verdict(result, t).startswith(verdict)
    assert line in governance_lines(result, t)
    sure = replace(result, governance=with_tensions(governance(SHARED, NONE, spread(0.8, 0.1), 5, 3.8, 2.5,
                                                               settings)))
    assert not any("mogelijk" in x.lower() or "may " in x.lower() for x in governance_lines(sure, t))


def test_the_mode_that_fits_is_only_may_fit_when_an_interval_reaches_past_it():
    from dataclasses import replace

    from pipeline.analysis.headlines import headlines
    from pipeline.core.i18n import Translator
    from pipeline.core.instrument import load_instrument
    from pipeline.report.model_texts import governance_lines
    from pipeline.report.steps import analyse_folder
    from tests.test_example_data import INPUTS

    # a lead organisation declared, trust dense and even: shared governance fits every condition by
    # the means, but goal consensus 4.1 (high) has an interval down to 3.3 (low), which shared does not want
    found = with_tensions(governance(LEAD, NONE, spread(0.8, 0.1), 5, 4.1, 2.5, settings,
                                     intervals={"goal_consensus": (3.3, 4.6), "competence_need": (2.3, 2.7)}))
    assert found.fitting == SHARED and found.fitting_unsure == ("goal_consensus",) and found.sure_misfit
    _, _, result = analyse_folder(INPUTS / "farmacie-duinstede")
    result = replace(result, governance=found)
    assert "Alle gemeten omstandigheden passen mogelijk wel bij zelfregulering" in " ".join(
        governance_lines(result, Translator("nl")))
    assert "governance_misfit" not in [h.kind for h in headlines(result, load_instrument(), shown=99)]
    sure = replace(result, governance=with_tensions(governance(LEAD, NONE, spread(0.8, 0.1), 5, 4.1, 2.5, settings)))
    assert "governance_misfit" in [h.kind for h in headlines(sure, load_instrument(), shown=99)]


@pytest.mark.parametrize("lang, verdict", [("nl", "Geen van de gemeten omstandigheden past"),
                                           ("en", "None of the measured conditions fits")])
def test_when_no_condition_fits_the_verdict_says_none_not_not_all(lang, verdict):
    from dataclasses import replace

    from pipeline.core.i18n import Translator
    from pipeline.report.steps import analyse_folder
    from pipeline.report.texts import governance_verdict
    from tests.test_example_data import INPUTS

    _, _, result = analyse_folder(INPUTS / "samenwerking-kempenrode")   # no condition suits its mode
    assert result.governance.sure_misfit and not result.governance.fit
    assert governance_verdict(result, Translator(lang)).startswith(verdict)
    some_fit = replace(result, governance=replace(result.governance, fit=("organisations",)))
    assert not governance_verdict(some_fit, Translator(lang)).startswith(verdict)
