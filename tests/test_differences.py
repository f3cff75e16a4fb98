"""Intervals, Holm, Hedges' g, changes between waves and the mix of respondents, each checked
against an independent computation (by hand from the formula, or scipy/statsmodels called
directly), not against numbers taken from the code's own output."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from pipeline.analysis.clustered import clustered_difference, clustered_mean, hedges_scale
from pipeline.analysis.comparisons import changes_since
from pipeline.analysis.differences import holm_adjust
from pipeline.analysis.groups import group_table
from pipeline.analysis.scores import summarise
from pipeline.analysis.waves import development, total_variation, trend
from pipeline.core.instrument import load_instrument
from pipeline.core.settings import Settings

rng = np.random.default_rng(7)


def clustered_fixture(clusters: int = 6, per: int = 8, icc_shift: float = 0.8) -> tuple[pd.Series, pd.Series]:
    """Scores where people of one organisation answer alike (an organisation effect)."""
    effects = rng.normal(0, icc_shift, clusters)
    values = np.concatenate([3.5 + e + rng.normal(0, 0.5, per) for e in effects])
    orgs = np.repeat([f"o{i}" for i in range(clusters)], per)
    return pd.Series(values), pd.Series(orgs)


def test_the_clustered_interval_of_a_mean_is_the_cr1_sandwich_by_hand():
    values, orgs = clustered_fixture()
    n, g = len(values), orgs.nunique()
    residuals = values - values.mean()
    meat = sum(residuals[orgs == o].sum() ** 2 for o in orgs.unique())
    variance = g / (g - 1) * (n - 1) / (n - 1) * meat / n ** 2      # CR1 with one parameter
    half = stats.t.ppf(0.975, g - 1) * math.sqrt(variance)
    estimate = clustered_mean(values, orgs)
    assert estimate is not None
    assert (estimate.low, estimate.high) == (pytest.approx(values.mean() - half), pytest.approx(values.mean() + half))
    naive = stats.t.ppf(0.975, n - 1) * values.std(ddof=1) / math.sqrt(n)
    assert estimate.high - estimate.low > 2 * naive                 # clustering widens it


def test_an_interval_is_never_narrower_than_the_ordinary_one():
    # every organisation has the same mix of answers: clustering adds nothing, the t-interval stands
    values = pd.Series([2.0, 3.0, 4.0, 5.0] * 5)
    orgs = pd.Series(np.repeat([f"o{i}" for i in range(5)], 4))
    estimate = clustered_mean(values, orgs)
    ordinary = stats.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=stats.sem(values))
    assert estimate is not None and (estimate.low, estimate.high) == pytest.approx(ordinary)


def test_without_clusters_a_difference_is_welchs():
    a, b = pd.Series(rng.normal(3.8, 0.6, 14)), pd.Series(rng.normal(3.2, 0.9, 11))
    estimate = clustered_difference(a, b, None)
    welch = stats.ttest_ind(a, b, equal_var=False)
    interval = welch.confidence_interval(0.95)
    assert estimate is not None
    assert estimate.value == pytest.approx(a.mean() - b.mean())
    assert (estimate.low, estimate.high) == (pytest.approx(interval.low), pytest.approx(interval.high))
    assert estimate.p_value == pytest.approx(welch.pvalue)


def test_hedges_g_is_the_textbook_formula():
    a, b = pd.Series(rng.normal(4, 0.7, 9)), pd.Series(rng.normal(3.4, 0.7, 12))
    df = len(a) + len(b) - 2
    pooled = math.sqrt(((len(a) - 1) * a.var() + (len(b) - 1) * b.var()) / df)
    approximate_j = 1 - 3 / (4 * df - 1)                             # Hedges & Olkin's approximation
    scale = hedges_scale(a, b)
    assert scale is not None
    assert (a.mean() - b.mean()) * scale == pytest.approx((a.mean() - b.mean()) / pooled * approximate_j, rel=1e-3)


def test_holm_by_hand():
    p = [0.01, None, 0.04, 0.03, 0.005]
    # sorted 0.005, 0.01, 0.03, 0.04 (m = 4): ×4, ×3, ×2, ×1, then the running maximum
    assert holm_adjust(p) == [pytest.approx(0.03), None, pytest.approx(0.06), pytest.approx(0.06),
                              pytest.approx(0.02)]
    assert holm_adjust([None]) == [None]


def test_a_group_difference_is_clear_only_when_corrected_and_large_enough():
    # its own generator: the module's depends on which tests ran before on the same worker
    rng = np.random.default_rng(7)
    labels = pd.Series(["ggz"] * 20 + ["vvt"] * 20 + ["gemeente"] * 20)
    orgs = pd.Series([f"{g}{i % 4}" for g, i in zip(labels, range(60), strict=True)])
    big = np.r_[rng.normal(4.4, 0.3, 20), rng.normal(3.2, 0.3, 20), rng.normal(3.2, 0.3, 20)]
    small = np.r_[rng.normal(3.45, 0.05, 20), rng.normal(3.2, 0.05, 20), rng.normal(3.2, 0.05, 20)]
    noise = rng.normal(3.5, 0.6, 60)
    scores = pd.DataFrame({"actor": big, "identiteit": small, "ambities": noise})
    table = group_table(scores, labels, "actortype", 5, orgs, relevant=0.5)
    found = {(d.construct, d.group): d for d in table.differences}
    assert len(found) == 9
    assert found[("actor", "ggz")].clear and found[("actor", "ggz")].difference > 1
    small_ggz = found[("identiteit", "ggz")]
    assert small_ggz.p_holm is not None and small_ggz.p_holm < 0.05 and not small_ggz.clear   # reliable, too small
    assert not any(d.clear for d in table.differences if d.construct == "ambities")
    raw = [d.p_value for d in table.differences]
    assert [d.p_holm for d in table.differences] == pytest.approx(holm_adjust(raw))
    assert all(d.low is not None and d.high is not None and d.low <= d.difference <= d.high for d in table.differences)
    d = found[("actor", "ggz")]
    assert d.g is not None and d.g_low is not None and d.g_high is not None and d.g_low < d.g < d.g_high


def test_a_change_between_waves_has_its_interval_n_and_holm():
    before = pd.DataFrame({"actor": rng.normal(3.0, 0.5, 30), "identiteit": rng.normal(3.5, 0.5, 30)})
    now = pd.DataFrame({"actor": rng.normal(3.8, 0.5, 25), "identiteit": rng.normal(3.55, 0.5, 25)})
    now.loc[0, "actor"] = np.nan
    changes = changes_since(now, before, "2025", relevant=0.5)
    actor = changes["actor"]
    assert (actor.n_previous, actor.n_current) == (30, 24)
    welch = stats.ttest_ind(now["actor"].dropna(), before["actor"], equal_var=False)
    assert (actor.low, actor.high) == pytest.approx(tuple(welch.confidence_interval(0.95)))
    ps = [welch.pvalue, stats.ttest_ind(now["identiteit"], before["identiteit"], equal_var=False).pvalue]
    assert [actor.p_holm, changes["identiteit"].p_holm] == pytest.approx(holm_adjust(ps))
    assert actor.clear and not changes["identiteit"].clear


def test_the_mix_of_respondents_and_its_shift():
    assert total_variation({"a": 0.5, "b": 0.5}, {"a": 0.5, "b": 0.5}) == 0
    assert total_variation({"a": 1.0}, {"b": 1.0}) == 1
    assert total_variation({"a": 0.6, "b": 0.4}, {"a": 0.3, "b": 0.5, "c": 0.2}) == pytest.approx(0.3)
    frames = {"2025": pd.DataFrame({"positie": ["bestuurder"] * 2 + ["deelnemer"] * 8, "actortype": ["ggz"] * 10}),
              "2026": pd.DataFrame({"positie": ["bestuurder"] * 5 + ["deelnemer"] * 5, "actortype": ["ggz"] * 10})}
    scores = {w: pd.DataFrame({"actor": [3.0] * 10}) for w in frames}
    found = development(frames, {w: [] for w in frames}, scores, load_instrument(), Settings())
    assert found.shift == {"positie": pytest.approx(0.3), "actortype": 0.0}
    assert found.shifted and found.trend == {}
    calm = development(frames, {w: [] for w in frames}, scores, load_instrument(), Settings(composition_shift=0.4))
    assert not calm.shifted


def test_three_waves_give_a_trend_per_construct():
    scores = {"2024": pd.DataFrame({"actor": [3.0, 3.2], "fundament": [2.0, np.nan]}),
              "2025": pd.DataFrame({"actor": [3.4, 3.6], "fundament": [2.5, 2.7]}),
              "2026": pd.DataFrame({"actor": [3.9, 4.1]})}
    assert trend(scores) == {"actor": {"2024": pytest.approx(3.1), "2025": pytest.approx(3.5),
                                       "2026": pytest.approx(4.0)}}
    assert trend(dict(list(scores.items())[1:])) == {}


def test_a_band_is_unsure_when_its_interval_crosses_a_boundary():
    settings = Settings()
    near = summarise(pd.Series([3.6, 4.4, 3.8, 4.2, 3.9, 4.3, 3.7]), pd.Series([4.0] * 7), settings)
    assert near.band == "strength" and near.band_low == "attention" and near.band_unsure
    far = summarise(pd.Series([4.5, 4.6, 4.4, 4.5, 4.6, 4.4]), pd.Series([5.0] * 6), settings)
    assert far.band == far.band_low == far.band_high == "strength" and not far.band_unsure


def statsmodels_cluster_se(y: np.ndarray, design: np.ndarray, clusters: np.ndarray) -> float:
    """The standard error of the last coefficient, statsmodels' cluster-robust OLS fit."""
    import warnings

    from statsmodels.regression.linear_model import OLS
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = OLS(y, design).fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(clusters)[0]}, use_t=True)
    return float(fit.bse[-1])


@pytest.mark.parametrize("seed", range(20))
def test_the_closed_form_clustered_errors_are_statsmodels_cluster_robust_fit(seed):
    """Unequal clusters (some of one respondent), random data: the closed-form CR1 sandwich of a
    mean and of a difference of two means equals statsmodels' `cov_type="cluster"` to 1e-9."""
    from pipeline.analysis.clustered import _cluster_se
    r = np.random.default_rng(seed)
    sizes = r.integers(1, 12, r.integers(3, 9))
    orgs = np.repeat([f"o{i}" for i in range(len(sizes))], sizes).astype(object)
    y = r.normal(3.5, 1, len(orgs)) + r.normal(0, 0.7, len(sizes)).repeat(sizes)
    n = len(y)
    se, df = _cluster_se((y - y.mean()) / n, orgs, 1)
    assert se == pytest.approx(statsmodels_cluster_se(y, np.ones((n, 1)), orgs), abs=1e-9, rel=1e-9)
    assert df == len(set(pd.factorize(orgs)[0])) - 1
    in_a = r.random(n) < 0.4
    in_a[:2], in_a[-2:] = True, False
    ya, yb = y[in_a], y[~in_a]
    influence = np.concatenate([(ya - ya.mean()) / len(ya), -(yb - yb.mean()) / len(yb)])
    clusters = np.concatenate([orgs[in_a], orgs[~in_a]])
    design = np.column_stack([np.ones(n), np.r_[np.ones(len(ya)), np.zeros(len(yb))]])
    se, _ = _cluster_se(influence, clusters, 2)
    assert se == pytest.approx(statsmodels_cluster_se(np.r_[ya, yb], design, clusters), abs=1e-9, rel=1e-9)


def test_holm_is_statsmodels_holm():
    from statsmodels.stats.multitest import multipletests
    p = list(np.random.default_rng(3).random(40) ** 3) + [0.01, 0.01, 1.0]
    assert holm_adjust(p) == pytest.approx(list(multipletests(p, method="holm")[1]), abs=1e-15)


@pytest.mark.parametrize("df", [1.0, 1.5, 2.0, 3.0, 4.7, 7.0, 11.0, 29.0, 64.3, 199.0, 1500.0, 1e6])
def test_the_interval_and_p_value_are_scipy_stats_t(df):
    """`_interval` takes its t quantile and tail from scipy.special (no scipy.stats import): the
    same numbers as scipy.stats' t distribution, to 1e-12, for every kind of degrees of freedom
    the analysis meets (clusters − 1, n − 1, Welch's fractional df)."""
    from pipeline.analysis.clustered import LEVEL, _interval
    for value, se in [(0.4, 0.25), (-1.3, 0.6), (0.0, 0.1), (2.5e-3, 1.7), (-8.0, 0.5)]:
        low, high, p = _interval(value, se, df)
        half = stats.t.ppf(0.5 + LEVEL / 2, df) * se
        assert low == pytest.approx(value - half, abs=1e-12, rel=1e-12)
        assert high == pytest.approx(value + half, abs=1e-12, rel=1e-12)
        assert p == pytest.approx(2 * stats.t.sf(abs(value) / se, df), abs=1e-12, rel=1e-12)
