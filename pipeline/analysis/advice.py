"""From figures to advice: which diagnoses matter most, and what to do about them.

Diagnoses are detected by explicit rules and ranked by a fixed order of importance, so that an
advisor can explain why the report says what it says:

1. the governance mode does not fit the measured conditions;
2. a leadership role nobody fills;
3. building blocks and other constructs in the concern band (lowest first);
4. low trust between the organisations;
5. a clear decline since the previous wave (largest first);
6. a large perception gap between actor groups, larger than chance explains (largest first);
7. constructs in the attention band (lowest first);
8. a fragmented network: organisations without ties, or with one tie only;
9. a role that leans on one group only;
10. constructs in the strength band (lowest first), only to reach the minimum.

At most two diagnoses of one kind are taken (one gap, one decline: their texts are general),
so that one kind of problem cannot crowd out the rest, and one topic is advised on once;
only when that leaves fewer than the minimum are more of one kind taken, most important first.
Each diagnosis gets its text from the catalogue (YAML, Dutch and English, editable by the
firm: an `advice.yaml` in the brand folder overrides entries) and the open answers whose
words match the topic's keywords. Every entry also names, per language, who should pick the
step up (`owner`: one of the four leadership roles, or the coalition's board) and by when
(`horizon`: within three months, six months, or before the next survey): the summary's
"Wat nu" prints them, so each step has someone to own it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from string import Formatter
from typing import Any

import pandas as pd
import yaml

from pipeline.analysis.comparisons import Change
from pipeline.analysis.governance import Governance
from pipeline.analysis.groups import REST, GroupTable
from pipeline.analysis.network import NetworkStructure
from pipeline.analysis.roles import RoleFilling
from pipeline.analysis.scores import Summary
from pipeline.core.catalogue_file import read_override
from pipeline.core.errors import ConfigError
from pipeline.core.i18n import LANGUAGES, Translator
from pipeline.core.instrument import Instrument
from pipeline.core.labels import group_name
from pipeline.core.paths import DEFAULT_CATALOGUE
from pipeline.core.settings import Settings

CATALOGUE_FILE = "advice.yaml"
ORDER = ("governance_mismatch", "role_unfilled", "construct_concern", "low_trust", "decline", "gap",
         "construct_attention", "fragmented", "role_single_group", "construct_strength")
FILLERS = {"construct_strength"}
PER_KIND = 2
ONCE = {"gap", "decline"}   # their texts are general: a second one would repeat the first
FRAGMENTED_SHARE = 0.25     # this share of organisations with one tie or none: a fragmented network
IMPROVEMENT_QUESTIONS = ("open_beter", "open_prioriteit")
YamlMapping = dict[str, Any]   # a parsed YAML mapping: its shape is checked where it is read
OWNERS = ("strateeg", "ontwikkelaar", "verkenner", "procesmanager", "bestuur")
HORIZONS = ("kwartaal", "halfjaar", "meting")
PLACEHOLDERS = {"declared", "fitting", "holder", "isolated", "construct", "high_group", "low_group", "change"}


@dataclass(frozen=True)
class GovernanceEvidence:
    """The declared mode differs from the one the conditions fit."""

    declared: str
    fitting: str | None
    seen: str | None                    # the mode most members see


@dataclass(frozen=True)
class RoleEvidence:
    """A role nobody fills, or one group only."""

    nobody: float | None                # share naming nobody
    holders: tuple[str, ...]            # the main holders, most named first
    answered: int


@dataclass(frozen=True)
class ConstructEvidence:
    """A construct in a band: concern, attention or strength."""

    mean: float
    band: str


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
    """Organisations without ties or with one, or a network in pieces."""

    loose: tuple[str, ...]              # codes of the isolated, then the peripheral organisations
    names: tuple[str, ...]              # their names
    components: int


Evidence = (GovernanceEvidence | RoleEvidence | ConstructEvidence | TrustEvidence | DeclineEvidence
            | GapEvidence | FragmentedEvidence)
EVIDENCE: dict[str, type[Evidence]] = {
    "governance_mismatch": GovernanceEvidence, "role_unfilled": RoleEvidence, "role_single_group": RoleEvidence,
    "construct_concern": ConstructEvidence, "construct_attention": ConstructEvidence,
    "construct_strength": ConstructEvidence, "low_trust": TrustEvidence, "decline": DeclineEvidence,
    "gap": GapEvidence, "fragmented": FragmentedEvidence,
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


@dataclass(frozen=True)
class Catalogue:
    entries: YamlMapping
    source: str

    def _find(self, key: str) -> YamlMapping | None:
        node: object = self.entries
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else None

    def entry(self, key: str) -> YamlMapping:
        node = self._find(key)
        if node is None or not all(lang in node for lang in LANGUAGES):
            raise ConfigError(Path(self.source), f"the advice catalogue has no entry {key!r} in {', '.join(LANGUAGES)}")
        return node

    def choice(self, key: str, lang: str, name: str, allowed: tuple[str, ...]) -> str:
        """An entry's `owner` or `horizon` in one language, which must be one of `allowed`."""
        value = self.entry(key)[lang].get(name)
        if value not in allowed:
            raise ConfigError(Path(self.source), f"{key}.{lang}.{name}: {value!r} is not one of {', '.join(allowed)}")
        return str(value)

    def keywords(self, key: str) -> list[str]:
        """Word stems in every language that mark an open answer as speaking to a topic."""
        node = self._find(key) or {}
        return [str(k) for lang in LANGUAGES for k in node.get(lang, [])]


def _merged(base: YamlMapping, override: YamlMapping) -> YamlMapping:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _read_yaml(path: Path) -> YamlMapping:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(path, f"cannot read the advice catalogue: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(path, "the advice catalogue must be a mapping")
    return raw


@lru_cache(maxsize=8)
def load_catalogue(brand_dir: Path | None = None) -> Catalogue:
    """The default catalogue, with the firm's `advice.yaml` from its brand folder laid over it."""
    entries = _read_yaml(DEFAULT_CATALOGUE)
    override = Path(brand_dir) / CATALOGUE_FILE if brand_dir else None
    if override and override.is_file():
        entries = _merged(entries, read_override(override, entries))
        return Catalogue(entries, str(override))
    return Catalogue(entries, str(DEFAULT_CATALOGUE))


def construct_diagnoses(constructs: dict[str, Summary], instrument: Instrument) -> list[Diagnosis]:
    return [Diagnosis(f"construct_{s.band}", code, ConstructEvidence(s.mean, s.band), s.mean)
            for code, s in constructs.items()
            if instrument.constructs[code].is_quality and s.band and s.mean is not None]


def role_diagnoses(roles: dict[str, RoleFilling]) -> list[Diagnosis]:
    out = []
    for role in roles.values():
        if role.status in ("unfilled", "single_group"):
            out.append(Diagnosis(f"role_{role.status}", role.role,
                                 RoleEvidence(role.nobody, role.main_holders, role.answered), -(role.nobody or 0)))
    return out


def governance_diagnoses(found: Governance) -> list[Diagnosis]:
    if not found.mismatch:
        return []
    return [Diagnosis("governance_mismatch", found.fitting or "",
                      GovernanceEvidence(found.declared, found.fitting, found.seen_mode))]


def network_diagnoses(network: NetworkStructure | None, low_trust_density: float,
                      names: dict[str, str]) -> list[Diagnosis]:
    """Low trust and a fragmented network; nothing when the relations were not measured
    (`network` None), since absent answers are no evidence of absent ties."""
    if network is None:
        return []
    out = []
    if network.trust_density is not None and network.trust_density < low_trust_density:
        out.append(Diagnosis("low_trust", "network", TrustEvidence(network.trust_density, network.mean_trust)))
    loose = network.isolated + network.peripheral
    if network.organisations >= 4 and (network.isolated or network.components > 1
                                       or len(loose) >= FRAGMENTED_SHARE * network.organisations):
        out.append(Diagnosis("fragmented", "network",
                             FragmentedEvidence(loose, tuple(names[c] for c in loose), network.components)))
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


def catalogue_key(diagnosis: Diagnosis) -> tuple[str, str]:
    """Where a diagnosis's text lives, and where its keywords live (for matching open answers)."""
    kind, subject = diagnosis.kind, diagnosis.subject
    if isinstance(diagnosis.evidence, ConstructEvidence):
        return f"construct.{subject}.{diagnosis.evidence.band}", f"construct.{subject}.keywords"
    if kind.startswith("role_"):
        return f"role.{subject}.{kind.removeprefix('role_')}", f"role.{subject}.keywords"
    if kind == "governance_mismatch":
        return f"governance.mismatch.{subject}", "governance.keywords"
    if kind in ("low_trust", "fragmented"):
        return f"network.{kind}", f"network.{kind}.keywords"
    return kind, f"construct.{subject}.keywords"


def placeholders(diagnosis: Diagnosis, instrument: Instrument, t: Translator) -> dict[str, str]:
    e, lang = diagnosis.evidence, t.lang
    values: dict[str, str] = {}
    if diagnosis.subject in instrument.constructs:
        values["construct"] = instrument.constructs[diagnosis.subject].name(lang)
    if isinstance(e, GovernanceEvidence):
        values |= {"declared": t(f"mode_{e.declared}"), "fitting": t(f"mode_{e.fitting}")}
    if isinstance(e, RoleEvidence) and diagnosis.kind == "role_single_group":
        values["holder"] = group_name(instrument, "rolhouder", e.holders[0], t)
    if isinstance(e, FragmentedEvidence):
        values["isolated"] = t.join(list(e.names))
    if isinstance(e, GapEvidence):
        values |= {"high_group": group_name(instrument, e.by, e.high_group, t),
                   "low_group": group_name(instrument, e.by, e.low_group, t)}
    if isinstance(e, DeclineEvidence):
        values["change"] = t.number(abs(e.printed))
    return values


def fill(text: str, values: dict[str, str]) -> str:
    """The catalogue text with its placeholders filled; unknown placeholders fail loudly."""
    wanted = {name for _, name, _, _ in Formatter().parse(text) if name}
    unknown = wanted - PLACEHOLDERS
    if unknown:
        raise ValueError(f"unknown placeholder(s) {', '.join(sorted(unknown))} in advice text: {text!r}")
    return text.format_map({k: values.get(k, "") for k in wanted})


def matching_quotes(open_answers: pd.DataFrame, keywords: list[str], used: set[str], limit: int) -> list[Quote]:
    stems = [k.lower() for k in keywords if k.strip()]
    quotes: list[Quote] = []
    for question in IMPROVEMENT_QUESTIONS:
        if question not in open_answers:
            continue
        for text in open_answers[question].dropna().astype(str):
            if len(quotes) >= limit:
                return quotes
            lowered = text.lower()
            if text not in used and any(stem in lowered for stem in stems):
                used.add(text)
                quotes.append(Quote(question, text))
    return quotes


def advise(chosen: list[Diagnosis], catalogue: Catalogue, instrument: Instrument, open_answers: pd.DataFrame,
           quotes_per_finding: int) -> list[Advice]:
    translators = {lang: Translator(lang) for lang in LANGUAGES}
    used: set[str] = set()
    out = []
    for diagnosis in chosen:
        key, keyword_key = catalogue_key(diagnosis)
        entry = catalogue.entry(key)
        values = {lang: placeholders(diagnosis, instrument, t) for lang, t in translators.items()}
        out.append(Advice(
            diagnosis, key,
            {lang: fill(entry[lang]["title"], values[lang]) for lang in LANGUAGES},
            {lang: fill(entry[lang]["text"], values[lang]) for lang in LANGUAGES},
            tuple(matching_quotes(open_answers, catalogue.keywords(keyword_key), used, quotes_per_finding)),
            {lang: catalogue.choice(key, lang, "owner", OWNERS) for lang in LANGUAGES},
            {lang: catalogue.choice(key, lang, "horizon", HORIZONS) for lang in LANGUAGES},
        ))
    return out
