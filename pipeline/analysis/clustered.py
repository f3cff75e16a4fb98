"""Intervals that allow for respondents clustered in organisations.

People of one organisation answer alike, so thirty answers from five organisations carry less
information than thirty independent ones, and a textbook interval is too narrow. Means and
differences here get cluster-robust standard errors (OLS with `cov_type="cluster"`, the
organisation as cluster, a t distribution with clusters − 1 degrees of freedom). With fewer
than `MIN_CLUSTERS` organisations a cluster-robust error cannot be estimated; and because it
can come out *smaller* than the simple one by chance, the wider of the two is used: an interval
is never narrower than the one that ignores clustering."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.linear_model import OLS

MIN_CLUSTERS = 3     # two organisations give one degree of freedom: no interval worth printing
LEVEL = 0.95


@dataclass(frozen=True)
class Estimate:
    """A mean or a difference with its 95% interval and (for a difference) the p-value of
    the test that it is zero."""

    value: float
    low: float | None
    high: float | None
    p_value: float | None


def _cluster_fit(y: np.ndarray, design: np.ndarray, clusters: np.ndarray) -> tuple[float, float, float] | None:
    """(coefficient, standard error, degrees of freedom) of the last column of `design`,
    cluster-robust; None when there are too few clusters to estimate it."""
    codes = pd.factorize(clusters)[0]
    groups = len(set(codes))
    if groups < MIN_CLUSTERS:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = OLS(y, design).fit(cov_type="cluster", cov_kwds={"groups": codes}, use_t=True)
    se = float(fit.bse[-1])
    if not math.isfinite(se):
        return None
    return float(fit.params[-1]), se, float(groups - 1)


def _interval(value: float, se: float, df: float) -> tuple[float, float, float | None]:
    if se == 0:
        return value, value, None
    half = float(stats.t.ppf(0.5 + LEVEL / 2, df)) * se
    p = float(2 * stats.t.sf(abs(value) / se, df))
    return value - half, value + half, p


def clustered_mean(values: pd.Series, clusters: pd.Series | None) -> Estimate | None:
    """The mean of `values` (NaN left out) with a 95% interval, wider of simple and clustered."""
    kept = values.dropna()
    n = len(kept)
    if n == 0:
        return None
    mean = float(kept.mean())
    if n < 2:
        return Estimate(mean, None, None, None)
    y = kept.to_numpy(dtype=float)
    se = float(y.std(ddof=1) / math.sqrt(n))
    df = float(n - 1)
    if clusters is not None:
        fit = _cluster_fit(y, np.ones((n, 1)), clusters.reindex(kept.index).to_numpy())
        if fit is not None and fit[1] > se:
            _, se, df = fit
    low, high, _ = _interval(mean, se, df)
    return Estimate(mean, low, high, None)


def clustered_difference(a: pd.Series, b: pd.Series, clusters: pd.Series | None) -> Estimate | None:
    """Mean of `a` minus mean of `b`, with a 95% interval and p-value: Welch's when that is
    the wider, else cluster-robust (`clusters` holds the organisation of every respondent of
    both, by index; a respondent in both `a` and `b`, as in two waves, is told apart by position)."""
    a, b = a.dropna(), b.dropna()
    if len(a) < 2 or len(b) < 2:
        return None
    difference = float(a.mean() - b.mean())
    va, vb = float(a.var(ddof=1)), float(b.var(ddof=1))
    se = math.sqrt(va / len(a) + vb / len(b))
    if se > 0:
        df = se ** 4 / ((va / len(a)) ** 2 / (len(a) - 1) + (vb / len(b)) ** 2 / (len(b) - 1))
    else:
        df = float(len(a) + len(b) - 2)
    if clusters is not None:
        y = np.concatenate([a.to_numpy(dtype=float), b.to_numpy(dtype=float)])
        design = np.column_stack([np.ones(len(y)), np.r_[np.ones(len(a)), np.zeros(len(b))]])
        groups = np.concatenate([clusters.reindex(a.index).to_numpy(), clusters.reindex(b.index).to_numpy()])
        fit = _cluster_fit(y, design, groups)
        if fit is not None and fit[1] > se:
            _, se, df = fit
    low, high, p = _interval(difference, se, df)
    return Estimate(difference, low, high, p)


def hedges_scale(a: pd.Series, b: pd.Series) -> float | None:
    """The factor J / pooled sd that turns a difference in points (a − b) into Hedges' g; the
    interval of g is that of the difference times this factor, so it carries the clustering.
    None when either side has fewer than two values or there is no spread."""
    a, b = a.dropna(), b.dropna()
    na, nb = len(a), len(b)
    if na < 2 or nb < 2:
        return None
    pooled = math.sqrt(((na - 1) * a.var(ddof=1) + (nb - 1) * b.var(ddof=1)) / (na + nb - 2))
    if pooled == 0:
        return None
    return correction(na + nb - 2) / pooled


def correction(df: int) -> float:
    """Hedges' J, the exact small-sample correction: Γ(df/2) / (√(df/2) Γ((df−1)/2))."""
    return math.exp(math.lgamma(df / 2) - math.log(math.sqrt(df / 2)) - math.lgamma((df - 1) / 2))
