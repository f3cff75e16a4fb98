"""Not measured is not zero: relations, roles, governance and open questions that a file does
not have, or that nobody answered, give no figures and no advice, and never crash a run; an
earlier wave with a shorter questionnaire gives a trend over what both waves measured."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.analysis.advice import network_diagnoses
from pipeline.analysis.analyse import analyse
from pipeline.analysis.coverage import Coverage, Measured, part_coverage
from pipeline.analysis.result import CoalitionResult
from pipeline.core.coalition import load_coalition
from pipeline.core.errors import InputError
from pipeline.ingest.responses import ingest_coalition, ingest_file
from tests.survey_files import OPTIONAL, RELATIONS, coalition, drop_columns, empty_columns

NOT_FROM_UNMEASURED = {"low_trust", "fragmented", "role_unfilled", "role_single_group"}


def analysed(folder) -> CoalitionResult:
    found = load_coalition(folder)
    return analyse(found, ingest_coalition(found))


@pytest.fixture(scope="module")
def not_asked(tmp_path_factory) -> CoalitionResult:
    folder = coalition(tmp_path_factory.mktemp("not-asked"), "niet-gevraagd")
    drop_columns(folder / "2026.csv", OPTIONAL)
    return analysed(folder)


@pytest.fixture(scope="module")
def not_answered(tmp_path_factory) -> CoalitionResult:
    folder = coalition(tmp_path_factory.mktemp("not-answered"), "niet-beantwoord")
    empty_columns(folder / "2026.csv", OPTIONAL)
    return analysed(folder)


def test_a_file_without_the_optional_questions_is_analysed_as_not_asked(not_asked):
    assert not_asked.measured == Measured(Coverage.NOT_ASKED, Coverage.NOT_ASKED, Coverage.NOT_ASKED,
                                          Coverage.NOT_ASKED)
    assert not_asked.network is None
    assert not_asked.open_answers == {}
    assert not_asked.governance.seen_mode is None and not_asked.governance.answered == 0


def test_optional_questions_nobody_answered_are_not_answered(not_answered):
    assert not_answered.measured == Measured(Coverage.NOT_ANSWERED, Coverage.NOT_ANSWERED,
                                             Coverage.NOT_ANSWERED, Coverage.NOT_ANSWERED)
    assert not_answered.network is None
    assert all(answers == () for answers in not_answered.open_answers.values())


@pytest.mark.parametrize("result", ["not_asked", "not_answered"])
def test_nothing_is_drawn_from_what_was_not_measured(result, request):
    found: CoalitionResult = request.getfixturevalue(result)
    assert not {d.kind for d in found.diagnoses} & NOT_FROM_UNMEASURED
    assert all(r.status == "unknown" and r.nobody is None and r.takes_role is None for r in found.roles.values())
    trust = next(p for p in found.governance.predictors if p.name == "trust_density")
    assert (trust.value, trust.level, trust.fits) == (None, None, ())
    assert found.governance.seen == {} and found.governance.agreement is None


def test_the_same_coalition_with_its_relations_is_measured_and_can_be_fragmented(tmp_path):
    """The control: with the relation answers in the file the network is measured, so the
    absence of figures above comes from the missing columns, not from the coalition."""
    found = analysed(coalition(tmp_path, "met-relaties"))
    assert found.measured.network is Coverage.MEASURED and found.network is not None
    assert found.network.density is not None


def test_relations_alone_missing_leave_roles_governance_and_open_answers_measured(tmp_path):
    folder = coalition(tmp_path, "zonder-relaties")
    drop_columns(folder / "2026.csv", RELATIONS)
    found = analysed(folder)
    assert found.network is None and found.measured.network is Coverage.NOT_ASKED
    assert (found.measured.roles, found.measured.governance, found.measured.open_answers) == (
        Coverage.MEASURED, Coverage.MEASURED, Coverage.MEASURED)
    assert not {d.kind for d in found.diagnoses} & {"low_trust", "fragmented"}


def test_not_measured_survives_scores_json(not_asked):
    again = CoalitionResult.from_json(not_asked.to_json())
    assert again == not_asked
    assert again.network is None and again.measured.network is Coverage.NOT_ASKED


def test_no_network_gives_no_network_diagnosis():
    assert network_diagnoses(None, 0.3, {}) == []


def test_part_coverage_by_hand():
    frame = pd.DataFrame({"wie_strateeg__ggz": [None, 1.0], "regievorm": [None, None]})
    assert part_coverage(frame, {"wie_strateeg"}, ["wie_strateeg"]) is Coverage.MEASURED
    assert part_coverage(frame, {"regievorm"}, ["regievorm"]) is Coverage.NOT_ANSWERED
    assert part_coverage(frame, {"wie_strateeg"}, ["regievorm"]) is Coverage.NOT_ASKED


@pytest.fixture(scope="module")
def shorter_earlier_wave(tmp_path_factory):
    """Two waves; the earlier questionnaire had no GVE statements and one VTR statement fewer."""
    folder = coalition(tmp_path_factory.mktemp("waves"), "twee-metingen", waves=("2025", "2026"))
    drop_columns(folder / "2025.csv", ("GVE", "VTR3"))
    return folder


def test_an_earlier_wave_with_fewer_statements_is_read_with_a_warning(shorter_earlier_wave):
    waves = ingest_coalition(load_coalition(shorter_earlier_wave))
    earlier = waves["2025"]
    assert not earlier.has_errors and earlier.used > 0
    warning = next(f for f in earlier.findings if f.kind == "missing_statements")
    assert "GVE1, GVE2, GVE3" in warning.message and "VTR3" in warning.message
    assert not any(f.kind == "missing_statements" for f in waves["2026"].findings)


def test_the_newest_wave_still_needs_every_statement(shorter_earlier_wave, tmp_path):
    found = load_coalition(shorter_earlier_wave)
    with pytest.raises(InputError, match="GVE1"):
        ingest_file(shorter_earlier_wave / "2025.csv", found, "2026")


def test_the_trend_covers_what_both_waves_measured_and_names_the_rest(shorter_earlier_wave):
    found = analysed(shorter_earlier_wave)
    assert set(found.not_compared) == {"gedeelde_verantwoordelijkheid", "vertrouwen"}
    assert not set(found.changes) & set(found.not_compared)
    assert {"actor", "identiteit", "ambities", "fundament"} <= set(found.changes)
    assert set(found.changes) | set(found.not_compared) == set(found.constructs)
    assert CoalitionResult.from_json(found.to_json()).not_compared == found.not_compared
