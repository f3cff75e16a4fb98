"""Regie en vorm: the governance mode a coalition declares, the one its members see, and the
one its conditions fit (Provan & Kenis, 2008).

The three modes: zelfregulerend (shared participant governance), leidende_organisatie (one
member hosts and leads) and netwerkbureau (a separate network administrative organisation).
Each of the four measured conditions points to the mode(s) it suits; the mode with the most
support fits best. When the evidence is split evenly, the declared mode is kept: a mismatch
is only reported when the conditions clearly favour another mode."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from pipeline.core.settings import Settings

SHARED, LEAD, NAO = "zelfregulerend", "leidende_organisatie", "netwerkbureau"
MODES = (NAO, LEAD, SHARED)
DONT_KNOW = "weet_niet"


@dataclass(frozen=True)
class Predictor:
    name: str            # trust_density | organisations | goal_consensus | competence_need
    value: float | None
    level: str | None    # low | moderate | high (organisations: few | moderate | many)
    fits: tuple[str, ...]  # the modes this level suits


@dataclass(frozen=True)
class Governance:
    declared: str
    seen: Mapping[str, float]    # mode -> share of members naming it (of those naming a mode)
    seen_mode: str | None        # the mode most members see
    agreement: float | None      # share of members naming the mode most members see
    dont_know: float | None      # share answering "don't know"
    answered: int
    predictors: tuple[Predictor, ...]
    support: Mapping[str, float] # mode -> how many conditions point to it
    fitting: str | None
    mismatch: bool


def seen_modes(answers: pd.Series) -> tuple[dict[str, float], str | None, float | None, float | None, int]:
    given = answers.dropna()
    named = given[given != DONT_KNOW]
    shares = {m: float((named == m).mean()) for m in MODES} if len(named) else {}
    seen = max(MODES, key=lambda m: shares[m]) if shares else None
    dont_know = float((given == DONT_KNOW).mean()) if len(given) else None
    return shares, seen, (shares[seen] if seen else None), dont_know, len(given)


def _level(value: float | None, low: float, high: float) -> str | None:
    if value is None:
        return None
    return "high" if value >= high else "low" if value < low else "moderate"


def predictors(trust_density: float | None, organisations: int, consensus: float | None,
               competence_need: float | None, s: Settings) -> list[Predictor]:
    """The Provan & Kenis table: each condition's level and the modes that level suits."""
    trust = _level(trust_density, s.governance_trust_density_low, s.governance_trust_density_high)
    size = ("few" if organisations <= s.governance_organisations_few
            else "many" if organisations > s.governance_organisations_many else "moderate")
    goals = _level(consensus, s.governance_consensus_low, s.governance_consensus_high)
    need = _level(competence_need, s.governance_competence_need_low, s.governance_competence_need_high)
    suits: dict[str, dict[str, tuple[str, ...]]] = {
        "trust_density": {"high": (SHARED,), "moderate": (NAO,), "low": (LEAD,)},
        "organisations": {"few": (SHARED,), "moderate": (LEAD, NAO), "many": (NAO,)},
        "goal_consensus": {"high": (SHARED,), "moderate": (NAO,), "low": (LEAD,)},
        "competence_need": {"low": (SHARED,), "moderate": (LEAD,), "high": (NAO,)},
    }
    values: dict[str, tuple[float | None, str | None]] = {
        "trust_density": (trust_density, trust), "organisations": (float(organisations), size),
              "goal_consensus": (consensus, goals), "competence_need": (competence_need, need)}
    return [Predictor(name, value, level, suits[name][level] if level else ())
            for name, (value, level) in values.items()]


def fitting_mode(found: list[Predictor], declared: str) -> tuple[dict[str, float], str | None]:
    support = {m: 0.0 for m in MODES}
    for predictor in found:
        for mode in predictor.fits:
            support[mode] += 1 / len(predictor.fits)
    if not any(support.values()):
        return support, None
    best = max(support.values())
    leaders = [m for m in MODES if support[m] == best]
    return support, declared if declared in leaders else leaders[0]


def governance(declared: str, answers: pd.Series, trust_density: float | None, organisations: int,
               consensus: float | None, competence_need: float | None, settings: Settings) -> Governance:
    shares, seen, agreement, dont_know, answered = seen_modes(answers)
    found = predictors(trust_density, organisations, consensus, competence_need, settings)
    support, fitting = fitting_mode(found, declared)
    return Governance(declared, shares, seen, agreement, dont_know, answered, tuple(found), support, fitting,
                      fitting is not None and fitting != declared)
