"""From figures to advice: which diagnoses matter most, and what to do about them.

Diagnoses are detected by explicit rules and ranked by a fixed order of importance, so that an
advisor can explain why the report says what it says:

1. the governance mode does not fit the measured conditions;
2. a leadership role nobody fills;
3. a fragmented network: the organisations fall apart in separate components (a director can
   act on it directly, and the summary names it when it is so);
4. building blocks and other constructs in the concern band (lowest first);
5. low trust between the organisations;
6. a clear decline since the previous wave (largest first);
7. a periphery: one network, but organisations with no tie or one tie only;
8. a large perception gap between actor groups, larger than chance explains (largest first);
9. constructs in the attention band (lowest first);
10. the answers clearly show a pure type of network (learning, or task-oriented) other than the
   declared type (`pipeline.analysis.network_type`);
11. a role that leans on one group only;
12. constructs in the strength band (lowest first), only to reach the minimum.

The structure of the network comes before scores in the attention band: who works with whom
is what the network's board can change first, and a network in parts or with organisations
left out is what the summary's headlines name.

Governance: a governance diagnosis is made when at least one measured Provan & Kenis
condition does not suit the declared mode; its text names each condition that does not fit
and each that does, with value and level, and never counts them against each other.

At most two diagnoses of one kind are taken (one gap, one decline: their texts are general),
so that one kind of problem cannot crowd out the rest, and one topic is advised on once;
only when that leaves fewer than the minimum are more of one kind taken, most important first.
Each diagnosis gets its text from the catalogue (YAML, Dutch and English, editable by the
firm: an `advice.yaml` in the brand folder overrides entries) and the open answers coded
into the topic's theme (`pipeline.analysis.themes`). Every level or figure a text states
comes from a placeholder filled from the diagnosis's typed evidence (`placeholders`), so a
text cannot contradict the figures; an entry may have a variant per declared network type (a
`leernetwerk:` block under it), so that a learning network is not advised as if it were a
task-oriented collaboration. Every entry also names, per language, who should pick the
step up (`owner`: one of the four leadership roles, or the coalition's board) and by when
(`horizon`: within three months, six months, or before the next survey): the summary's
"Wat nu" prints them, so each step has someone to own it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from string import Formatter

import pandas as pd

from pipeline.analysis.catalogue import Catalogue, YamlMapping
from pipeline.analysis.comparisons import Change
from pipeline.analysis.governance import MODES, Governance, Predictor
from pipeline.analysis.groups import REST, GroupTable
from pipeline.analysis.network import NetworkStructure
from pipeline.analysis.network_type import LEARNING, TASK, NetworkType
from pipeline.analysis.roles import RoleFilling
from pipeline.analysis.scores import Summary
from pipeline.analysis.themes import ThemeCatalogue, link_of, load_themes, themes_of
from pipeline.core.i18n import LANGUAGES, Translator
from pipeline.core.instrument import Instrument
from pipeline.core.labels import group_in_sentence
from pipeline.core.settings import MIN_ANONYMITY, Settings

ORDER = ("governance_mismatch", "role_unfilled", "fragmented", "construct_concern", "low_trust", "decline",
         "periphery", "gap", "construct_attention", "network_type_mismatch", "role_single_group",
         "construct_strength")
FILLERS = {"construct_strength"}
PER_KIND = 2
ONCE = {"gap", "decline"}   # their texts are general: a second one would repeat the first
FRAGMENTED_SHARE = 0.25     # this share of organisations with one tie or none: a fragmented network
IMPROVEMENT_QUESTIONS = ("open_beter", "open_prioriteit")
OWNERS = ("strateeg", "ontwikkelaar", "verkenner", "procesmanager", "bestuur")
HORIZONS = ("kwartaal", "halfjaar", "meting")
PLACEHOLDERS = {"declared", "fitting", "holder", "isolated", "construct", "high_group", "low_group", "change",
                "misfit", "fit", "fitting_line", "nobody", "unfilled_reason", "trust_density", "mean_trust",
                "components", "outside", "gap", "mean", "band", "declared_type", "shown_type", "interaction",
                "task", "host_line", "misfit_names", "seen_line", "learning_line"}
NETWORK_TYPES = ("leernetwerk", "samenwerkingsverband", "combinatie")
PURE_TYPES = (LEARNING, TASK)


@dataclass(frozen=True)
class Condition:
    """One Provan & Kenis condition as measured: the figures a governance text states."""

    name: str                           # trust_density | trust_centralisation | organisations | ...
    value: float
    level: str                          # low | moderate | high (organisations: few | moderate | many)
    level_low: str | None = None        # the level at the 95% interval's ends, when it has one
    level_high: str | None = None
    rated: int | None = None            # trust_density: the pairs rated, when fewer than all pairs (its base)


@dataclass(frozen=True)
class GovernanceEvidence:
    """Conditions that do not suit the declared mode (and those that do)."""

    declared: str
    fitting: str | None                 # the mode every measured condition suits, if any
    seen: str | None                    # the mode most members see
    misfit: tuple[Condition, ...] = ()  # conditions that do not suit the declared mode
    fit: tuple[Condition, ...] = ()     # conditions that do
    seen_share: float | None = None     # share naming `seen`; None when another mode is named as often
    host_kind: str | None = None        # lead_organisation | network_office, when coalition.yaml names one
    host_untied: bool = False           # ... and it has no working tie in the network
    host_unnamed: bool = False          # ... and nobody names it for any role
    named: int | None = None            # respondents naming a mode (not "don't know"): the base of the shares
    seen_shares: tuple[float, ...] = ()  # per mode of MODES, the share of them naming it
    threshold: int = MIN_ANONYMITY      # a share of fewer people than this is printed as "minder dan k"


@dataclass(frozen=True)
class RoleEvidence:
    """A role nobody fills, or one group only."""

    nobody: float | None                # share naming nobody
    holders: tuple[str, ...]            # the main holders, most named first
    answered: int
    top_share: float | None = None      # share naming the most named holder
    holder_share: float = 0.25          # the share a holder needs (setting roles_holder_share)


@dataclass(frozen=True)
class ConstructEvidence:
    """A construct in a band: concern, attention or strength; with the bands of its interval's
    ends, so that a text states "tussen aandachtspunt en sterk punt" when the interval says so."""

    mean: float
    band: str
    band_low: str | None = None
    band_high: str | None = None


@dataclass(frozen=True)
class TrustEvidence:
    """Few pairs of organisations that trust each other."""

    trust_density: float
    mean_trust: float | None


@dataclass(frozen=True)
class DeclineEvidence:
    """A clear fall since the previous wave."""

    change: float
    printed: float                      # the change as worked out from the two printed means
    previous_wave: str
    p_value: float | None


@dataclass(frozen=True)
class GapEvidence:
    """Two actor groups that see a construct differently."""

    by: str                             # actortype | positie
    gap: float
    p_value: float
    high_group: str
    low_group: str


@dataclass(frozen=True)
class FragmentedEvidence:
    """A network in pieces (kind fragmented: the organisations outside its largest part), or one
    network with organisations on its edge (kind periphery: no tie, then one tie)."""

    loose: tuple[str, ...]              # codes of those organisations
    names: tuple[str, ...]              # their names
    components: int
    sizes: tuple[int, ...] = ()         # fragmented: the parts' sizes, largest first (equal: no largest part)
    members: tuple[str, ...] = ()       # fragmented: the names in the parts, part after part, as in `sizes`
    isolated: tuple[str, ...] = ()      # fragmented: the names of the organisations without any tie


@dataclass(frozen=True)
class NetworkTypeEvidence:
    """The answers show a pure type of network other than the declared type."""

    declared: str                       # leernetwerk | samenwerkingsverband | combinatie
    shown: str                          # leernetwerk | samenwerkingsverband
    interaction: float
    task: float


Evidence = (GovernanceEvidence | NetworkTypeEvidence | RoleEvidence | ConstructEvidence | TrustEvidence
            | DeclineEvidence | GapEvidence | FragmentedEvidence)
EVIDENCE: dict[str, type[Evidence]] = {
    "governance_mismatch": GovernanceEvidence, "role_unfilled": RoleEvidence, "role_single_group": RoleEvidence,
    "construct_concern": ConstructEvidence, "construct_attention": ConstructEvidence,
    "construct_strength": ConstructEvidence, "low_trust": TrustEvidence, "decline": DeclineEvidence,
    "gap": GapEvidence, "fragmented": FragmentedEvidence, "periphery": FragmentedEvidence,
    "network_type_mismatch": NetworkTypeEvidence,
}


@dataclass(frozen=True)
class Diagnosis:
    kind: str                           # one of ORDER
    subject: str                        # construct, role or mode code
    evidence: Evidence                  # the figures behind it; its type follows the kind (EVIDENCE)
    order: float = 0.0                  # ranks diagnoses of one kind: lower comes first

    def __post_init__(self) -> None:
        wanted = EVIDENCE.get(self.kind)
        if wanted is None:
            raise ValueError(f"unknown diagnosis kind {self.kind!r}")
        if not isinstance(self.evidence, wanted):
            raise ValueError(f"a {self.kind} diagnosis needs {wanted.__name__}, not {type(self.evidence).__name__}")

    @classmethod
    def json_field_types(cls, raw: Mapping[str, object]) -> dict[str, type[Evidence]]:
        """The evidence is read as the type its kind calls for (see `pipeline.analysis.jsonable`)."""
        wanted = EVIDENCE.get(str(raw.get("kind")))
        return {"evidence": wanted} if wanted else {}

    @property
    def priority(self) -> tuple[int, float]:
        return ORDER.index(self.kind), self.order

    @property
    def topic(self) -> str:
        """Diagnoses on one topic share an advice: low trust and the trust construct are one."""
        if self.kind == "low_trust" or self.subject == "vertrouwen":
            return "trust"
        if self.kind in ("fragmented", "periphery"):
            return "network"
        if self.kind.startswith("role_"):
            return f"rol_{self.subject}"
        return self.subject


@dataclass(frozen=True)
class Quote:
    question: str
    text: str


@dataclass(frozen=True)
class Advice:
    diagnosis: Diagnosis
    key: str                            # where the text lives in the catalogue
    title: Mapping[str, str]            # language -> text
    text: Mapping[str, str]
    quotes: tuple[Quote, ...] = ()
    owner: Mapping[str, str] = field(default_factory=dict)      # language -> one of OWNERS
    horizon: Mapping[str, str] = field(default_factory=dict)    # language -> one of HORIZONS


def construct_diagnoses(constructs: dict[str, Summary], instrument: Instrument) -> list[Diagnosis]:
    return [Diagnosis(f"construct_{s.band}", code, ConstructEvidence(s.mean, s.band, s.band_low, s.band_high),
                      s.mean)
            for code, s in constructs.items()
            if instrument.constructs[code].is_quality and s.band and s.mean is not None]


def role_diagnoses(roles: dict[str, RoleFilling], holder_share: float = 0.25) -> list[Diagnosis]:
    out = []
    for role in roles.values():
        if role.status in ("unfilled", "single_group"):
            top = max(role.holders.values(), default=None)
            out.append(Diagnosis(f"role_{role.status}", role.role,
                                 RoleEvidence(role.nobody, role.main_holders, role.answered, top, holder_share),
                                 -(role.nobody or 0.0)))
    return out


def largest_share(shares: Mapping[str, float]) -> float | None:
    """The share of the largest group naming a mode, or None when two are as large: then
    there is no "grootste groep" to speak of."""
    ranked = sorted(shares.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return ranked[0]


def condition_of(p: Predictor, found: Governance) -> Condition:
    """A measured condition as a text states it; the trust density with its base when not every
    pair of organisations was rated (100% of 8 rated pairs is not 100% of the network)."""
    partial = (p.name == "trust_density" and found.rated_pairs is not None and found.all_pairs is not None
               and found.rated_pairs < found.all_pairs)
    return Condition(p.name, float(p.value or 0.0), str(p.level), p.level_low, p.level_high,
                     found.rated_pairs if partial else None)


def governance_diagnoses(found: Governance, threshold: int = MIN_ANONYMITY) -> list[Diagnosis]:
    """One diagnosis when a measured condition does not suit the declared mode (subject: that
    mode), whatever its interval: a condition that only may not fit is no advice that says it
    does not (the governance section names it as one that may not fit)."""
    if not found.sure_misfit:
        return []
    measured = {p.name: condition_of(p, found) for p in found.predictors if p.value is not None and p.level is not None}
    return [Diagnosis("governance_mismatch", found.declared,
                      GovernanceEvidence(found.declared, found.fitting, found.seen_mode,
                                         tuple(measured[n] for n in found.sure_misfit if n in measured),
                                         tuple(measured[n] for n in found.fit if n in measured),
                                         largest_share(found.seen),
                                         found.host.kind if found.host else None,
                                         bool(found.host and found.host.untied),
                                         bool(found.host and found.host.unnamed),
                                         found.named, tuple(found.seen.get(m, 0.0) for m in MODES), threshold),
                      -float(len(found.sure_misfit)))]


def network_type_diagnoses(found: NetworkType | None) -> list[Diagnosis]:
    """The answers show a pure type (learning or task-oriented) other than the declared type."""
    if (found is None or found.shown not in PURE_TYPES or found.fits is not False
            or found.interaction is None or found.task is None):
        return []
    return [Diagnosis("network_type_mismatch", found.shown,
                      NetworkTypeEvidence(found.declared, found.shown, found.interaction, found.task))]


def components(network: NetworkStructure) -> list[set[str]]:
    """The network's parts, largest first (ties as drawn on the map). networkx is imported here:
    the batch's own process reads advice through the result model and never computes it."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(network.degrees)
    graph.add_edges_from((t.source, t.target) for t in network.ties)
    return sorted((set(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), sorted(c)))


def network_diagnoses(network: NetworkStructure | None, low_trust_density: float,
                      names: dict[str, str]) -> list[Diagnosis]:
    """Low trust, and a fragmented network or a periphery; nothing when the relations were not
    measured (`network` None), since absent answers are no evidence of absent ties.

    Fragmented: the organisations with ties fall apart in two or more parts (an organisation
    without any tie is on the edge, not a part of its own). Periphery: one connected network
    with organisations that have no tie, or one, or that many with one tie or none."""
    if network is None:
        return []
    out = []
    if network.trust_density is not None and network.trust_density < low_trust_density:
        out.append(Diagnosis("low_trust", "network", TrustEvidence(network.trust_density, network.mean_trust)))
    if network.organisations < 4:
        return out
    parts = [c for c in components(network) if len(c) > 1]
    codes = list(network.degrees)
    if len(parts) > 1:
        outside = [c for c in codes if c not in parts[0] and c not in network.isolated]
        out.append(Diagnosis("fragmented", "network", FragmentedEvidence(
            tuple(outside), tuple(names[c] for c in outside), len(parts), tuple(len(p) for p in parts),
            tuple(names[c] for p in parts for c in sorted(p)), tuple(names[c] for c in network.isolated))))
    loose = network.isolated + network.peripheral
    if network.isolated or len(loose) >= FRAGMENTED_SHARE * network.organisations:
        out.append(Diagnosis("periphery", "network",
                             FragmentedEvidence(loose, tuple(names[c] for c in loose), len(parts))))
    return out


def change_diagnoses(changes: dict[str, Change], instrument: Instrument) -> list[Diagnosis]:
    return [Diagnosis("decline", code, DeclineEvidence(c.change, c.printed, c.previous_wave, c.p_value), c.change)
            for code, c in changes.items()
            if c.clear and c.change < 0 and instrument.constructs[code].is_quality]


def gap_diagnoses(groups: dict[str, GroupTable], instrument: Instrument) -> list[Diagnosis]:
    """The clear differences between a group and the rest (Holm-corrected, large enough:
    `pipeline.analysis.differences`); the other side of a group is REST."""
    return [Diagnosis("gap", d.construct, GapEvidence(table.by, abs(d.difference), d.p_holm or 0.0,
                                                      d.group if d.difference > 0 else REST,
                                                      REST if d.difference > 0 else d.group), -abs(d.difference))
            for table in groups.values() for d in table.differences
            if d.clear and instrument.constructs[d.construct].is_quality]


def select(diagnoses: list[Diagnosis], settings: Settings) -> list[Diagnosis]:
    """The 3-5 diagnoses the advice section shows, by the rules in the module docstring."""
    chosen: list[Diagnosis] = []
    for diagnosis in sorted(diagnoses, key=lambda f: f.priority):
        if len(chosen) >= settings.advice_max_findings:
            break
        if (diagnosis.topic in {f.topic for f in chosen}
                or (diagnosis.kind in FILLERS and len(chosen) >= settings.advice_min_findings)
                or (diagnosis.kind not in FILLERS
                    and sum(f.kind == diagnosis.kind for f in chosen) >= (1 if diagnosis.kind in ONCE else PER_KIND))):
            continue
        chosen.append(diagnosis)
    # too few kinds of finding to reach the minimum (no gap or decline that is clear, no
    # strength to fall back on): the next most important ones of a new topic, whatever their kind
    for diagnosis in sorted(diagnoses, key=lambda f: f.priority):
        if len(chosen) >= settings.advice_min_findings:
            break
        if diagnosis not in chosen and diagnosis.topic not in {f.topic for f in chosen}:
            chosen.append(diagnosis)
    return chosen


def catalogue_key(diagnosis: Diagnosis) -> str:
    """Where a diagnosis's text lives in the catalogue."""
    kind, subject = diagnosis.kind, diagnosis.subject
    if isinstance(diagnosis.evidence, ConstructEvidence):
        return f"construct.{subject}.{diagnosis.evidence.band}"
    if kind.startswith("role_"):
        return f"role.{subject}.{kind.removeprefix('role_')}"
    if kind == "governance_mismatch":
        return f"governance.misfit.{subject}"
    if kind in ("low_trust", "fragmented", "periphery"):
        return f"network.{kind}"
    if kind == "network_type_mismatch":
        return f"network_type.{subject}"
    return kind


def condition_phrase(c: Condition, t: Translator) -> str:
    """'behoefte aan coördinatie 4,3 (hoog)': a condition with its value and its level."""
    value = (t("trust_density_of_rated", value=t.percent(c.value), rated=c.rated) if c.rated is not None
             else t.percent(c.value) if c.name == "trust_density" else str(int(c.value)) if c.name == "organisations"
             else t.number(c.value, 2) if c.name == "trust_centralisation" else t.number(c.value))
    low, high = c.level_low or c.level, c.level_high or c.level
    level = (t("level_between", low=t(f"level_{low}"), high=t(f"level_{high}")) if (low, high) != (c.level, c.level)
             else t(f"level_{c.level}"))
    return t("condition_phrase", condition=t(f"condition_{c.name}"), value=value, level=level)


SPLIT_SHARE = 0.5   # below this, the largest group naming a mode is no majority: the participants disagree

# the conditions whose misfit weighs less in a learning network, which does not carry out one
# shared task: it needs less agreement on goals, and less coordination at network level
LEARNING_LIGHTER = ("goal_consensus", "competence_need")


def seen_line(e: GovernanceEvidence, t: Translator) -> str:
    """What the participants who name a mode see, with its base: "73% van de 60 deelnemers die
    een vorm noemen, ziet ook een netwerkbureau". When no mode has a majority (or two are as
    large), the participants disagree, and every share is named. Empty without answers."""
    shares = {m: s for m, s in zip(MODES, e.seen_shares) if s > 0}
    if not shares or not e.named or e.seen is None:
        return ""
    ranked = sorted(shares.items(), key=lambda kv: -kv[1])
    tied = len(ranked) > 1 and ranked[0][1] == ranked[1][1]
    if tied or ranked[0][1] < SPLIT_SHARE:
        # a share of fewer than k people reads "minder dan k", as everywhere in the report
        items = [t("seen_split_item", mode=t(f"mode_{m}"),
                   share=t("fewer_than", k=e.threshold) if round(s * e.named) < e.threshold else t.percent(s))
                 for m, s in ranked]
        return t("why_governance_seen_split", named=e.named, shares=t.join(items))
    key = "why_governance_seen_same" if e.seen == e.declared else "why_governance_seen"
    return t(key, named=e.named, share=t.percent(ranked[0][1]), seen=t(f"mode_{e.seen}"))


def learning_line(e: GovernanceEvidence, t: Translator) -> str:
    """The sentence (with a space after it) saying that a misfit of goal consensus or of the need
    for coordination weighs less in a learning network; empty when neither is among the misfits."""
    lighter = [c.name for c in e.misfit if c.name in LEARNING_LIGHTER]
    if not lighter:
        return ""
    key = "governance_learning_lighter_one" if len(lighter) == 1 else "governance_learning_lighter_many"
    return t(key, conditions=t.join([t(f"condition_the_{n}") for n in lighter])) + " "


def host_line(e: GovernanceEvidence, t: Translator) -> str:
    """The sentence (with a space after it) saying that the named host has no working tie, or
    nothing: advice that asks whether the host is recognised must not pass over a host nobody
    works with."""
    if not e.host_untied or e.host_kind is None:
        return ""
    return t("host_untied_unnamed" if e.host_unnamed else "host_untied", who=t(f"host_who_{e.host_kind}")) + " "


def placeholders(diagnosis: Diagnosis, instrument: Instrument, t: Translator) -> dict[str, str]:
    """Every value a catalogue text may state, from the diagnosis's evidence only."""
    e, lang = diagnosis.evidence, t.lang
    values: dict[str, str] = {}
    if diagnosis.subject in instrument.constructs:
        values["construct"] = instrument.constructs[diagnosis.subject].name(lang)
    if isinstance(e, ConstructEvidence):
        values |= {"mean": t.number(e.mean), "band": t.band_words(e.band, e.band_low, e.band_high).lower()}
    if isinstance(e, GovernanceEvidence):
        values |= {"declared": t(f"mode_{e.declared}"), "fitting": t(f"mode_{e.fitting}") if e.fitting else "",
                   "misfit": t.join([condition_phrase(c, t) for c in e.misfit]),
                   "fit": t.join([condition_phrase(c, t) for c in e.fit]) if e.fit else t("conditions_none"),
                   "fitting_line": (t("fitting_line", mode=t(f"mode_{e.fitting}")) if e.fitting
                                    else t("fitting_line_none")),
                   "host_line": host_line(e, t),
                   "misfit_names": t.join([t(f"condition_the_{c.name}") for c in e.misfit]),
                   "seen_line": (seen_line(e, t) + " ") if seen_line(e, t) else "",
                   "learning_line": learning_line(e, t)}
    if isinstance(e, RoleEvidence):
        values["nobody"] = t.percent(e.nobody)
        if e.holders:
            values["holder"] = group_in_sentence(instrument, "rolhouder", e.holders[0], t)
        reasons = [t("unfilled_reason_nobody", nobody=t.percent(e.nobody or 0.0))]
        if not e.holders:       # unfilled also because no holder reaches the holder share
            reasons.append(t("unfilled_reason_holders", share=t.percent(e.holder_share),
                             top=t.percent(e.top_share or 0.0)))
        values["unfilled_reason"] = t.join(reasons)
    if isinstance(e, TrustEvidence):
        values |= {"trust_density": t.percent(e.trust_density), "mean_trust": t.number(e.mean_trust)}
    if isinstance(e, FragmentedEvidence):
        values |= {"isolated": t.join(list(e.names)), "outside": t.join(list(e.names)),
                   "components": str(e.components)}
    if isinstance(e, GapEvidence):
        values |= {"high_group": group_in_sentence(instrument, e.by, e.high_group, t),
                   "low_group": group_in_sentence(instrument, e.by, e.low_group, t), "gap": t.number(e.gap)}
    if isinstance(e, DeclineEvidence):
        values["change"] = t.number(abs(e.printed))
    if isinstance(e, NetworkTypeEvidence):
        values |= {"declared_type": t(f"type_{e.declared}"), "shown_type": t(f"type_{e.shown}"),
                   "interaction": t.number(e.interaction), "task": t.number(e.task)}
    return values


def fill(text: str, values: dict[str, str]) -> str:
    """The catalogue text with its placeholders filled; an unknown placeholder, or one this
    evidence has no value for, fails loudly rather than print an empty or wrong figure."""
    wanted = {name for _, name, _, _ in Formatter().parse(text) if name}
    unknown = wanted - PLACEHOLDERS
    if unknown:
        raise ValueError(f"unknown placeholder(s) {', '.join(sorted(unknown))} in advice text: {text!r}")
    missing = wanted - values.keys()
    if missing:
        raise ValueError(f"placeholder(s) {', '.join(sorted(missing))} have no value for this evidence: {text!r}")
    return text.format_map({k: values[k] for k in wanted})


def matching_quotes(open_answers: pd.DataFrame, diagnosis: Diagnosis, themes: ThemeCatalogue, used: set[str],
                    limit: int) -> list[Quote]:
    """Answers to what could be better or come first, coded into a theme the diagnosis speaks
    to (`pipeline.analysis.themes`), each quoted once in the report."""
    wanted = set(themes.linked(link_of(diagnosis.kind, diagnosis.subject)))
    quotes: list[Quote] = []
    for question in IMPROVEMENT_QUESTIONS:
        if question not in open_answers:
            continue
        for text in open_answers[question].dropna().astype(str):
            if len(quotes) >= limit:
                return quotes
            if text not in used and wanted & set(themes_of(text, themes)):
                used.add(text)
                quotes.append(Quote(question, text))
    return quotes


TITLE_CONDITIONS = 1    # a title names at most this many misfitting conditions; the text names them all


def title_of(entry: YamlMapping, diagnosis: Diagnosis) -> str:
    """The entry's title; for a governance misfit where no mode suits every condition, the
    title of what to do then (`title_none`): "choose a mode that fits" would send the reader
    looking for a mode the report says is not there."""
    e = diagnosis.evidence
    if isinstance(e, GovernanceEvidence) and e.fitting is None and "title_none" in entry:
        many = len(e.misfit) > TITLE_CONDITIONS and "title_none_many" in entry
        return str(entry["title_none_many" if many else "title_none"])
    return str(entry["title"])


def advise(chosen: list[Diagnosis], catalogue: Catalogue, instrument: Instrument, open_answers: pd.DataFrame,
           quotes_per_finding: int, network_type: str | None = None,
           themes: ThemeCatalogue | None = None) -> list[Advice]:
    """`network_type`: the declared type; an entry's variant for that type is used when it has
    one. `themes`: the catalogue the quotes are coded with (the shipped one by default)."""
    themes = themes if themes is not None else load_themes()
    translators = {lang: Translator(lang) for lang in LANGUAGES}
    used: set[str] = set()
    out = []
    for diagnosis in chosen:
        key = catalogue.variant(catalogue_key(diagnosis), network_type)
        entry = catalogue.entry(key)
        values = {lang: placeholders(diagnosis, instrument, t) for lang, t in translators.items()}
        out.append(Advice(
            diagnosis, key,
            {lang: fill(title_of(entry[lang], diagnosis), values[lang]) for lang in LANGUAGES},
            {lang: fill(entry[lang]["text"], values[lang]) for lang in LANGUAGES},
            tuple(matching_quotes(open_answers, diagnosis, themes, used, quotes_per_finding)),
            {lang: catalogue.choice(key, lang, "owner", OWNERS) for lang in LANGUAGES},
            {lang: catalogue.choice(key, lang, "horizon", HORIZONS) for lang in LANGUAGES},
        ))
    return out
