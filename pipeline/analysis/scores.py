"""Construct and item scores: what the answers say, with how sure we can be.

Respondent scores are the mean of the answered items of a construct (reverse-coded items
flipped), but only when enough items are answered: a score from one of six items says
little. Coalition figures carry n, spread and a 95% confidence interval, because clients
should not read a 0.1 difference between two small groups as news."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import stats

from pipeline.core.instrument import Instrument
from pipeline.core.settings import Settings


@dataclass(frozen=True)
class Summary:
    n: int
    mean: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None
    pct_agree: float | None                 # share of answers 4-5 (after reverse-coding)
    distribution: Mapping[int, int]         # answer value -> count
    band: str | None                        # strength / attention / concern


def flipped(frame: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """Likert answers with reverse-coded items flipped, so that higher is always better."""
    items = [code for code in instrument.items if code in frame]
    answers = frame[items].astype(float).copy()
    for code in items:
        item = instrument.items[code]
        if item.reverse:
            scale = instrument.scales[item.scale]
            answers[code] = scale.min + scale.max - answers[code]
    return answers


def measured_constructs(frame: pd.DataFrame, instrument: Instrument) -> list[str]:
    """Constructs with a column for every one of their statements: an earlier wave's shorter
    questionnaire measures fewer, and a construct scored on other statements is not the same."""
    return [code for code in instrument.constructs if all(i.code in frame for i in instrument.items_of(code))]


def respondent_scores(answers: pd.DataFrame, instrument: Instrument, min_share: float) -> pd.DataFrame:
    """One column per construct: the respondent's mean, NaN when too few items answered."""
    scores = {}
    for construct in instrument.constructs:
        items = [i.code for i in instrument.items_of(construct) if i.code in answers]
        block = answers[items]
        enough = block.notna().sum(axis=1) >= math.ceil(min_share * len(items))
        scores[construct] = block.mean(axis=1).where(enough)
    return pd.DataFrame(scores, index=answers.index)


def _mean_ci(values: np.ndarray) -> tuple[float | None, float | None, float | None, float | None]:
    n = len(values)
    if n == 0:
        return None, None, None, None
    mean = float(values.mean())
    if n < 2:
        return mean, None, None, None
    sd = float(values.std(ddof=1))
    half = float(stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n))
    return mean, sd, mean - half, mean + half


def summarise(scores: pd.Series, pooled_answers: pd.Series, settings: Settings,
              scale_values: range = range(1, 6)) -> Summary:
    """Coalition figures for one construct (scores = respondent means) or one item."""
    values = scores.dropna().to_numpy(dtype=float)
    answers = pooled_answers.dropna().to_numpy(dtype=float)
    mean, sd, low, high = _mean_ci(values)
    distribution = {int(v): int((answers == v).sum()) for v in scale_values}
    agree = float((answers >= 4).mean()) if len(answers) else None
    return Summary(len(values), mean, sd, low, high, agree, distribution, settings.band(mean))


def construct_summaries(answers: pd.DataFrame, scores: pd.DataFrame, instrument: Instrument,
                        settings: Settings) -> dict[str, Summary]:
    out = {}
    for construct in instrument.constructs:
        items = [i.code for i in instrument.items_of(construct)]
        pooled = answers[items].stack() if items else pd.Series(dtype=float)
        summary = summarise(scores[construct], pooled, settings)
        # a need or a profile is neither good nor bad, so it gets no band
        out[construct] = summary if instrument.constructs[construct].is_quality else replace(summary, band=None)
    return out


def item_summaries(answers: pd.DataFrame, instrument: Instrument, settings: Settings) -> dict[str, Summary]:
    return {code: summarise(answers[code], answers[code], settings) for code in answers.columns}


def cronbach_alpha(block: pd.DataFrame) -> float | None:
    """Internal consistency over complete cases; None when it cannot be estimated."""
    complete = block.dropna()
    k = block.shape[1]
    if k < 2 or len(complete) < 3:
        return None
    item_var = complete.var(axis=0, ddof=1).sum()
    total_var = complete.sum(axis=1).var(ddof=1)
    if total_var == 0:
        return None
    return float(k / (k - 1) * (1 - item_var / total_var))


def item_rest_correlations(block: pd.DataFrame) -> dict[str, float | None]:
    """Correlation of each item with the sum of the others: a weak item shows up here."""
    complete = block.dropna()
    out: dict[str, float | None] = {}
    for code in block.columns:
        rest = complete.drop(columns=code).sum(axis=1)
        ok = len(complete) >= 3 and complete[code].std() > 0 and rest.std() > 0
        out[code] = float(np.corrcoef(complete[code], rest)[0, 1]) if ok else None
    return out


def welch_p(a: pd.Series, b: pd.Series) -> float | None:
    """How likely a difference in means this large is by chance (Welch's t-test); None when
    either side has fewer than two values or the test is undefined (no spread at all)."""
    a, b = a.dropna(), b.dropna()
    if len(a) < 2 or len(b) < 2:
        return None
    with warnings.catch_warnings():   # near-identical samples: scipy warns, the p-value still stands
        warnings.simplefilter("ignore", RuntimeWarning)
        p = stats.ttest_ind(a, b, equal_var=False).pvalue
    return None if math.isnan(p) else float(p)
