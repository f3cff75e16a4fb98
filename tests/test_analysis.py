"""The shipped example coalitions: every figure is in scores.json, and the situations each was
built to show are found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.analysis.groups import MERGED
from pipeline.analysis.result import SCHEMA_VERSION, CoalitionResult
from pipeline.batch.jobs import Job
from pipeline.batch.manifest import tree_hash
from pipeline.batch.reference import entries_in_processes, update_reference
from pipeline.core.coalition import discover_coalitions
from pipeline.report.steps import analyse_folder, write_scores

pytestmark = pytest.mark.slow   # analyses every shipped example

PROJECT = Path(__file__).resolve().parent.parent
INPUTS = PROJECT / "inputs"


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("analysis")
    reference = folder / "netwerkscan-reference.json"
    jobs = [Job(f.name, f, tree_hash([f]), 300) for f in discover_coalitions(INPUTS)]
    update_reference(reference, jobs, lambda stale: entries_in_processes(stale, 2))
    out = {}
    for coalition_dir in discover_coalitions(INPUTS):
        _, _, result = analyse_folder(coalition_dir, reference_file=reference)
        scores = write_scores(result, folder / coalition_dir.name)
        out[coalition_dir.name] = (result, json.loads(scores.read_text(encoding="utf-8")))
    return out


def kinds(result) -> set[tuple[str, str]]:
    return {(a.diagnosis.kind, a.diagnosis.subject) for a in result.advice}


def test_every_example_has_every_figure(results):
    assert len(results) == 6
    for slug, (_, scores) in results.items():
        assert scores["schema_version"] == SCHEMA_VERSION == "3.1"
        assert set(scores["roles"]) == {"strateeg", "ontwikkelaar", "verkenner", "procesmanager"}
        assert scores["governance"]["fitting"] in ("zelfregulerend", "leidende_organisatie", "netwerkbureau", None)
        assert len(scores["governance"]["predictors"]) == 5
        for figure in ("density", "centralisation", "reciprocity", "trust_density", "mean_trust"):
            assert scores["network"][figure] is not None, (slug, figure)
        assert scores["network"]["layout"].keys() == scores["coalition"]["roster"].keys()
        # of the six, at most two others share a network type: fewer than 5, so nothing is compared
        assert scores["reference_pool"] == {"samenwerkingsverband": 2, "combinatie": 1,
                                            "leernetwerk": 0}[scores["coalition"]["network_type"]], slug
        assert scores["reference"] == {}
        assert 3 <= len(scores["advice"]) <= 5, slug
        for advice in scores["advice"]:
            assert advice["title"]["nl"] and advice["text"]["en"]
        for reliability in scores["reliability"].values():
            assert set(reliability) == {"alpha", "item_rest", "flagged"}


def test_declared_self_governance_with_low_trust_and_many_members_is_a_mismatch(results):
    result, _ = results["samenwerking-kempenrode"]
    assert result.governance.declared == "zelfregulerend"
    assert result.governance.mismatch
    levels = {p.name: p.level for p in result.governance.predictors}
    assert levels["trust_density"] == "low" and levels["organisations"] != "few"
    assert result.advice[0].diagnosis.kind == "governance_mismatch"
    # members mostly see what is declared, but far from unanimously
    assert result.governance.seen_mode == "zelfregulerend" and result.governance.agreement < 0.6


def test_a_role_nobody_fills_is_found_and_advised_on(results):
    result, _ = results["acute-zorg-zuidervaart"]
    assert result.roles["verkenner"].status == "unfilled"
    assert result.roles["verkenner"].nobody > 0.5
    assert ("role_unfilled", "verkenner") in kinds(result)
    assert all(result.roles[r].status == "filled" for r in ("strateeg", "ontwikkelaar", "procesmanager"))


def test_a_decline_between_waves_is_found_and_advised_on(results):
    result, _ = results["wijkzorg-oosterbroek"]
    declines = [c for c in result.changes.values() if c.significant and c.change < 0]
    assert len(declines) >= 3
    assert any(kind == "decline" for kind, _ in kinds(result))
    improved, _ = results["zorgnetwerk-lindeveld"]
    assert sum(c.significant and c.change > 0 for c in improved.changes.values()) >= 3


def test_small_groups_are_merged_or_left_out(results):
    result, _ = results["leernetwerk-heidemeer"]
    table = result.groups["actortype"]
    assert MERGED in table.sizes or table.hidden > 0
    for result, _ in results.values():
        for table in result.groups.values():
            assert all(n >= 5 for n in table.sizes.values())


def test_a_matching_coalition_has_no_mismatch(results):
    for slug in ("farmacie-duinstede", "wijkzorg-oosterbroek"):
        found = results[slug][0].governance
        assert not found.mismatch and found.fitting == found.declared, slug


def test_a_lead_organisation_nobody_names_and_trust_not_centred_on_it(results):
    found = results["acute-zorg-zuidervaart"][0].governance
    assert found.declared == "leidende_organisatie" and "trust_centralisation" in found.misfit
    assert found.host is not None and found.host.code == "zv-ziekenhuis"
    assert found.host.unnamed and found.host.trust_centre is False and found.host.untied
    # no working tie at all says more than trust not centred on it: that tension speaks instead
    assert [x.reading for x in found.tensions] == ["host_untied"]


def test_every_example_reads_back_equal_from_its_scores_json(results):
    for slug, (result, _) in results.items():
        text = result.to_json()
        assert CoalitionResult.from_json(text) == result, slug
        assert CoalitionResult.from_json(text).to_json() == text, slug
