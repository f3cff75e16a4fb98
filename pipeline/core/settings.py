"""Analysis settings: defaults from YAML, overridable per coalition."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.core.errors import ConfigError
from pipeline.core.paths import DEFAULTS_FILE


@dataclass(frozen=True)
class Settings:
    anonymity_threshold: int = 5
    completeness_threshold: float = 0.5
    min_items_per_construct: float = 0.5
    band_strength: float = 4.0
    band_attention: float = 3.0
    reliability_floor: float = 0.6
    gap_finding: float = 0.5
    roles_nobody_share: float = 0.35
    roles_holder_share: float = 0.25
    network_tie_intensity: float = 2.0
    network_high_trust: float = 3.0
    governance_trust_density_high: float = 0.6
    governance_trust_density_low: float = 0.3
    governance_organisations_few: int = 8
    governance_organisations_many: int = 15
    governance_consensus_high: float = 4.0
    governance_consensus_low: float = 3.5
    governance_competence_need_high: float = 4.0
    governance_competence_need_low: float = 3.0
    advice_min_findings: int = 3
    advice_max_findings: int = 5
    advice_quotes_per_finding: int = 3

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

    def updated(self, overrides: dict[str, Any], source: Path) -> Settings:
        flat: dict[str, Any] = {}
        for key, value in overrides.items():
            if isinstance(value, dict):  # a group: `bands: {strength: 4}` is band_strength
                prefix = "band" if key == "bands" else key
                flat.update({f"{prefix}_{k}": v for k, v in value.items()})
            else:
                flat[key] = value
        known = {f.name: f.type for f in fields(self)}
        unknown = sorted(set(flat) - set(known))
        if unknown:
            raise ConfigError(source, f"unknown setting(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        try:
            typed: dict[str, Any] = {k: (int(v) if known[k] == "int" else float(v)) for k, v in flat.items()}
        except (TypeError, ValueError) as exc:
            raise ConfigError(source, f"settings must be numbers: {exc}") from exc
        return replace(self, **typed)


@lru_cache(maxsize=1)
def default_settings() -> Settings:
    raw = yaml.safe_load(DEFAULTS_FILE.read_text(encoding="utf-8")) or {}
    return Settings().updated(raw, DEFAULTS_FILE)
