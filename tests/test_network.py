"""Network structure against a four-organisation network worked out by hand.

Respondents: two from A, one from B, one from C; D has none. Directed mean collaboration:
A->B 2, A->C 2, A->D 0, B->A 1, B->C 0, C->A 3, C->B 0, C->D 2. With ties at 2 or more the
directed ties are A->B, A->C, C->A, C->D and the undirected ties A-B, A-C, C-D."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from pipeline.analysis.network import degree_centralisation, network_structure
from pipeline.core.coalition import Organisation

ORGS = tuple(Organisation(code, f"Organisatie {code}", "overig") for code in "ABCD")
NAN = math.nan


def relations(rows: list[tuple[str, dict[str, float], dict[str, float]]]) -> pd.DataFrame:
    records = []
    for org, intensity, trust in rows:
        record = {"organisatie": org}
        record |= {f"rel_intensiteit__{k}": v for k, v in intensity.items()}
        record |= {f"rel_vertrouwen__{k}": v for k, v in trust.items()}
        records.append(record)
    return pd.DataFrame(records)


FRAME = relations([
    ("A", {"B": 3, "C": 2, "D": 0}, {"B": 4, "C": 2, "D": NAN}),
    ("A", {"B": 1, "C": 2, "D": 0}, {"B": 4, "C": 3, "D": NAN}),
    ("B", {"A": 1, "C": 0, "D": NAN}, {"A": 3, "C": 1, "D": NAN}),
    ("C", {"A": 3, "B": 0, "D": 2}, {"A": 3, "B": 2, "D": 4}),
])


@pytest.fixture(scope="module")
def structure():
    return network_structure(FRAME, ORGS, tie_intensity=2, high_trust=3)


def test_ties_density_and_degrees(structure):
    assert {frozenset((t.source, t.target)) for t in structure.ties} == {frozenset("AB"), frozenset("AC"),
                                                                         frozenset("CD")}
    assert structure.density == pytest.approx(3 / 6)
    assert structure.degrees == {"A": 2, "B": 1, "C": 2, "D": 1}
    assert structure.components == 1


def test_centralisation_by_hand(structure):
    # Freeman: sum(max - degree) / ((n - 1)(n - 2)) = (0 + 1 + 0 + 1) / (3 * 2)
    assert structure.centralisation == pytest.approx(2 / 6)


def test_reciprocity_among_responding_organisations(structure):
    # A->B, A->C, C->A among responders A, B, C: only the A<->C pair is returned (2 of 3)
    assert structure.responding_organisations == 3
    assert structure.reciprocity == pytest.approx(2 / 3)


def test_trust_density_and_mean(structure):
    # pair means over both directions: A-B 11/3, A-C 8/3, B-C 3/2, C-D 4; high (>= 3): A-B, C-D
    assert structure.rated_pairs == 4
    assert structure.trust_density == pytest.approx(2 / 4)
    assert structure.mean_trust == pytest.approx(26 / 9)


def test_central_and_loose_organisations(structure):
    assert structure.central == ("A", "C")          # B has one tie: loose, not central
    assert structure.isolated == ()
    assert structure.peripheral == ("B", "D")
    assert set(structure.layout) == set("ABCD")


def test_an_organisation_nobody_works_with_is_isolated():
    frame = relations([("A", {"B": 3, "C": 0}, {}), ("B", {"A": 3, "C": 0}, {})])
    found = network_structure(frame, ORGS[:3], tie_intensity=2, high_trust=3)
    assert found.isolated == ("C",)
    assert found.components == 2
    assert found.trust_density is None and found.mean_trust is None


def test_centralisation_of_a_star_is_one():
    assert degree_centralisation(nx.star_graph(4)) == pytest.approx(1.0)
    assert degree_centralisation(nx.cycle_graph(5)) == pytest.approx(0.0)
