"""Who picks a step up, the tension of shared governance in a network in parts, and shares of
a few people: the fixes of the review of the governance and roles texts."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from pipeline.analysis.advice import Condition, condition_phrase
from pipeline.analysis.governance import LEAD, NAO, SHARED, Governance, Predictor
from pipeline.analysis.tensions import tensions
from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.report.model_texts import claims_missing_line, shown_share
from pipeline.report.summary_page import owner

instrument = load_instrument()
NL, EN = Translator("nl"), Translator("en")


def result(declared: str, holders: tuple[str, ...], roster: tuple[str, ...] = ("vvt", "vvt", "zorgverzekeraar")) -> Any:
    """Just what `owner` reads: the declared mode, the role's main holders and the roster's types."""
    return SimpleNamespace(
        governance=SimpleNamespace(declared=declared),
        roles={"ontwikkelaar": SimpleNamespace(main_holders=holders)},
        coalition=SimpleNamespace(roster={f"o{i}": SimpleNamespace(actortype=a) for i, a in enumerate(roster)}))


def test_a_self_governing_network_has_no_board_to_pick_a_step_up():
    assert owner("bestuur", result(SHARED, ()), instrument, NL) == "De deelnemers samen (kerngroep)"
    assert owner("bestuur", result(SHARED, ()), instrument, EN) == "The participants together (core group)"
    assert owner("bestuur", result(NAO, ()), instrument, NL) == "Bestuur van de coalitie"


def test_participants_in_general_are_no_owner_someone_is_appointed():
    assert owner("ontwikkelaar", result(NAO, ("deelnemer",)), instrument, NL) == \
        "Ontwikkelaar; het bestuur wijst een trekker aan"
    assert owner("ontwikkelaar", result(SHARED, ("gezamenlijk", "deelnemer")), instrument, NL) == \
        "Ontwikkelaar; de deelnemers wijzen een trekker aan"
    named = owner("ontwikkelaar", result(LEAD, ("vvt", "deelnemer")), instrument, NL)
    assert "ouderenzorg (VVT)" in named and "algemeen" not in named


def test_trust_repair_is_not_handed_to_one_organisation_in_the_room():
    """The insurer is one organisation on the roster: naming its type names it."""
    held = result(NAO, ("zorgverzekeraar", "vvt"))
    assert "zorgverzekeraar" in owner("ontwikkelaar", held, instrument, NL)
    trust = owner("ontwikkelaar", held, instrument, NL, trust=True)
    assert "zorgverzekeraar" not in trust and "ouderenzorg (VVT)" in trust
    alone = owner("ontwikkelaar", result(NAO, ("zorgverzekeraar",)), instrument, NL, trust=True)
    assert alone == "Ontwikkelaar"


def governance(declared: str, organisations: str = "few", trust: str = "high") -> Governance:
    found = (Predictor("organisations", 5.0, organisations, (), None), Predictor("trust_density", 1.0, trust, (), None))
    return Governance(declared, {}, None, None, None, 0, found, (), (), None, False)


def test_shared_governance_in_a_network_in_parts_is_a_tension():
    assert [x.reading for x in tensions(governance(SHARED), parts=3, density=0.2, low_density=0.3)] == ["shared_parts"]
    assert [x.reading for x in tensions(governance(SHARED), parts=1, density=0.2, low_density=0.3)] == ["shared_sparse"]
    assert tensions(governance(SHARED), parts=1, density=0.5, low_density=0.3) == ()
    assert all(x.reading not in ("shared_parts", "shared_sparse")
               for x in tensions(governance(NAO), parts=3, density=0.2, low_density=0.3))


def test_a_share_of_fewer_than_k_people_is_no_percentage():
    assert shown_share(1 / 24, 24, 5, NL) == "minder dan 5"      # 'Niemand 4%' was one person
    assert shown_share(1 / 8, 8, 5, EN, tight=True) == "<5"      # 'Verkenner 12%' of n = 8
    assert shown_share(5 / 24, 24, 5, NL) == "21%"
    assert shown_share(0.0, 24, 5, NL) == "0%"                   # nobody is no one to point at


def test_why_own_and_attributed_roles_are_not_compared_names_the_base_and_the_groups_left_out():
    """Heidemeer: 12 VVT respondents answered the own-role question, 3 of welfare and 1 of GGZ:
    'no type has enough participants' was untrue of a VVT with 17 respondents."""
    found: Any = SimpleNamespace(settings=SimpleNamespace(anonymity_threshold=5),
                                 roles={"strateeg": SimpleNamespace(claim_groups=("vvt",),
                                                                   claim_small_groups=("ggz", "welzijn"))})
    line = claims_missing_line(found, instrument, NL)
    assert "de vraag naar hun eigen rollen beantwoordden" in line
    assert "Van Ouderenzorg (VVT) beantwoordden genoeg deelnemers die vraag" in line
    assert "Geestelijke gezondheidszorg (GGZ) en Welzijnsorganisatie samen minder dan 5" in line
    assert "Geen soort partij heeft genoeg" not in line


def test_the_trust_density_names_its_base_when_not_every_pair_was_rated():
    assert condition_phrase(Condition("trust_density", 1.0, "high", rated=8), NL) == \
        "vertrouwensdichtheid 100% van de 8 beoordeelde paren (hoog)"
    assert condition_phrase(Condition("trust_density", 1.0, "high"), EN) == "trust density 100% (high)"
