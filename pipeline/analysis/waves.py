"""The development of a coalition across its waves, beyond the change per construct
(`pipeline.analysis.comparisons.changes_since`).

A change between waves can come from who answered (more board members this year) rather than
from the network. So each wave's respondents are described by position and actor type, and the
shift between the last two is measured as the total variation distance (half the sum of the
absolute differences in shares: the share of respondents that would have to change category
to turn one mix into the other). From the setting `composition_shift` (0.2 by default) on, the
report warns that part of a change may be a change of who answered. With three or more waves
each construct gets its mean per wave (a trend); the leadership roles and the governance mode
members see are set beside their previous measurement where both waves measured them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from pipeline.analysis.coverage import Coverage, measured_parts
from pipeline.analysis.governance import seen_modes
from pipeline.analysis.roles import role_fillings
from pipeline.core.instrument import Instrument
from pipeline.core.settings import Settings

MIX = ("positie", "actortype")
MIN_TREND_WAVES = 3


@dataclass(frozen=True)
class WaveMix:
    """Who answered in one wave."""

    wave: str
    n: int                                                # usable responses
    shares: Mapping[str, Mapping[str, float]]             # positie | actortype -> category -> share


@dataclass(frozen=True)
class RoleChange:
    """A leadership role's filling now and at the previous wave."""

    previous: str                                         # filled | single_group | unfilled
    current: str


@dataclass(frozen=True)
class Development:
    waves: tuple[WaveMix, ...]                            # oldest first, this wave last
    shift: Mapping[str, float]                            # positie | actortype -> total variation distance
    shifted: bool                                         # a shift at or above `composition_shift`
    trend: Mapping[str, Mapping[str, float]]              # construct -> wave -> mean (three or more waves)
    roles: Mapping[str, RoleChange]                       # roles measured in both waves
    governance: tuple[str, str] | None                    # mode most members see: previous, now


def mix(frame: pd.DataFrame, wave: str) -> WaveMix:
    shares = {by: {str(k): float(v) for k, v in frame[by].dropna().astype(str).value_counts(normalize=True)
                   .sort_index().items()} for by in MIX if by in frame}
    return WaveMix(wave, len(frame), shares)


def total_variation(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Half the sum of absolute differences in shares: 0 for the same mix, 1 for disjoint ones.
    Summed in a fixed order, so that two runs give the same last digit (a set's order is not)."""
    return 0.5 * sum(abs(a.get(k, 0.0) - b.get(k, 0.0)) for k in sorted(set(a) | set(b)))


def trend(scores: Mapping[str, pd.DataFrame]) -> dict[str, dict[str, float]]:
    """Construct -> wave -> mean score, for the constructs every wave measured; empty with fewer
    than three waves (two waves are a change, not a trend)."""
    if len(scores) < MIN_TREND_WAVES:
        return {}
    common = [c for c in next(iter(scores.values())).columns if all(c in s for s in scores.values())]
    out = {}
    for construct in common:
        means = {wave: s[construct].mean() for wave, s in scores.items()}
        if all(pd.notna(m) for m in means.values()):
            out[construct] = {wave: float(m) for wave, m in means.items()}
    return out


def _roles(frames: Sequence[pd.DataFrame], asked: Sequence[Iterable[str]], instrument: Instrument,
           settings: Settings) -> dict[str, RoleChange]:
    """Each role's filling in both waves, when both measured who fills the roles."""
    if any(measured_parts(f, a, instrument).roles is not Coverage.MEASURED for f, a in zip(frames, asked, strict=True)):
        return {}
    before, now = (role_fillings(f, instrument, settings.roles_nobody_share, settings.roles_holder_share)
                   for f in frames)
    return {role: RoleChange(before[role].status, now[role].status) for role in now
            if role in before and "unknown" not in (before[role].status, now[role].status)}


def development(frames: Mapping[str, pd.DataFrame], asked: Mapping[str, Iterable[str]],
                scores: Mapping[str, pd.DataFrame], instrument: Instrument, settings: Settings) -> Development:
    """`frames`, `asked` (the columns each file had) and `scores` (respondent construct scores)
    per wave, oldest first, this wave last; at least two waves."""
    waves = list(frames)
    mixes = tuple(mix(frames[w], w) for w in waves)
    last, previous = mixes[-1], mixes[-2]
    shift = {by: total_variation(previous.shares[by], last.shares[by]) for by in MIX
             if by in previous.shares and by in last.shares}
    before, now = frames[waves[-2]], frames[waves[-1]]
    seen = [seen_modes(f["regievorm"])[1] if "regievorm" in f else None for f in (before, now)]
    return Development(
        waves=mixes, shift=shift, shifted=any(v >= settings.composition_shift for v in shift.values()),
        trend=trend(scores),
        roles=_roles([before, now], [asked[waves[-2]], asked[waves[-1]]], instrument, settings),
        governance=(seen[0], seen[1]) if seen[0] is not None and seen[1] is not None else None)
