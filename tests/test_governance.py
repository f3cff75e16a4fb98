"""The governance mode that fits, by the Provan & Kenis table, with values chosen by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.analysis.governance import (
    LEAD,
    NAO,
    SHARED,
    governance,
    predictors,
    seen_modes,
)
from pipeline.core.settings import Settings

settings = Settings()


def test_members_view_and_their_agreement():
    answers = pd.Series(["netwerkbureau", "netwerkbureau", "zelfregulerend", "weet_niet", None])
    shares, seen, agreement, dont_know, answered = seen_modes(answers)
    assert seen == NAO
    assert agreement == pytest.approx(2 / 3)
    assert shares[SHARED] == pytest.approx(1 / 3) and shares[LEAD] == 0
    assert dont_know == pytest.approx(1 / 4)
    assert answered == 4


def test_each_condition_points_to_its_modes():
    found = {p.name: p for p in predictors(0.2, 12, 3.7, 4.2, settings)}
    assert (found["trust_density"].level, found["trust_density"].fits) == ("low", (LEAD,))
    assert (found["organisations"].level, found["organisations"].fits) == ("moderate", (LEAD, NAO))
    assert (found["goal_consensus"].level, found["goal_consensus"].fits) == ("moderate", (NAO,))
    assert (found["competence_need"].level, found["competence_need"].fits) == ("high", (NAO,))


def test_low_trust_many_needs_and_shared_declared_is_a_mismatch():
    # support: lead 1 + 0.5 = 1.5, network office 0.5 + 1 + 1 = 2.5, shared 0
    found = governance(SHARED, pd.Series([SHARED] * 3), 0.2, 12, 3.7, 4.2, settings)
    assert found.support == {NAO: 2.5, LEAD: 1.5, SHARED: 0.0}
    assert found.fitting == NAO
    assert found.mismatch


def test_a_split_verdict_keeps_the_declared_mode():
    # high trust and few organisations (shared 2) against low consensus and moderate need (lead 2)
    assert not governance(LEAD, pd.Series(dtype=object), 0.7, 5, 3.0, 3.5, settings).mismatch
    declared_office = governance(NAO, pd.Series(dtype=object), 0.7, 5, 3.0, 3.5, settings)
    assert declared_office.fitting == LEAD and declared_office.mismatch


def test_thresholds_come_from_settings():
    strict = Settings(governance_organisations_few=4)
    assert predictors(None, 5, None, None, strict)[1].level == "moderate"
    assert predictors(None, 5, None, None, settings)[1].level == "few"
    assert predictors(None, 5, None, None, settings)[0].fits == ()
