"""Network structure against a four-organisation network worked out by hand, and the anonymity
rule for relational answers.

Respondents: two from A, one from B, one from C; D has none. Ratings of collaboration, both
directions pooled per pair: A-B 3, 1 (A) and 1 (B): 5/3; A-C 2, 2 (A) and 3 (C): 7/3; A-D 0, 0;
B-C 0 and 0; C-D 2 (C only); B-D nobody. With ties at 2 or more the ties are A-C and C-D."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from pipeline.analysis.network import MAP_LIMIT, degree_centralisation, network_structure
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
    # k = 3 only to work the small example by hand; the settings never allow below 5
    return network_structure(FRAME, ORGS, tie_intensity=2, high_trust=3, threshold=3)


def test_ties_density_and_degrees(structure):
    assert {frozenset((t.source, t.target)) for t in structure.ties} == {frozenset("AC"), frozenset("CD")}
    assert structure.density == pytest.approx(2 / 5)            # two ties among five rated pairs
    assert structure.degrees == {"A": 1, "B": 0, "C": 2}        # D said nothing: no degree of its own
    assert structure.components == 2


def test_strength_shown_only_from_k_raters(structure):
    strength = {frozenset((t.source, t.target)): t.intensity for t in structure.ties}
    assert strength[frozenset("AC")] == pytest.approx(7 / 3, abs=1e-3)    # three raters: k reached
    assert strength[frozenset("CD")] is None                   # C's one respondent: existence only


def test_centralisation_among_responding_organisations(structure):
    # A, B, C with the tie A-C: degrees 1, 0, 1; Freeman (0 + 1 + 0) / (2 * 1)
    assert structure.centralisation == pytest.approx(1 / 2)


def test_reciprocity_among_responding_organisations(structure):
    # directed means A->B 2, A->C 2, C->A 3 are ties; only the A<->C pair is returned (2 of 3)
    assert structure.responding_organisations == 3
    assert structure.not_responding == ("D",)
    assert structure.reciprocity == pytest.approx(2 / 3)


def test_trust_density_and_mean(structure):
    # pair means over both directions: A-B 11/3, A-C 8/3, B-C 3/2, C-D 4; high (>= 3): A-B, C-D
    assert structure.rated_pairs == 4
    assert structure.trust_density == pytest.approx(2 / 4)
    assert structure.mean_trust == pytest.approx(26 / 9)


def test_central_and_loose_organisations_are_responding_ones(structure):
    assert structure.central == ("C",)
    assert structure.isolated == ("B",)
    assert structure.peripheral == ("A",)
    assert set(structure.layout) == set("ABCD")


def test_the_rule_at_k_minus_one_and_k():
    orgs = tuple(Organisation(c, c, "overig") for c in "PQ")
    for raters, shown in ((4, False), (5, True)):
        frame = relations([("P", {"Q": 3}, {"Q": 4})] * (raters - 1) + [("Q", {"P": 2}, {"P": 3})])
        (tie,) = network_structure(frame, orgs, tie_intensity=2, high_trust=3, threshold=5).ties
        assert (tie.intensity is not None) is shown, raters
        assert not shown or tie.intensity == pytest.approx((3 * (raters - 1) + 2) / raters, abs=1e-3)


def test_an_organisation_with_one_respondent_never_shows_its_ratings():
    """S's single respondent rates everybody; T and U have no respondents, so every pair with S
    rests on that one person: ties appear, but never with a strength, and the whole-network
    figures (fewer than k raters) are not computed."""
    orgs = tuple(Organisation(c, c, "overig") for c in "STU")
    frame = relations([("S", {"T": 3, "U": 2}, {"T": 4, "U": 1})])
    found = network_structure(frame, orgs, tie_intensity=2, high_trust=3, threshold=5)
    assert len(found.ties) == 2 and all(t.intensity is None for t in found.ties)
    assert found.raters == 1
    assert found.density is None and found.centralisation is None and found.reciprocity is None
    assert found.trust_density is None and found.mean_trust is None


def test_a_silent_organisation_is_never_central():
    """Everybody works intensively with Z, which answered nothing: by others' answers it would be
    the most connected, but what rests on its own answers is not computed."""
    orgs = tuple(Organisation(c, c, "overig") for c in "VWXYZ")
    rows = [(org, {o: (3 if o == "Z" else 0) for o in "VWXYZ" if o != org}, {}) for org in "VWXY" for _ in range(2)]
    found = network_structure(relations(rows), orgs, tie_intensity=2, high_trust=3, threshold=5)
    assert len(found.ties) == 4
    assert "Z" not in found.central and "Z" not in found.degrees
    assert "Z" not in found.isolated + found.peripheral
    assert found.not_responding == ("Z",)


def test_an_organisation_nobody_works_with_is_isolated():
    frame = relations([("A", {"B": 3, "C": 0}, {}), ("B", {"A": 3, "C": 0}, {}), ("C", {"A": 0, "B": 0}, {})])
    found = network_structure(frame, ORGS[:3], tie_intensity=2, high_trust=3, threshold=5)
    assert found.isolated == ("C",)
    assert found.components == 2
    assert found.trust_density is None and found.mean_trust is None


def test_a_large_network_maps_its_best_connected_core():
    orgs = tuple(Organisation(f"o{n:02d}", f"Organisatie {n}", "overig") for n in range(60))
    rows = [(o.code, {p.code: 3 if (int(o.code[1:]) + int(p.code[1:])) % 7 == 0 else 0 for p in orgs if p != o}, {})
            for o in orgs for _ in range(2)]
    found = network_structure(relations(rows), orgs, tie_intensity=2, high_trust=3, threshold=5)
    assert len(found.layout) == MAP_LIMIT
    assert min(found.degrees[c] for c in found.layout) >= max(found.degrees[c] for c in found.degrees
                                                               if c not in found.layout)


def test_centralisation_of_a_star_is_one():
    assert degree_centralisation(nx.star_graph(4)) == pytest.approx(1.0)
    assert degree_centralisation(nx.cycle_graph(5)) == pytest.approx(0.0)
