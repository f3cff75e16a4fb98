"""A coalition's construct scores against two yardsticks here: an optional norm, and its own
previous wave (the firm's other coalitions: `pipeline.analysis.reference`).

A difference with the norm is only called one when the norm lies outside the 95% interval; a
change since the previous wave has one of three levels (`ChangeLevel`): clear when it is
Holm-significant over all constructs compared and at least the relevant size as printed (one
decimal), slight when Holm-significant but smaller, and none (no reliable change) otherwise,
with an interval that allows for clustering in organisations, so that clients do not act on
noise."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.analysis.clustered import Estimate, clustered_difference
from pipeline.analysis.differences import ALPHA, holm_adjust, is_clear
from pipeline.analysis.scores import Summary
from pipeline.core.norm_file import read_norm_file


@dataclass(frozen=True)
class Norm:
    name: str
    constructs: dict[str, float]


@dataclass(frozen=True)
class NormComparison:
    norm: float
    difference: float
    direction: str | None    # higher | lower; None when the norm lies inside the 95% interval


class ChangeLevel(enum.Enum):
    """How the report names a change: one vocabulary on the cards, in the table, the chart,
    the summary and the method section."""

    CLEAR = "clear"     # Holm-significant and at least the relevant size as printed: "duidelijk gestegen"
    SLIGHT = "slight"   # Holm-significant but smaller: "licht gestegen" (reliable, under the relevant size)
    NONE = "none"       # not Holm-significant: "geen betrouwbare verandering"


def change_level(significant: bool, clear: bool) -> ChangeLevel:
    return ChangeLevel.CLEAR if clear else ChangeLevel.SLIGHT if significant else ChangeLevel.NONE


@dataclass(frozen=True)
class Change:
    previous_wave: str
    previous_mean: float
    change: float
    p_value: float | None    # before correction
    significant: bool        # Holm-corrected p < .05 over the constructs compared
    n_previous: int = 0      # respondents with a score, previous wave
    n_current: int = 0       # ... and this wave
    low: float | None = None     # 95% interval of the change, clustered in organisations
    high: float | None = None
    p_holm: float | None = None  # Holm-corrected over every construct compared
    clear: bool = False      # significant and at least the relevant size (setting gap_finding)
    level: ChangeLevel = ChangeLevel.NONE   # clear, slight (significant, smaller) or none

    def __post_init__(self) -> None:
        # the level follows from `significant` and `clear`, so it can never disagree with them
        object.__setattr__(self, "level", change_level(self.significant, self.clear))

    @property
    def current_mean(self) -> float:
        return self.previous_mean + self.change

    @property
    def printed(self) -> float:
        """The change as every page prints it, and as `clear` judges it: computed from the
        unrounded means, then rounded to one decimal (the development table says so, since
        2,7 → 3,1 may print as +0,5)."""
        return round(self.change, 1)


def load_norm(path: Path) -> Norm:
    """A norm file: `name:` and `constructs: {code: mean}` (e.g. a national average), checked
    by `pipeline.core.norm_file`."""
    spec = read_norm_file(path)
    return Norm(spec.name, dict(spec.constructs))


def norm_comparisons(constructs: dict[str, Summary], norm: Norm) -> dict[str, NormComparison]:
    out = {}
    for code, reference in norm.constructs.items():
        summary = constructs.get(code)
        if summary is None or summary.mean is None:
            continue
        direction = None
        if summary.ci_low is not None and reference < summary.ci_low:
            direction = "higher"
        elif summary.ci_high is not None and reference > summary.ci_high:
            direction = "lower"
        out[code] = NormComparison(reference, summary.mean - reference, direction)
    return out


def changes_since(current: pd.DataFrame, previous: pd.DataFrame, wave: str,
                  organisations: tuple[pd.Series, pd.Series] | None = None, relevant: float = 0.5,
                  ) -> dict[str, Change]:
    """Per construct both waves measured (a column in both score tables), the change in mean
    respondent score since `wave`: with a 95% interval clustered in organisations
    (`organisations`: per respondent, this wave's and the previous one's), Holm-corrected
    over the constructs compared, and clear when significant and at least `relevant` points
    (as printed); `level` says clear, slight or none."""
    now_all = current.set_axis([f"now-{i}" for i in range(len(current))])
    before_all = previous.set_axis([f"before-{i}" for i in range(len(previous))])
    clusters = None
    if organisations is not None:
        clusters = pd.concat([organisations[0].astype(str).set_axis(now_all.index),
                              organisations[1].astype(str).set_axis(before_all.index)])
    found: dict[str, tuple[pd.Series, pd.Series, Estimate]] = {}
    for construct in (c for c in current.columns if c in previous.columns):
        now, before = now_all[construct].dropna(), before_all[construct].dropna()
        estimate = clustered_difference(now, before, clusters)
        if estimate is not None:
            found[construct] = (now, before, estimate)
    corrected = holm_adjust([e.p_value for _, _, e in found.values()])
    changes = {}
    for (construct, (now, before, e)), p in zip(found.items(), corrected, strict=True):
        changes[construct] = Change(wave, float(before.mean()), e.value, e.p_value, p is not None and p < ALPHA,
                                    len(before), len(now), e.low, e.high, p, is_clear(p, e.value, relevant))
    return changes


def not_compared(current: pd.DataFrame, previous: pd.DataFrame) -> tuple[str, ...]:
    """The constructs of this wave that the earlier wave did not measure, so have no change."""
    return tuple(c for c in current.columns if c not in previous.columns)
