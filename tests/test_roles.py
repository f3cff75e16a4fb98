"""Who fills the leadership roles, on five respondents counted by hand (with the anonymity
threshold at 1 where the test is about counting, and at 5 where it is about privacy)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pipeline.analysis.roles import role_filling
from pipeline.core.instrument import load_instrument

instrument = load_instrument()
OPTIONS = [o.code for o in instrument.option_sets["rolhouder"]]


def named(role: str, answers: list[list[str] | None]) -> dict[str, list[float]]:
    """0/1 columns as ingest makes them: NaN for a respondent who skipped the question."""
    return {f"wie_{role}__{o}": [math.nan if a is None else float(o in a) for a in answers] for o in OPTIONS}


FRAME = pd.DataFrame({
    **named("verkenner", [["niemand"], ["niemand"], ["gemeente"], ["gemeente", "niemand"], None]),
    **named("strateeg", [["gemeente"], ["gemeente"], ["gemeente", "vvt"], ["ziekenhuis"], None]),
    "eigen_rollen__strateeg": [1.0, 0.0, math.nan, 1.0, 0.0],
    "eigen_rollen__verkenner": [0.0, 0.0, math.nan, 0.0, 0.0],
})


def test_a_role_most_say_nobody_fills_is_unfilled():
    found = role_filling(FRAME, instrument, "verkenner", nobody_share=0.35, holder_share=0.25, threshold=1)
    assert found.answered == 4
    assert found.nobody == pytest.approx(3 / 4)
    assert found.holders["gemeente"] == pytest.approx(2 / 4)
    assert found.takes_role == 0
    assert found.status == "unfilled"


def test_holders_and_own_roles_by_hand():
    found = role_filling(FRAME, instrument, "strateeg", nobody_share=0.35, holder_share=0.25, threshold=1)
    assert found.nobody == 0
    assert found.holders["gemeente"] == pytest.approx(3 / 4)
    assert found.main_holders == ("gemeente", "ziekenhuis", "vvt")   # ties in questionnaire order
    assert (found.takes_role, found.takes_role_share) == (2, pytest.approx(2 / 5))
    assert found.status == "filled"
    assert found.construct == "rol_strateeg"


def test_a_role_one_group_fills_leans_on_that_group():
    found = role_filling(FRAME, instrument, "strateeg", nobody_share=0.35, holder_share=0.3, threshold=1)
    assert found.main_holders == ("gemeente",)
    assert found.status == "single_group"


def test_a_role_nobody_answered_about_is_unknown():
    empty = pd.DataFrame(named("procesmanager", [None, None]))
    assert role_filling(empty, instrument, "procesmanager", 0.35, 0.25).status == "unknown"


def test_an_answer_naming_a_type_not_in_the_coalition_is_counted_not_taken_as_holder():
    # no hospital on this roster: the two answers naming one are a finding, not a holder
    found = role_filling(FRAME, instrument, "strateeg", 0.35, 0.3,
                         actortypes=frozenset({"gemeente", "vvt"}), threshold=1)
    assert found.not_in_coalition == {"ziekenhuis": 1}
    assert "ziekenhuis" not in found.holders and found.main_holders == ("gemeente",)
    assert found.status == "single_group"


def test_a_role_held_jointly_is_filled_not_single_group():
    frame = pd.DataFrame(named("ontwikkelaar", [["gezamenlijk"], ["gezamenlijk"], ["gezamenlijk", "gemeente"]]))
    found = role_filling(frame, instrument, "ontwikkelaar", 0.35, 0.5, threshold=1)
    assert found.main_holders == ("gezamenlijk",) and found.status == "filled"


def test_a_role_where_no_holder_reaches_the_holder_share_is_unfilled_and_says_why():
    from pipeline.analysis.advice import advise, role_diagnoses
    from pipeline.analysis.catalogue import load_catalogue
    answers = [["gemeente"], ["vvt"], ["ziekenhuis"], ["huisartsen"], ["ggz"], ["niemand"]]
    found = role_filling(pd.DataFrame(named("verkenner", answers)), instrument, "verkenner", 0.35, 0.25)
    assert found.status == "unfilled" and found.main_holders == ()
    [diagnosis] = role_diagnoses({"verkenner": found}, 0.25)
    [advice] = advise([diagnosis], load_catalogue(), instrument, pd.DataFrame(), 0)
    assert ("De rol van verkenner is niet belegd: 17% van de deelnemers ziet niemand in deze rol en geen "
            "rolhouder wordt door ten minste 25% van hen genoemd (hoogstens 17%).") in advice.text["nl"]
    assert "Hardly anyone" not in advice.text["en"] and "17% of the participants" in advice.text["en"]


def test_own_claims_beside_others_view_only_for_groups_large_enough():
    types = ["gemeente"] * 5 + ["vvt"] * 5
    frame = pd.DataFrame({
        **named("strateeg", [["gemeente"]] * 5 + [["gemeente"], ["gemeente"], ["vvt"], ["niemand"], ["niemand"]]),
        "eigen_rollen__strateeg": [1.0, 1.0, 0.0, 0.0, 0.0] + [1.0] * 5,
        "actortype": types,
    })
    found = role_filling(frame, instrument, "strateeg", 0.35, 0.25, frozenset(types), threshold=5)
    claims = {c.group: c for c in found.claims}
    assert claims["gemeente"].claimed == pytest.approx(2 / 5)
    assert claims["gemeente"].attributed == pytest.approx(2 / 5)       # 2 of the 5 vvt respondents name gemeente
    assert claims["vvt"].claimed == 1.0 and claims["vvt"].attributed == 0.0
    # a third group of two would be given away by the total: then nothing is shown
    small = pd.concat([frame, frame.iloc[:2].assign(actortype="ggz")], ignore_index=True)
    assert role_filling(small, instrument, "strateeg", 0.35, 0.25, frozenset(types) | {"ggz"}, 5).claims == ()


def test_fewer_respondents_than_the_threshold_give_no_shares():
    found = role_filling(FRAME, instrument, "strateeg", 0.35, 0.25, threshold=5)    # four answered
    assert found.answered == 4 and found.holders == {} and found.nobody is None
    assert found.main_holders == () and found.status == "unknown"
