"""Who fills the leadership roles, on five respondents counted by hand."""

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
    found = role_filling(FRAME, instrument, "verkenner", nobody_share=0.35, holder_share=0.25)
    assert found.answered == 4
    assert found.nobody == pytest.approx(3 / 4)
    assert found.holders["gemeente"] == pytest.approx(2 / 4)
    assert found.takes_role == 0
    assert found.status == "unfilled"


def test_holders_and_own_roles_by_hand():
    found = role_filling(FRAME, instrument, "strateeg", nobody_share=0.35, holder_share=0.25)
    assert found.nobody == 0
    assert found.holders["gemeente"] == pytest.approx(3 / 4)
    assert found.main_holders == ("gemeente", "ziekenhuis", "vvt")   # ties in questionnaire order
    assert (found.takes_role, found.takes_role_share) == (2, pytest.approx(2 / 5))
    assert found.status == "filled"
    assert found.construct == "rol_strateeg"


def test_a_role_one_group_fills_leans_on_that_group():
    found = role_filling(FRAME, instrument, "strateeg", nobody_share=0.35, holder_share=0.3)
    assert found.main_holders == ("gemeente",)
    assert found.status == "single_group"


def test_a_role_nobody_answered_about_is_unknown():
    empty = pd.DataFrame(named("procesmanager", [None, None]))
    assert role_filling(empty, instrument, "procesmanager", 0.35, 0.25).status == "unknown"
