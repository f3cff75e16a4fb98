"""Intervals that allow for respondents clustered in organisations.

People of one organisation answer alike, so thirty answers from five organisations carry less
information than thirty independent ones, and a textbook interval is too narrow. Means and
differences here get cluster-robust standard errors (those of OLS with `cov_type="cluster"` in
statsmodels, CR1: the organisation as cluster, a t distribution with clusters − 1 degrees of
freedom), computed in closed form: for a mean and a difference of two means the sandwich is a
sum of residuals per organisation, so no model is fitted (a test holds it to statsmodels). With fewer
than `MIN_CLUSTERS` organisations a cluster-robust error cannot be estimated; and because it
can come out *smaller* than the simple one by chance, the wider of the two is used: an interval
is never narrower than the one that ignores clustering."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

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


def _cluster_se(influence: np.ndarray, clusters: np.ndarray, parameters: int) -> tuple[float, float] | None:
    """(standard error, degrees of freedom) of a coefficient, cluster-robust (CR1, as
    statsmodels' `cov_type="cluster"`), from each observation's `influence` on it: its residual
    times its row of (X'X)⁻¹X'. The sandwich is the sum over clusters of the squared cluster
    sums, times G/(G − 1) · (n − 1)/(n − k). None when there are too few clusters. A missing
    organisation counts as one cluster of its own (statsmodels refuses it)."""
    codes = pd.factorize(clusters)[0]          # NaN: -1
    sums = np.bincount(codes + 1, weights=influence)
    groups = int(np.count_nonzero(np.bincount(codes + 1)))
    if groups < MIN_CLUSTERS:
        return None
    n = len(influence)
    variance = float(sums @ sums) * groups / (groups - 1) * (n - 1) / (n - parameters)
    se = math.sqrt(variance) if variance >= 0 else math.nan
    if not math.isfinite(se):
        return None
    return se, float(groups - 1)


def _interval(value: float, se: float, df: float) -> tuple[float, float, float | None]:
    """The t interval and two-sided p-value. `special.stdtrit` and `stdtr` are what
    `scipy.stats.t.ppf` and `.sf` compute, without their argument checks per call and
    without importing scipy.stats (half a second in every fresh kernel); scipy is imported
    here, so that the batch's own process, which reads results and computes none, never loads it."""
    from scipy import special

    if se == 0:
        return value, value, None
    half = float(special.stdtrit(df, 0.5 + LEVEL / 2)) * se
    p = float(2 * special.stdtr(df, -abs(value) / se))
    return value - half, value + half, p


def _clusters_of(clusters: pd.Series, index: pd.Index, present: np.ndarray) -> np.ndarray:
    """The cluster of each value of `index` where `present`: by position when `clusters` has
    that very index (every summary's case), which spares a reindex per summary; else by label."""
    kept: np.ndarray = (clusters.to_numpy()[present] if clusters.index.equals(index)
                        else clusters.reindex(index[present]).to_numpy())
    return kept


def clustered_mean(values: pd.Series, clusters: pd.Series | None) -> Estimate | None:
    """The mean of `values` (NaN left out) with a 95% interval, wider of simple and clustered."""
    y = values.to_numpy(dtype=float)
    present = ~np.isnan(y)
    y = y[present]
    n = len(y)
    if n == 0:
        return None
    mean = float(y.mean())
    if n < 2:
        return Estimate(mean, None, None, None)
    se = float(y.std(ddof=1) / math.sqrt(n))
    df = float(n - 1)
    if clusters is not None:
        fit = _cluster_se((y - y.mean()) / n, _clusters_of(clusters, values.index, present), 1)
        if fit is not None and fit[0] > se:
            se, df = fit
    low, high, _ = _interval(mean, se, df)
    return Estimate(mean, low, high, None)


def clustered_difference(a: pd.Series, b: pd.Series, clusters: pd.Series | None) -> Estimate | None:
    """Mean of `a` minus mean of `b`, with a 95% interval and p-value: Welch's when that is
    the wider, else cluster-robust (`clusters` holds the organisation of every respondent of
    both, by index; a respondent in both `a` and `b`, as in two waves, is told apart by position)."""
    a, b = a.dropna(), b.dropna()
    if clusters is None:
        return difference(a.to_numpy(dtype=float), b.to_numpy(dtype=float), None, None)
    return difference(a.to_numpy(dtype=float), b.to_numpy(dtype=float), clusters.reindex(a.index).to_numpy(),
                      clusters.reindex(b.index).to_numpy())


def difference(a: np.ndarray, b: np.ndarray, clusters_a: np.ndarray | None,
               clusters_b: np.ndarray | None) -> Estimate | None:
    """`clustered_difference` of two arrays without missing values, the organisation of each
    value in `clusters_a` and `clusters_b` (or no clustering: None)."""
    if len(a) < 2 or len(b) < 2:
        return None
    mean_a, mean_b = float(a.mean()), float(b.mean())
    value = mean_a - mean_b
    va, vb = float(a.var(ddof=1)), float(b.var(ddof=1))
    se = math.sqrt(va / len(a) + vb / len(b))
    if se > 0:
        df = se ** 4 / ((va / len(a)) ** 2 / (len(a) - 1) + (vb / len(b)) ** 2 / (len(b) - 1))
    else:
        df = float(len(a) + len(b) - 2)
    if clusters_a is not None and clusters_b is not None:
        # the coefficient of "in a" in y ~ 1 + in_a: each row of (X'X)⁻¹X' is 1/n_a in a, −1/n_b in b
        influence = np.concatenate([(a - mean_a) / len(a), -(b - mean_b) / len(b)])
        fit = _cluster_se(influence, np.concatenate([clusters_a, clusters_b]), 2)
        if fit is not None and fit[0] > se:
            se, df = fit
    low, high, p = _interval(value, se, df)
    return Estimate(value, low, high, p)


def hedges_scale(a: pd.Series, b: pd.Series) -> float | None:
    """The factor J / pooled sd that turns a difference in points (a − b) into Hedges' g; the
    interval of g is that of the difference times this factor, so it carries the clustering.
    None when either side has fewer than two values or there is no spread."""
    return hedges_factor(a.dropna().to_numpy(dtype=float), b.dropna().to_numpy(dtype=float))


def hedges_factor(a: np.ndarray, b: np.ndarray) -> float | None:
    """`hedges_scale` of two arrays without missing values."""
    na, nb = len(a), len(b)
    if na < 2 or nb < 2:
        return None
    pooled = math.sqrt(((na - 1) * float(a.var(ddof=1)) + (nb - 1) * float(b.var(ddof=1))) / (na + nb - 2))
    if pooled == 0:
        return None
    return correction(na + nb - 2) / pooled


def correction(df: int) -> float:
    """Hedges' J, the exact small-sample correction: Γ(df/2) / (√(df/2) Γ((df−1)/2))."""
    return math.exp(math.lgamma(df / 2) - math.log(math.sqrt(df / 2)) - math.lgamma((df - 1) / 2))
