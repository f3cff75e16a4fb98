"""Differences between groups that a report may call clear.

Picking the largest of many gaps and then testing it finds "differences" in pure noise: with
two breakdowns, five groups and fifteen constructs there are 150 comparisons. So every group is
compared with the rest of the respondents on every tested construct, each difference gets a
95% interval that allows for clustering in organisations (`pipeline.analysis.clustered`) and a
standardised size (Hedges' g, with the same interval scaled), and the p-values are corrected
together with Holm's method over every construct and breakdown of the report. A difference is
*clear* only when it is Holm-significant (corrected p < .05) and at least the relevant size
in points as printed (one decimal; setting `gap_finding`, 0.5 by default): a reliable difference too small to act on
is not news, and neither is a large one that chance explains."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd
from statsmodels.stats.multitest import multipletests

from pipeline.analysis.clustered import clustered_difference, hedges_scale

ALPHA = 0.05


@dataclass(frozen=True)
class GroupDifference:
    """One group against the rest of the respondents on one construct."""

    construct: str
    group: str
    n: int                       # the group's scores
    n_rest: int                  # the other respondents' scores
    difference: float            # group mean − rest mean, points
    low: float | None            # 95% interval of the difference (clustered)
    high: float | None
    g: float | None              # Hedges' g, with the difference's interval scaled alike
    g_low: float | None
    g_high: float | None
    p_value: float | None        # before correction
    p_holm: float | None         # Holm-corrected over every comparison of the report
    clear: bool                  # p_holm < .05 and |difference| >= the relevant size


def against_rest(values: pd.Series, groups: pd.Series, group: str, construct: str,
                 organisations: pd.Series | None, relevant: float) -> GroupDifference | None:
    """`group`'s scores against everyone else's in `groups` (labels by respondent); None when
    either side has fewer than two scores. Not yet corrected: `p_holm` is the raw p-value."""
    inside, rest = values[groups == group].dropna(), values[groups != group].dropna()
    estimate = clustered_difference(inside, rest, organisations)
    if estimate is None:
        return None
    scale = hedges_scale(inside, rest)

    def scaled(x: float | None) -> float | None:
        return None if x is None or scale is None else x * scale

    return GroupDifference(construct, group, len(inside), len(rest), estimate.value, estimate.low, estimate.high,
                           scaled(estimate.value), scaled(estimate.low), scaled(estimate.high),
                           estimate.p_value, estimate.p_value,
                           is_clear(estimate.p_value, estimate.value, relevant))


def is_clear(p_corrected: float | None, difference: float, relevant: float) -> bool:
    """Corrected-significant and at least `relevant` points as printed (one decimal), so that a
    printed +0,5 is never "not clear" for being 0.49."""
    return p_corrected is not None and p_corrected < ALPHA and abs(round(difference, 1)) >= relevant


def holm_adjust(p_values: Sequence[float | None]) -> list[float | None]:
    """Holm-corrected p-values (statsmodels), None where there was no test."""
    tested = [p for p in p_values if p is not None]
    if not tested:
        return [None for _ in p_values]
    corrected = iter(float(p) for p in multipletests(tested, alpha=ALPHA, method="holm")[1])
    return [None if p is None else next(corrected) for p in p_values]


def holm(found: Sequence[GroupDifference], relevant: float) -> list[GroupDifference]:
    """`found` with `p_holm` and `clear` from one Holm correction over all of them; pass the
    differences of every breakdown at once (their raw `p_value` is kept)."""
    corrected = holm_adjust([d.p_value for d in found])
    return [replace(d, p_holm=p, clear=is_clear(p, d.difference, relevant))
            for d, p in zip(found, corrected, strict=True)]
