"""The reason line under the governance advice states the misfit, and what participants see
only with its share: "de meeste deelnemers" is false of a largest group of 42%."""

from __future__ import annotations

from pipeline.analysis.advice import Condition, GovernanceEvidence, largest_share
from pipeline.core.i18n import Translator
from pipeline.report.texts import governance_reason

TRUST = Condition("trust_density", 0.0, "low")


def test_the_reason_names_the_conditions_that_do_not_fit():
    line = governance_reason(GovernanceEvidence("zelfregulerend", None, None, (TRUST,)), Translator("nl"))
    assert line == "Gekozen vorm: zelfregulering. Past daar niet bij: vertrouwensdichtheid 0% (laag)."


def test_what_participants_see_comes_with_its_share_and_never_as_most():
    evidence = GovernanceEvidence("zelfregulerend", None, "netwerkbureau", (TRUST,), (), 0.42)
    nl, en = governance_reason(evidence, Translator("nl")), governance_reason(evidence, Translator("en"))
    assert "ziet de grootste groep (42%) een netwerkbureau als vorm." in nl
    assert "meeste" not in nl and "most participants" not in en and "(42%)" in en


def test_no_largest_group_when_two_modes_are_named_as_often():
    assert largest_share({"zelfregulerend": 0.4, "netwerkbureau": 0.4, "leidende_organisatie": 0.2}) is None
    assert largest_share({"zelfregulerend": 0.42, "netwerkbureau": 0.38, "leidende_organisatie": 0.2}) == 0.42


def test_the_share_that_sees_the_chosen_form_reads_as_a_plain_sentence():
    evidence = GovernanceEvidence("netwerkbureau", None, "netwerkbureau", (TRUST,), (), 0.73)
    assert governance_reason(evidence, Translator("nl")).endswith(
        " 73% van de deelnemers die een vorm noemen, ziet ook een netwerkbureau.")
    assert governance_reason(evidence, Translator("en")) == (
        "Chosen form: a network administrative organisation (NAO). The condition that does not fit it: "
        "trust density 0% (low). 73% of those who named a form also see a network administrative organisation (NAO).")
