"""Every advice text, at every level, in both languages, agrees with the figures it rests on.

Each catalogue entry is rendered from a fixture diagnosis for each level its evidence can
have (every band, every level of every Provan & Kenis condition against every declared mode,
roles unfilled for either reason, ...), for each declared network type. A text passes when no
placeholder is left, every number it prints is one of the evidence's figures, the figures
that carry the finding are printed, and every level it states is the evidence's level."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd
import pytest

from pipeline.analysis.advice import (
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
    advise,
    condition_phrase,
)
from pipeline.analysis.catalogue import load_catalogue
from pipeline.analysis.governance import MODES, PROFILE, suits
from pipeline.analysis.roles import ROLES
from pipeline.core.i18n import LANGUAGES, Translator
from pipeline.core.instrument import load_instrument

instrument = load_instrument()
catalogue = load_catalogue()
T = {lang: Translator(lang) for lang in LANGUAGES}
NETWORK_TYPES = (None, "leernetwerk", "samenwerkingsverband", "combinatie")
BAND_MEANS = {"concern": 2.46, "attention": 3.37, "strength": 4.21}
LEVEL_VALUES = {     # a value for every level of every condition, in the default settings
    "trust_density": {"low": 0.18, "moderate": 0.44, "high": 0.72},
    "trust_centralisation": {"low": 0.12, "moderate": 0.37, "high": 0.64},
    "organisations": {"few": 6.0, "moderate": 11.0, "many": 19.0},
    "goal_consensus": {"low": 3.2, "moderate": 3.7, "high": 4.3},
    "competence_need": {"low": 2.6, "moderate": 3.6, "high": 4.3},
}
SCALE = re.compile(r"(schaal van|scale of) 1 (tot|to) [45]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?%?")


def governance_fixtures() -> Iterator[Diagnosis]:
    """For each declared mode and each condition at each level, the others at a fitting level."""
    for declared in MODES:
        fitting_level = {n: next((lv for lv in LEVEL_VALUES[n] if suits(n, lv, declared)), None) for n in PROFILE}
        for name, levels in LEVEL_VALUES.items():
            for level, value in levels.items():
                chosen = {n: (lv, LEVEL_VALUES[n][lv]) for n, lv in fitting_level.items() if lv}
                chosen[name] = (level, value)
                conditions = [Condition(n, v, lv) for n, (lv, v) in chosen.items()]
                misfit = tuple(c for c in conditions if suits(c.name, c.level, declared) is False)
                fit = tuple(c for c in conditions if suits(c.name, c.level, declared))
                if misfit:
                    evidence = GovernanceEvidence(declared, None, None, misfit, fit)
                    yield Diagnosis("governance_mismatch", declared, evidence)


def fixtures() -> Iterator[Diagnosis]:
    for code in instrument.constructs:
        for band, mean in BAND_MEANS.items():
            yield Diagnosis(f"construct_{band}", code, ConstructEvidence(mean, band), mean)
    for role in ROLES:
        yield Diagnosis("role_unfilled", role, RoleEvidence(0.62, ("gemeente",), 40, 0.3, 0.25))
        yield Diagnosis("role_unfilled", role, RoleEvidence(0.12, (), 40, 0.21, 0.25))
        yield Diagnosis("role_single_group", role, RoleEvidence(0.05, ("programmabureau",), 40, 0.58, 0.25))
    yield from governance_fixtures()
    yield Diagnosis("low_trust", "network", TrustEvidence(0.17, 2.64))
    yield Diagnosis("fragmented", "network", FragmentedEvidence(("a", "b"), ("Apotheek Aa", "Bakkerij Bee"), 3))
    yield Diagnosis("periphery", "network", FragmentedEvidence(("c",), ("Cliëntenraad Cee",), 1))
    yield Diagnosis("gap", "ambities", GapEvidence("actortype", 0.83, 0.004, "gemeente", "vvt"))
    yield Diagnosis("decline", "fundament", DeclineEvidence(-0.43, -0.4, "2025", 0.01))
    for declared, shown, interaction, task in (("leernetwerk", "samenwerkingsverband", 2.9, 3.8),
                                               ("combinatie", "samenwerkingsverband", 3.1, 4.2),
                                               ("samenwerkingsverband", "leernetwerk", 4.1, 2.7)):
        yield Diagnosis("network_type_mismatch", shown, NetworkTypeEvidence(declared, shown, interaction, task))


def figures(d: Diagnosis, t: Translator) -> tuple[set[str], set[str]]:
    """(numbers the text may print, numbers it must print), as the report formats them."""
    e = d.evidence
    if isinstance(e, ConstructEvidence):
        return {t.number(e.mean)}, set()
    if isinstance(e, RoleEvidence):
        allowed = {t.percent(e.nobody), t.percent(e.holder_share), t.percent(e.top_share)}
        return allowed, ({t.percent(e.nobody)} if d.kind == "role_unfilled" else set())
    if isinstance(e, GovernanceEvidence):
        printed = {n for c in (*e.misfit, *e.fit) for n in NUMBER.findall(condition_phrase(c, t))}
        return printed, {n for c in e.misfit for n in NUMBER.findall(condition_phrase(c, t))}
    if isinstance(e, TrustEvidence):
        return {t.percent(e.trust_density), t.number(e.mean_trust)}, {t.percent(e.trust_density)}
    if isinstance(e, FragmentedEvidence):
        return {str(e.components)}, ({str(e.components)} if d.kind == "fragmented" else set())
    if isinstance(e, GapEvidence):
        return {t.number(e.gap)}, set()
    if isinstance(e, NetworkTypeEvidence):
        both = {t.number(e.interaction), t.number(e.task)}
        return both, both
    assert isinstance(e, DeclineEvidence)
    return {t.number(abs(e.printed))}, {t.number(abs(e.printed))}


def rendered() -> Iterator[tuple[str, Diagnosis, str | None]]:
    for diagnosis in fixtures():
        for network_type in NETWORK_TYPES:
            yield diagnosis.kind, diagnosis, network_type


CASES = list(rendered())


def test_the_fixtures_reach_every_entry_of_the_catalogue():
    keys = {advise([d], catalogue, instrument, pd.DataFrame(), 0, nt)[0].key for _, d, nt in CASES}
    expected = {f"construct.{c}.{b}" for c in instrument.constructs for b in BAND_MEANS}
    expected |= {f"role.{r}.{s}" for r in ROLES for s in ("unfilled", "single_group")}
    expected |= {f"governance.misfit.{m}" for m in MODES}
    expected |= {"network.low_trust", "network.fragmented", "network.periphery", "gap", "decline",
                 "network_type.leernetwerk", "network_type.samenwerkingsverband",
                 "construct.ambities.concern.leernetwerk", "construct.ambities.attention.leernetwerk",
                 "role.procesmanager.unfilled.leernetwerk", "role.procesmanager.single_group.leernetwerk",
                 "construct.rol_procesmanager.concern.leernetwerk", "construct.rol_procesmanager.attention.leernetwerk"}
    assert expected <= keys, sorted(expected - keys)
    # every level of every condition that does not suit a mode: 10 for shared, 10 for lead, 7 for an NAO
    assert len({d.evidence for _, d, _ in CASES if d.kind == "governance_mismatch"}) == 27


def test_a_learning_network_is_never_told_to_plan_projects_first():
    """The task-oriented steps (project plans, milestones, task agreements) are not a learning network's advice."""
    task_words = ("mijlpa", "eenvoudige planning", "per project", "actieoverzicht", "per initiatief")
    for _, diagnosis, network_type in CASES:
        if network_type != "leernetwerk" or not diagnosis.subject.endswith("procesmanager"):
            continue
        [advice] = advise([diagnosis], catalogue, instrument, pd.DataFrame(), 0, network_type)
        if diagnosis.kind == "construct_strength":
            continue        # a strength is kept, not started
        text = advice.text["nl"].lower()
        assert advice.key.endswith(".leernetwerk"), advice.key
        assert not any(w in text for w in task_words), advice.key


@pytest.mark.parametrize("kind, diagnosis, network_type", CASES,
                         ids=[f"{k}-{d.subject}-{i}-{nt}" for i, (k, d, nt) in enumerate(CASES)])
def test_every_entry_states_only_the_evidence(kind: str, diagnosis: Diagnosis, network_type: str | None):
    [advice] = advise([diagnosis], catalogue, instrument, pd.DataFrame(), 0, network_type)
    for lang, t in T.items():
        title, text = advice.title[lang], advice.text[lang]
        assert "{" not in title + text and "}" not in title + text, (advice.key, lang)
        allowed, required = figures(diagnosis, t)
        printed = set(NUMBER.findall(SCALE.sub("", title + " " + text)))
        assert printed <= allowed, (advice.key, lang, printed - allowed)
        assert required <= printed, (advice.key, lang, required - printed)
        e = diagnosis.evidence
        if isinstance(e, GovernanceEvidence):
            for c in e.misfit:      # the level it states for a condition is the evidence's level
                assert condition_phrase(c, t) in text, (advice.key, lang, c)
            for c in (*e.misfit, *e.fit):
                label = re.escape(t(f"condition_{c.name}"))
                stated = re.findall(label + r" [\d.,%]+ \(([^)]+)\)", text)
                wanted = [t(f"level_{c.level}")]     # a misfit must be stated; a fit may be left to the chapter
                assert stated == wanted or (c in e.fit and stated == []), (advice.key, lang, c, stated)
        if isinstance(e, NetworkTypeEvidence):  # the types it names are the declared and the shown one
            assert t(f"type_{e.declared}") in text and t(f"type_{e.shown}") in text, (advice.key, lang)
        if isinstance(e, ConstructEvidence):   # a text chosen by band names no other band
            others = {T[lang].band(b).lower() for b in BAND_MEANS if b != e.band}
            assert not any(re.search(rf"\b{re.escape(o)}\b", text.lower()) for o in others), (advice.key, lang)


def test_the_issue_example_can_no_longer_happen():
    """'behoefte aan coördinatie is gemiddeld' beside a 4,3: the level now comes from the figure."""
    need = Condition("competence_need", 4.3, "high")
    diagnosis = Diagnosis("governance_mismatch", "leidende_organisatie",
                          GovernanceEvidence("leidende_organisatie", None, None, (need,), ()))
    [advice] = advise([diagnosis], catalogue, instrument, pd.DataFrame(), 0)
    assert "behoefte aan coördinatie 4,3 (hoog)" in advice.text["nl"]
    assert "behoefte aan coördinatie is gemiddeld" not in advice.text["nl"]
    assert "need for coordination 4.3 (high)" in advice.text["en"]


def test_the_title_says_choose_a_mode_only_when_another_mode_fits_everywhere():
    """'Kies een regievorm die bij de omstandigheden past' beside 'Geen van de drie vormen past':
    when no mode fits every condition the title says what to discuss, naming the misfits."""
    need = Condition("competence_need", 3.6, "moderate")
    none_fits = GovernanceEvidence("netwerkbureau", None, "netwerkbureau", (need,), ())
    [advice] = advise([Diagnosis("governance_mismatch", "netwerkbureau", none_fits)], catalogue, instrument,
                      pd.DataFrame(), 0)
    assert advice.title["nl"] == "Bespreek of een netwerkbureau past bij de behoefte aan coördinatie"
    assert advice.title["en"] == ("Discuss whether a network administrative organisation (NAO) suits the need "
                                  "for coordination")
    other_fits = GovernanceEvidence("netwerkbureau", "zelfregulerend", None, (need,), ())
    [advice] = advise([Diagnosis("governance_mismatch", "netwerkbureau", other_fits)], catalogue, instrument,
                      pd.DataFrame(), 0)
    assert advice.title["nl"] == "Kies een regievorm die bij de omstandigheden past"


@pytest.mark.parametrize("kind, diagnosis, network_type",
                         [c for c in CASES if c[0] == "governance_mismatch"])
def test_every_governance_title_follows_whether_a_mode_fits(kind: str, diagnosis: Diagnosis,
                                                            network_type: str | None):
    [advice] = advise([diagnosis], catalogue, instrument, pd.DataFrame(), 0, network_type)
    e = diagnosis.evidence
    assert isinstance(e, GovernanceEvidence) and e.fitting is None
    for lang, t in T.items():
        assert advice.title[lang].startswith("Bespreek of " if lang == "nl" else "Discuss whether "), advice.key
        for c in e.misfit if len(e.misfit) <= 1 else ():     # more than one: "... bij dit netwerk past"
            assert t(f"condition_{c.name}") in advice.title[lang], (advice.key, lang, c)


def test_a_learning_network_hears_that_goal_consensus_and_coordination_weigh_less():
    goals = Condition("goal_consensus", 3.8, "moderate")
    need = Condition("competence_need", 3.8, "moderate")
    trust = Condition("trust_density", 0.18, "low")
    for misfit, said in (((goals, need), True), ((trust,), False)):
        d = Diagnosis("governance_mismatch", "zelfregulerend", GovernanceEvidence("zelfregulerend", None, None, misfit))
        [learning] = advise([d], catalogue, instrument, pd.DataFrame(), 0, "leernetwerk")
        [task] = advise([d], catalogue, instrument, pd.DataFrame(), 0, "samenwerkingsverband")
        assert learning.key.endswith(".leernetwerk")
        assert ("In een leernetwerk wegen de overeenstemming over doelen en de behoefte aan coördinatie minder zwaar"
                in learning.text["nl"]) is said
        assert ("In a learning network the agreement on goals and the need for coordination matter less"
                in learning.text["en"]) is said
        assert "leernetwerk" not in task.text["nl"]


def test_with_more_than_one_misfit_the_title_stays_short():
    """The text names every misfit; the title (also the portfolio's 'Eerste advies') does not list them."""
    misfit = (Condition("trust_centralisation", 0.35, "moderate"), Condition("organisations", 7.0, "few"))
    d = Diagnosis("governance_mismatch", "leidende_organisatie",
                  GovernanceEvidence("leidende_organisatie", None, None, misfit))
    [advice] = advise([d], catalogue, instrument, pd.DataFrame(), 0)
    assert advice.title["nl"] == "Bespreek of een leidende organisatie bij dit netwerk past"
    assert advice.title["en"] == "Discuss whether a lead organisation suits this network"
