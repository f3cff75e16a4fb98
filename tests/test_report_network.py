"""The network and response pages as a reader gets them, read back from a rendered PDF and its
scores.json: Heidemeer has two organisations that did not respond and two with one respondent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.analysis.network import INTENSITY, pair_ratings
from pipeline.analysis.result import CoalitionResult
from pipeline.core.coalition import load_coalition
from pipeline.ingest.responses import ingest_coalition
from pipeline.report.parameters import ReportParameters
from pipeline.report.steps import make_report
from tests.pdf_helpers import pdf_text

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
SLUG = "leernetwerk-heidemeer"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[str, CoalitionResult, Path]:
    folder = tmp_path_factory.mktemp("inputs") / SLUG
    shutil.copytree(INPUTS / SLUG, folder)
    out = tmp_path_factory.mktemp("reports")
    make_report(ReportParameters(str(folder), str(out)))
    result = CoalitionResult.from_json((out / "scores.json").read_text(encoding="utf-8"))
    return " ".join(pdf_text(out / f"{SLUG}.pdf").split()), result, folder


@pytest.mark.slow
def test_the_response_line_and_the_silent_organisations_are_in_the_report(rendered):
    text, result, _ = rendered
    p = result.participation
    assert p is not None and p.rate is not None and p.not_responding
    assert f"{p.respondents} van de {p.invited} genodigden" in text
    assert f"{p.responding} van de {result.coalition.organisations} organisaties" in text
    for code in p.not_responding:
        assert result.coalition.roster[code].name in text
    assert "geen respons" in text and "Respons en deelname" in text


@pytest.mark.slow
def test_no_tie_strength_in_scores_json_rests_on_fewer_than_k(rendered):
    _, result, folder = rendered
    coalition = load_coalition(folder)
    frame = ingest_coalition(coalition)[coalition.current_wave].frame
    pairs = pair_ratings(frame, INTENSITY, [o.code for o in coalition.organisations])
    k = result.settings.anonymity_threshold
    net = result.network
    assert net is not None and any(t.intensity is None for t in net.ties)     # the rule is at work here
    for tie in net.ties:
        raters = pairs[(min(tie.source, tie.target), max(tie.source, tie.target))].raters
        assert (tie.intensity is None) == (raters < k), (tie, raters)
    assert not set(net.not_responding) & (set(net.central) | set(net.degrees))
