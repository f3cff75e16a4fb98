"""A coalition's construct scores against two yardsticks here: an optional norm, and its own
previous wave (the firm's other coalitions: `pipeline.analysis.reference`). A difference with
the norm or the previous wave is only called a difference when chance is an unlikely
explanation, so that clients do not act on noise."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.analysis.scores import Summary, welch_p
from pipeline.core.norm_file import read_norm_file

NORM_FILE = "norm.yaml"     # a norm in the input folder is used without --norm


@dataclass(frozen=True)
class Norm:
    name: str
    constructs: dict[str, float]


@dataclass(frozen=True)
class NormComparison:
    norm: float
    difference: float
    direction: str | None    # higher | lower; None when the norm lies inside the 95% interval


@dataclass(frozen=True)
class Change:
    previous_wave: str
    previous_mean: float
    change: float
    p_value: float | None
    significant: bool        # larger than chance would explain (Welch t-test, p < .05)

    @property
    def current_mean(self) -> float:
        return self.previous_mean + self.change

    @property
    def printed(self) -> float:
        """The change as a reader works it out from the two means printed with one decimal."""
        return round(round(self.current_mean, 1) - round(self.previous_mean, 1), 1)


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


def changes_since(current: pd.DataFrame, previous: pd.DataFrame, wave: str) -> dict[str, Change]:
    """Per construct both waves measured (a column in both score tables), the change in mean
    respondent score since `wave`, with a Welch t-test."""
    changes = {}
    for construct in (c for c in current.columns if c in previous.columns):
        now, before = current[construct].dropna(), previous[construct].dropna()
        if len(now) < 2 or len(before) < 2:
            continue
        p = welch_p(now, before)
        changes[construct] = Change(wave, float(before.mean()), float(now.mean() - before.mean()), p,
                                    p is not None and p < 0.05)
    return changes


def not_compared(current: pd.DataFrame, previous: pd.DataFrame) -> tuple[str, ...]:
    """The constructs of this wave that the earlier wave did not measure, so have no change."""
    return tuple(c for c in current.columns if c not in previous.columns)
