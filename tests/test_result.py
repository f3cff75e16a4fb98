"""The result is written and read by the same model: what `to_json` writes, `from_json` reads
back equal; what does not fit the model is refused, saying where; and docs/scores.md names
every field, however deep."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from ingest_helpers import answers, coalition_csv, table

from pipeline.analysis.advice import (
    EVIDENCE,
    Condition,
    ConstructEvidence,
    DeclineEvidence,
    Diagnosis,
    FragmentedEvidence,
    GapEvidence,
    GovernanceEvidence,
    NetworkTypeEvidence,
    RoleEvidence,
    TrustEvidence,
)
from pipeline.analysis.analyse import analyse
from pipeline.analysis.jsonable import SchemaError, dump, load
from pipeline.analysis.result import SCHEMA_VERSION, CoalitionResult
from pipeline.ingest.responses import ingest_coalition

DOC = Path(__file__).resolve().parent.parent / "docs" / "scores.md"
ONE_OF_EACH = {
    "governance_mismatch": GovernanceEvidence("zelfregulerend", "netwerkbureau", None,
                                              (Condition("trust_density", 0.2, "low"),),
                                              (Condition("organisations", 6.0, "few"),)),
    "role_unfilled": RoleEvidence(0.6, (), 20),
    "role_single_group": RoleEvidence(0.1, ("gemeente",), 20),
    "construct_concern": ConstructEvidence(2.4, "concern"),
    "construct_attention": ConstructEvidence(3.3, "attention"),
    "construct_strength": ConstructEvidence(4.2, "strength"),
    "low_trust": TrustEvidence(0.2, 2.6),
    "decline": DeclineEvidence(-0.42, -0.4, "2025", 0.01),
    "gap": GapEvidence("actortype", 0.8, 0.02, "gemeente", "vvt"),
    "fragmented": FragmentedEvidence(("a", "b"), ("Apotheek A", "Bakker B"), 2),
    "periphery": FragmentedEvidence(("c",), ("Cliëntenraad C",), 1),
    "network_type_mismatch": NetworkTypeEvidence("leernetwerk", "samenwerkingsverband", 2.9, 3.8),
}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> CoalitionResult:
    """The real analysis of a small generated coalition (8 respondents, 4 organisations)."""
    header, rows = answers()
    coalition = coalition_csv(tmp_path_factory.mktemp("small"), header, table(header, rows))
    return analyse(coalition, ingest_coalition(coalition))


def test_a_result_reads_back_equal_and_writes_the_same_text(small):
    text = small.to_json()
    again = CoalitionResult.from_json(text)
    assert again == small
    assert again.to_json() == text
    assert isinstance(again.network.ties, tuple) and isinstance(again.constructs["actor"].distribution, dict)
    assert all(isinstance(k, int) for k in again.constructs["actor"].distribution)


def test_scores_json_keeps_its_documented_shape(small):
    raw = json.loads(small.to_json())
    assert raw["schema_version"] == SCHEMA_VERSION
    assert raw["coalition"]["roster"][next(iter(small.coalition.roster))].keys() == {"name", "actortype"}
    assert raw["settings"]["anonymity_threshold"] == small.settings.anonymity_threshold
    assert raw["instrument"] == {"id": small.instrument.id, "version": small.instrument.version}
    assert set(raw["response"]) == {"file", "received", "used", "rejected", "rejections_by_reason", "errors",
                                    "warnings"}


def test_every_kind_of_diagnosis_reads_back_with_its_own_evidence():
    assert set(ONE_OF_EACH) == set(EVIDENCE)
    for kind, evidence in ONE_OF_EACH.items():
        diagnosis = Diagnosis(kind, "subject", evidence, 1.5)
        again = load(Diagnosis, json.loads(json.dumps(dump(diagnosis))))
        assert again == diagnosis and type(again.evidence) is type(evidence), kind


def test_evidence_must_fit_the_kind():
    with pytest.raises(ValueError, match="GapEvidence"):
        Diagnosis("gap", "actor", ConstructEvidence(2.0, "concern"))
    raw = dump(Diagnosis("gap", "actor", ONE_OF_EACH["gap"]))
    raw["kind"] = "decline"                            # the gap's figures read as a decline's: refused
    with pytest.raises(SchemaError):
        load(Diagnosis, raw)


@pytest.mark.parametrize(("change", "where"), [
    (lambda raw: raw["response"].pop("used"), "response.used"),
    (lambda raw: raw["network"].update(trust_density="hoog"), "network.trust_density"),
    (lambda raw: raw["constructs"]["actor"].update(n=2.5), "constructs.actor.n"),
    (lambda raw: raw["coalition"]["roster"].update(x={"name": "X"}), "coalition.roster.x.actortype"),
    (lambda raw: raw["governance"].update(extra=1), "governance"),
    (lambda raw: raw.update(schema_version="1.0"), "schema_version"),
])
def test_what_does_not_fit_the_model_is_refused_saying_where(small, change, where):
    raw = json.loads(small.to_json())
    change(raw)
    with pytest.raises(SchemaError) as caught:
        CoalitionResult.from_json(json.dumps(raw))
    assert caught.value.path == f".{where}" or caught.value.path == where


def test_not_json_is_refused():
    with pytest.raises(ValueError):
        CoalitionResult.from_json("{ half geschreven")
    with pytest.raises(ValueError):
        CoalitionResult.from_json("[]")


def field_names(tp: object, seen: set[type] | None = None) -> set[str]:
    """Every field name of a dataclass type and of the dataclasses inside it, however deep:
    through mappings, tuples, `X | None` and the union of the evidence types."""
    seen = set() if seen is None else seen
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if tp in seen:
            return set()
        seen.add(tp)
        hints = typing.get_type_hints(tp)
        names = set()
        for f in dataclasses.fields(tp):
            names |= {f.name} | field_names(hints[f.name], seen)
        return names
    return set().union(*(field_names(arg, seen) for arg in typing.get_args(tp)))


def test_the_walk_reaches_the_deepest_fields():
    names = field_names(CoalitionResult)
    for deep in ("actortype", "high_group", "components", "intensity", "lower_share", "item_rest",
                 "anonymity_threshold", "question"):
        assert deep in names, deep


def test_scores_md_names_every_field_of_the_result():
    doc = DOC.read_text(encoding="utf-8")
    assert f"Schema version {SCHEMA_VERSION}" in doc
    documented = set(re.findall(r"`([a-z_]+)`", doc))
    assert field_names(CoalitionResult) - documented == set()


def test_reading_results_loads_nothing_only_computing_them_needs():
    """The batch's own process reads results through this model while the kernels warm up:
    it must not load ingest's validation, networkx or scipy (0.3-0.4 s)."""
    heavy = ("pandera", "networkx", "scipy", "pipeline.ingest.responses")
    code = f"import sys, pipeline.analysis.result\nprint(sorted(m for m in {heavy} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
