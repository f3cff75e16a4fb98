"""Analysis settings: defaults from YAML, overridable per coalition.

Every setting has the range it makes sense in, and related settings their order (the
strength band above the attention band, the fewest findings not above the most). An
override outside them is a configuration error naming the key, never a report that quietly
shows groups of two people or calls a 3,5 a strength and a concern at once."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from pipeline.core.config_check import ConfigProblems, Problem, did_you_mean, problems
from pipeline.core.paths import DEFAULTS_FILE
from pipeline.core.yaml_text import load_yaml

MIN_ANONYMITY = 5             # the privacy floor: no firm or coalition may show smaller groups
GROUPS = {"bands": "band", "roles": "roles", "network": "network", "governance": "governance", "advice": "advice"}
Share = Annotated[float, Field(gt=0, le=1)]
Fraction = Annotated[float, Field(ge=0, le=1)]
Likert = Annotated[float, Field(ge=1, le=5)]
FourPoint = Annotated[float, Field(ge=1, le=4)]


@dataclass(frozen=True)
class Settings:
    anonymity_threshold: Annotated[int, Field(ge=MIN_ANONYMITY)] = 5
    completeness_threshold: Share = 0.5          # share of the instrument's statements
    min_items_per_construct: Share = 0.5         # share of a construct's statements
    band_strength: Likert = 4.0
    band_attention: Likert = 3.0
    reliability_floor: Fraction = 0.6
    gap_finding: Annotated[float, Field(gt=0, le=4)] = 0.5    # the smallest clear difference, points
    composition_shift: Share = 0.2               # mix of respondents shifted between waves: a warning
    roles_nobody_share: Share = 0.35
    roles_holder_share: Share = 0.25
    network_tie_intensity: Annotated[float, Field(gt=0, le=3)] = 2.0   # collaboration: 0 none … 3 intensive
    network_high_trust: FourPoint = 3.0          # trust: 1 little … 4 complete
    governance_trust_density_high: Fraction = 0.6
    governance_trust_density_low: Fraction = 0.3
    governance_trust_centralisation_high: Fraction = 0.5   # trust centred on few organisations
    governance_trust_centralisation_low: Fraction = 0.25   # trust spread evenly
    governance_organisations_few: Annotated[int, Field(ge=2)] = 8
    governance_organisations_many: Annotated[int, Field(ge=2)] = 15
    governance_consensus_high: Likert = 4.0
    governance_consensus_low: Likert = 3.5
    governance_competence_need_high: Likert = 4.0
    governance_competence_need_low: Likert = 3.0
    advice_min_findings: Annotated[int, Field(ge=1)] = 3
    advice_max_findings: Annotated[int, Field(ge=1)] = 5
    advice_quotes_per_finding: Annotated[int, Field(ge=0)] = 2

    def __post_init__(self) -> None:
        """The privacy floor holds however settings are made: from YAML (checked above with
        the key named), but also built in code, by `dataclasses.replace` or read back from a
        scores.json."""
        if self.anonymity_threshold < MIN_ANONYMITY:
            raise ValueError(f"anonymity_threshold must be at least {MIN_ANONYMITY}, not {self.anonymity_threshold}")

    def band(self, mean: float | None) -> str | None:
        """strength / attention / concern, the reading a client gets of a mean score. The mean
        is read as the report prints it (one decimal), so that a printed 4,0 is never called
        an attention point."""
        if mean is None:
            return None
        mean = round(mean, 1)
        if mean >= self.band_strength:
            return "strength"
        if mean >= self.band_attention:
            return "attention"
        return "concern"

    def updated(self, overrides: dict[str, Any], source: Path, prefix: str = "") -> Settings:
        """These settings with `overrides` (as written in YAML: flat, or grouped as in
        defaults.yaml) laid over them; `ConfigProblems` names every wrong key of `source`,
        under `prefix` (e.g. 'settings' in a coalition.yaml)."""
        written = _flattened(overrides)
        known = {f.name for f in fields(self)}
        found = [Problem(_key(prefix, key), f"unknown setting{did_you_mean(key, _spellings())}")
                 for flat, (key, _) in written.items() if flat not in known]
        if found:
            raise ConfigProblems(source, found)
        try:
            settings = _ADAPTER.validate_python({**asdict(self), **{f: v for f, (_, v) in written.items()}})
        except ValidationError as exc:
            raise ConfigProblems(source, [Problem(_key(prefix, written.get(p.key, (_spelling(p.key), None))[0]),
                                                  p.message) for p in problems(exc)]) from None
        found = [Problem(_key(prefix, _spelling(low)), message) for low, message in settings.order_problems()]
        if found:
            raise ConfigProblems(source, found)
        return settings

    def order_problems(self) -> list[tuple[str, str]]:
        """(setting, why) for each pair of related settings in the wrong order."""
        pairs = [("band_attention", "band_strength", "be below"), ("governance_trust_density_low",
                 "governance_trust_density_high", "not be above"), ("governance_trust_centralisation_low",
                 "governance_trust_centralisation_high", "not be above"), ("governance_organisations_few",
                 "governance_organisations_many", "not be above"), ("governance_consensus_low",
                 "governance_consensus_high", "not be above"), ("governance_competence_need_low",
                 "governance_competence_need_high", "not be above"), ("advice_min_findings",
                 "advice_max_findings", "not be above")]
        out = []
        for low, high, rule in pairs:
            a, b = getattr(self, low), getattr(self, high)
            if a > b or (rule == "be below" and a == b):
                out.append((low, f"{a} must {rule} {_spelling(high)} ({b})"))
        return out


_ADAPTER = TypeAdapter(Settings)


def _flattened(overrides: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """Setting name -> (the key as written, value): `bands: {strength: 4}` is band_strength
    at 'bands.strength'."""
    out: dict[str, tuple[str, Any]] = {}
    for key, value in overrides.items():
        if isinstance(value, dict) and key in GROUPS:
            out.update({f"{GROUPS[key]}_{k}": (f"{key}.{k}", v) for k, v in value.items()})
        else:
            out[str(key)] = (str(key), value)
    return out


def _spelling(name: str) -> str:
    """How defaults.yaml writes a setting: band_strength is 'bands.strength'."""
    for group, flat in GROUPS.items():
        if name.startswith(f"{flat}_"):
            return f"{group}.{name.removeprefix(flat + '_')}"
    return name


def _spellings() -> list[str]:
    return [_spelling(f.name) for f in fields(Settings)] + [f.name for f in fields(Settings)]


def _key(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


@lru_cache(maxsize=1)
def default_settings() -> Settings:
    raw = load_yaml(DEFAULTS_FILE.read_text(encoding="utf-8")) or {}
    return Settings().updated(raw, DEFAULTS_FILE)
