"""Regie en vorm: the governance mode a coalition declares, the one its members see, and how
each of the Provan & Kenis (2008) conditions relates to the declared mode.

The three modes: zelfregulerend (shared participant governance), leidende_organisatie (one
member hosts and leads) and netwerkbureau (a separate network administrative organisation,
NAO). Provan & Kenis name the conditions under which each mode is effective: trust (its
density, and for a lead organisation also that it is centred on that organisation), the
number of participants, goal consensus and the need for network-level competencies. The
verdict says per condition whether it fits the declared mode; conditions are not counted
against each other (a condition that does not fit is a topic for the conversation, however
many others fit). A mode is `fitting` only when every measured condition suits it.

Goal consensus and the need for coordination are means of tens of answers, with a 95%
interval. The level is read from the mean, as in Provan & Kenis's table; when the interval
reaches into another level (`level_low`, `level_high`) the level is "between" the two, and
when the levels it spans do not all give the same verdict for the declared mode, the verdict
is `unsure`: the condition may (not) fit, the data do not say which."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from pipeline.analysis.trust import TrustSpread
from pipeline.core.settings import Settings

SHARED, LEAD, NAO = "zelfregulerend", "leidende_organisatie", "netwerkbureau"
MODES = (NAO, LEAD, SHARED)
DONT_KNOW = "weet_niet"

# Provan & Kenis, Table 1: per condition, the level each mode calls for. A condition that is
# not part of a mode's profile is left out for that mode (trust centralisation says nothing
# about an NAO, which members monitor whatever the spread of trust between them).
PROFILE: dict[str, dict[str, tuple[str, ...]]] = {
    "trust_density": {SHARED: ("high",), LEAD: ("low",), NAO: ("moderate",)},
    "trust_centralisation": {SHARED: ("low",), LEAD: ("high",)},
    "organisations": {SHARED: ("few",), LEAD: ("moderate",), NAO: ("moderate", "many")},
    "goal_consensus": {SHARED: ("high",), LEAD: ("low",), NAO: ("moderate",)},
    "competence_need": {SHARED: ("low",), LEAD: ("moderate",), NAO: ("high",)},
}


@dataclass(frozen=True)
class Predictor:
    name: str              # trust_density | trust_centralisation | organisations | goal_consensus | competence_need
    value: float | None
    level: str | None      # low | moderate | high (organisations: few | moderate | many); None: not measured
    fits: tuple[str, ...]  # the modes this level suits
    fits_declared: bool | None   # does it suit the declared mode? None: not measured, or no condition of that mode
    level_low: str | None = None    # the level at the 95% interval's lower end (the level itself without one)
    level_high: str | None = None   # ... and at its upper end
    unsure: bool = False            # the levels the interval spans differ in whether they suit the declared mode

    @property
    def level_unsure(self) -> bool:
        """The interval reaches into another level: the level is 'between' two."""
        return self.level is not None and (self.level_low != self.level or self.level_high != self.level)


@dataclass(frozen=True)
class Host:
    """The organisation coalition.yaml names as lead organisation or network office."""

    code: str
    name: str
    actortype: str
    kind: str                        # lead_organisation | network_office
    trust_centre: bool | None        # among the organisations most trusted; None: trust not measured
    named: Mapping[str, float]       # role -> share of respondents naming it (its actor type; an office also
                                     # as the programme office)
    unnamed: bool                    # named by nobody for any role: a finding
    untied: bool | None = None       # no working tie with any organisation; None: ties not measured


@dataclass(frozen=True)
class Tension:
    """A Provan & Kenis tension the data speak to (rules in `pipeline.analysis.tensions`)."""

    name: str        # efficiency_inclusiveness | internal_external_legitimacy
    reading: str     # which rule spoke: the key of its sentence in the report


@dataclass(frozen=True)
class Governance:
    declared: str
    seen: Mapping[str, float]    # mode -> share of members naming it (of those naming a mode)
    seen_mode: str | None        # the mode most members see
    agreement: float | None      # share of members naming the mode most members see
    dont_know: float | None      # share answering "don't know"
    answered: int
    predictors: tuple[Predictor, ...]
    fit: tuple[str, ...]         # conditions that suit the declared mode
    misfit: tuple[str, ...]      # conditions that do not suit the declared mode
    fitting: str | None          # the mode every measured condition suits; None when no mode does
    mismatch: bool               # at least one measured condition does not suit the declared mode
    host: Host | None = None     # the named lead organisation or network office, if any
    tensions: tuple[Tension, ...] = ()
    unsure: tuple[str, ...] = ()  # conditions (of fit or misfit) whose interval spans a fitting and a misfitting level
    fitting_unsure: tuple[str, ...] = ()  # conditions whose interval reaches a level that does not suit `fitting`
    rated_pairs: int | None = None  # pairs of organisations whose trust was rated: the base of the trust density
    all_pairs: int | None = None    # ... of all pairs on the roster

    @property
    def named(self) -> int | None:
        """The respondents who named a mode ("don't know" left out): the base of `seen`."""
        if not self.answered:
            return None
        return round(self.answered * (1 - (self.dont_know or 0.0)))

    @property
    def sure_misfit(self) -> tuple[str, ...]:
        """The conditions that do not suit the declared mode, whatever their interval."""
        return tuple(n for n in self.misfit if n not in self.unsure)


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


def suits(name: str, level: str | None, mode: str) -> bool | None:
    """Whether a condition at this level suits the mode; None when unmeasured or not its condition."""
    wanted = PROFILE[name].get(mode)
    return None if level is None or wanted is None else level in wanted


ORDER = ("low", "moderate", "high")
Interval = tuple[float | None, float | None]


def _spanned(low: str | None, high: str | None) -> tuple[str, ...]:
    """The levels from `low` to `high` (low, moderate, high), both included."""
    if low not in ORDER or high not in ORDER:
        return ()
    return ORDER[ORDER.index(low):ORDER.index(high) + 1]


def predictors(trust: TrustSpread, organisations: int, consensus: float | None,
               competence_need: float | None, declared: str, s: Settings,
               intervals: Mapping[str, Interval] | None = None) -> list[Predictor]:
    """Each condition's level, the modes that level suits, and whether it suits the declared
    mode; for a condition with a 95% interval in `intervals` (goal_consensus, competence_need)
    also the levels at its ends and whether they agree on the verdict."""
    size = ("few" if organisations <= s.governance_organisations_few
            else "many" if organisations > s.governance_organisations_many else "moderate")
    values: dict[str, tuple[float | None, str | None]] = {
        "trust_density": (trust.density, _level(trust.density, s.governance_trust_density_low,
                                                s.governance_trust_density_high)),
        "trust_centralisation": (trust.centralisation, _level(trust.centralisation,
                                                              s.governance_trust_centralisation_low,
                                                              s.governance_trust_centralisation_high)),
        "organisations": (float(organisations), size),
        "goal_consensus": (consensus, _level(consensus, s.governance_consensus_low, s.governance_consensus_high)),
        "competence_need": (competence_need, _level(competence_need, s.governance_competence_need_low,
                                                    s.governance_competence_need_high)),
    }
    bounds = {"goal_consensus": (s.governance_consensus_low, s.governance_consensus_high),
              "competence_need": (s.governance_competence_need_low, s.governance_competence_need_high)}
    out = []
    for name, (value, level) in values.items():
        low_end, high_end = (intervals or {}).get(name, (None, None))
        ends = (_level(low_end, *bounds[name]), _level(high_end, *bounds[name])) if (
            name in bounds and level is not None and low_end is not None and high_end is not None) else (level, level)
        verdicts = {suits(name, lvl, declared) for lvl in _spanned(*ends)} - {None}
        out.append(Predictor(name, value, level, tuple(m for m in MODES if suits(name, level, m)),
                             suits(name, level, declared), ends[0], ends[1], len(verdicts) > 1))
    return out


def fitting_mode(found: list[Predictor], declared: str) -> str | None:
    """The mode every measured condition of its profile suits (the declared one first)."""
    for mode in (declared, *(m for m in MODES if m != declared)):
        verdicts = [suits(p.name, p.level, mode) for p in found]
        measured = [v for v in verdicts if v is not None]
        if measured and all(measured):
            return mode
    return None


def unsure_for(found: list[Predictor], mode: str | None) -> tuple[str, ...]:
    """The conditions whose interval reaches a level that does not suit `mode`."""
    if mode is None:
        return ()
    return tuple(p.name for p in found
                 if len({suits(p.name, lvl, mode) for lvl in _spanned(p.level_low, p.level_high)} - {None}) > 1)


def governance(declared: str, answers: pd.Series, trust: TrustSpread, organisations: int,
               consensus: float | None, competence_need: float | None, settings: Settings,
               host: Host | None = None, intervals: Mapping[str, Interval] | None = None) -> Governance:
    shares, seen, agreement, dont_know, answered = seen_modes(answers)
    found = predictors(trust, organisations, consensus, competence_need, declared, settings, intervals)
    fit = tuple(p.name for p in found if p.fits_declared is True)
    misfit = tuple(p.name for p in found if p.fits_declared is False)
    fitting = fitting_mode(found, declared)
    return Governance(declared, shares, seen, agreement, dont_know, answered, tuple(found), fit, misfit,
                      fitting, bool(misfit), host,
                      unsure=tuple(p.name for p in found if p.unsure and p.fits_declared is not None),
                      fitting_unsure=unsure_for(found, fitting),
                      rated_pairs=trust.rated_pairs if trust.density is not None else None,
                      all_pairs=organisations * (organisations - 1) // 2)
