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

import numpy as np
import pandas as pd

from pipeline.analysis.clustered import difference, hedges_factor

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
    orgs = None if organisations is None else organisations.reindex(values.index).to_numpy()
    return rest_difference(values.to_numpy(dtype=float), groups.reindex(values.index).to_numpy() == group, orgs,
                           group, construct, relevant)


def rest_difference(values: np.ndarray, inside: np.ndarray, organisations: np.ndarray | None, group: str,
                    construct: str, relevant: float) -> GroupDifference | None:
    """`against_rest` on arrays: the scores (NaN: none), which are the group's, and each
    respondent's organisation (or None)."""
    present = ~np.isnan(values)
    in_group, rest = inside & present, ~inside & present
    estimate = difference(values[in_group], values[rest], None if organisations is None else organisations[in_group],
                          None if organisations is None else organisations[rest])
    if estimate is None:
        return None
    scale = hedges_factor(values[in_group], values[rest])

    def scaled(x: float | None) -> float | None:
        return None if x is None or scale is None else x * scale

    return GroupDifference(construct, group, int(in_group.sum()), int(rest.sum()), estimate.value, estimate.low,
                           estimate.high, scaled(estimate.value), scaled(estimate.low), scaled(estimate.high),
                           estimate.p_value, estimate.p_value,
                           is_clear(estimate.p_value, estimate.value, relevant))


def is_clear(p_corrected: float | None, difference: float, relevant: float) -> bool:
    """Corrected-significant and at least `relevant` points as printed (one decimal), so that a
    printed +0,5 is never "not clear" for being 0.49."""
    return p_corrected is not None and p_corrected < ALPHA and abs(round(difference, 1)) >= relevant


def holm_adjust(p_values: Sequence[float | None]) -> list[float | None]:
    """Holm-corrected p-values, None where there was no test: sorted from the smallest, the
    i-th (from 0) of m times m − i, never less than the one before, at most 1 (as statsmodels'
    `multipletests(method="holm")`, which a test holds it to)."""
    tested = np.array([p for p in p_values if p is not None], dtype=float)
    if not len(tested):
        return [None for _ in p_values]
    order = np.argsort(tested)
    adjusted = np.maximum.accumulate(tested[order] * np.arange(len(tested), 0, -1))
    adjusted[adjusted > 1] = 1
    unsorted = np.empty_like(adjusted)
    unsorted[order] = adjusted
    corrected = iter(float(p) for p in unsorted)
    return [None if p is None else next(corrected) for p in p_values]


def holm(found: Sequence[GroupDifference], relevant: float) -> list[GroupDifference]:
    """`found` with `p_holm` and `clear` from one Holm correction over all of them; pass the
    differences of every breakdown at once (their raw `p_value` is kept)."""
    corrected = holm_adjust([d.p_value for d in found])
    return [replace(d, p_holm=p, clear=is_clear(p, d.difference, relevant))
            for d, p in zip(found, corrected, strict=True)]
