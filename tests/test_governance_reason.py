"""The reason line under the governance advice states the misfit, and what participants see
only with its share: "de meeste deelnemers" is false of a largest group of 42%."""

from __future__ import annotations

from pipeline.analysis.advice import Condition, GovernanceEvidence, largest_share
from pipeline.analysis.governance import LEAD, MODES, NAO, SHARED
from pipeline.core.i18n import Translator
from pipeline.report.texts import governance_reason

TRUST = Condition("trust_density", 0.0, "low")


def test_the_reason_names_the_conditions_that_do_not_fit():
    line = governance_reason(GovernanceEvidence("zelfregulerend", None, None, (TRUST,)), Translator("nl"))
    assert line == "Gekozen vorm: zelfregulering. Past daar niet bij: vertrouwensdichtheid 0% (laag)."


def shares(zelf: float, lead: float, nao: float) -> tuple[float, ...]:
    """The shares in the order of MODES (netwerkbureau, leidende organisatie, zelfregulering)."""
    return tuple(dict(zip((SHARED, LEAD, NAO), (zelf, lead, nao)))[m] for m in MODES)


def test_what_participants_see_comes_with_its_share_and_its_base():
    evidence = GovernanceEvidence(NAO, None, NAO, (TRUST,), (), 0.73, named=60, seen_shares=shares(0.17, 0.10, 0.73))
    nl, en = governance_reason(evidence, Translator("nl")), governance_reason(evidence, Translator("en"))
    assert nl.endswith("73% van de 60 deelnemers die een vorm noemen, ziet ook een netwerkbureau.")
    assert en.endswith("73% of the 60 participants who named a form also see a network administrative "
                       "organisation (NAO).")
    assert "grootste groep" not in nl and "largest group" not in en


def test_a_majority_for_another_mode_says_it_is_not_the_chosen_one():
    evidence = GovernanceEvidence(SHARED, None, NAO, (TRUST,), (), 0.6, named=20, seen_shares=shares(0.3, 0.1, 0.6))
    nl = governance_reason(evidence, Translator("nl"))
    assert nl.endswith("60% van de 20 deelnemers die een vorm noemen, ziet een netwerkbureau, niet de gekozen vorm.")


def test_without_a_majority_the_participants_disagree_and_every_share_is_named():
    evidence = GovernanceEvidence(SHARED, None, SHARED, (TRUST,), (), 0.42, named=59,
                                  seen_shares=shares(0.42, 0.29, 0.29))
    nl, en = governance_reason(evidence, Translator("nl")), governance_reason(evidence, Translator("en"))
    assert ("De deelnemers zijn het niet eens over hoe het netwerk wordt aangestuurd: van de 59 deelnemers die een "
            "vorm noemen, ziet 42% zelfregulering, 29% een netwerkbureau en 29% een leidende organisatie.") in nl
    assert "Participants disagree on how the network is run" in en and "42% see shared governance" in en
    assert "meeste" not in nl and "most participants" not in en


def test_two_modes_named_as_often_is_no_majority_either():
    evidence = GovernanceEvidence(SHARED, None, SHARED, (TRUST,), (), None, named=10, seen_shares=shares(0.5, 0, 0.5))
    assert "niet eens" in governance_reason(evidence, Translator("nl"))


def test_no_largest_group_when_two_modes_are_named_as_often():
    assert largest_share({"zelfregulerend": 0.4, "netwerkbureau": 0.4, "leidende_organisatie": 0.2}) is None
    assert largest_share({"zelfregulerend": 0.42, "netwerkbureau": 0.38, "leidende_organisatie": 0.2}) == 0.42


def test_a_share_of_fewer_than_k_people_in_the_split_reads_fewer_than_k():
    evidence = GovernanceEvidence(SHARED, None, SHARED, (TRUST,), (), 0.45, named=20,
                                  seen_shares=shares(0.45, 0.4, 0.15))
    assert "40% een leidende organisatie en minder dan 5 een netwerkbureau" in governance_reason(evidence,
                                                                                                Translator("nl"))
