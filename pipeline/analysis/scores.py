"""Construct and item scores: what the answers say, with how sure we can be.

Respondent scores are the mean of the answered items of a construct (reverse-coded items
flipped), but only when enough items are answered: a score from one of six items says
little. Coalition figures carry n, spread and a 95% confidence interval, because clients
should not read a 0.1 difference between two small groups as news."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from pipeline.analysis.clustered import clustered_mean
from pipeline.core.bands import shown_band
from pipeline.core.instrument import Instrument
from pipeline.core.settings import Settings


@dataclass(frozen=True)
class Summary:
    n: int
    mean: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None
    pct_agree: float | None                 # share of answers 4-5: items as worded, constructs after reverse-coding
    distribution: Mapping[int, int]         # answer value -> count: items as worded, constructs after reverse-coding
    band: str | None                        # strength / attention / concern
    band_low: str | None = None             # the band of the interval's lower end
    band_high: str | None = None            # ... and of its upper end: differs when it straddles a boundary

    @property
    def band_unsure(self) -> bool:
        """The 95% interval reaches into another band: the mean is not clearly in its own."""
        return self.band is not None and (self.band_low != self.band or self.band_high != self.band)

    @property
    def shown_band(self) -> str | None:
        """The band its colour shows (`pipeline.core.bands.shown_band`): "between" when unsure."""
        return shown_band(self.band, self.band_low, self.band_high)


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
    """One column per construct: the respondent's mean, NaN when too few items answered.
    From one array of the answers, item by respondent (summed item after item, as pandas
    does), not a frame selection per construct."""
    values = answers.to_numpy(dtype=float).T
    position = {code: n for n, code in enumerate(answers.columns)}
    scores = {}
    for construct in instrument.constructs:
        block = values[[position[i.code] for i in instrument.items_of(construct) if i.code in position]]
        answered = ~np.isnan(block)
        count = answered.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):    # nobody answered: NaN, as pandas gives
            mean = np.where(answered, block, 0.0).sum(axis=0) / count
        scores[construct] = np.where(count >= math.ceil(min_share * len(block)), mean, np.nan)
    return pd.DataFrame(scores, index=answers.index)


def _present(values: pd.Series) -> np.ndarray:
    """The values that are not missing, as floats."""
    array = values.to_numpy(dtype=float)
    kept: np.ndarray = array[~np.isnan(array)]
    return kept


def summarise(scores: pd.Series, pooled_answers: pd.Series, settings: Settings,
              scale_values: range = range(1, 6), organisations: pd.Series | None = None) -> Summary:
    """Coalition figures for one construct (scores = respondent means) or one item; with
    `organisations` (per respondent) the interval allows for clustering in them. On numpy
    arrays: called for every item and construct, pandas' overhead per call added up."""
    kept, answers = _present(scores), _present(pooled_answers)
    estimate = clustered_mean(scores, organisations)
    mean = None if estimate is None else estimate.value
    low = None if estimate is None else estimate.low
    high = None if estimate is None else estimate.high
    sd = float(kept.std(ddof=1)) if len(kept) >= 2 else None
    distribution = {int(v): int((answers == v).sum()) for v in scale_values}
    agree = float((answers >= 4).mean()) if len(answers) else None
    band = settings.band(mean)
    return Summary(len(kept), mean, sd, low, high, agree, distribution, band,
                   settings.band(low) if band and low is not None else band,
                   settings.band(high) if band and high is not None else band)


def construct_summaries(answers: pd.DataFrame, scores: pd.DataFrame, instrument: Instrument,
                        settings: Settings, organisations: pd.Series | None = None) -> dict[str, Summary]:
    out = {}
    for construct in instrument.constructs:
        items = [i.code for i in instrument.items_of(construct)]
        pooled = answers[items].stack() if items else pd.Series(dtype=float)
        summary = summarise(scores[construct], pooled, settings, organisations=organisations)
        # a need or a profile is neither good nor bad, so it gets no band
        out[construct] = (summary if instrument.constructs[construct].is_quality
                          else replace(summary, band=None, band_low=None, band_high=None))
    return out


def item_summaries(answers: pd.DataFrame, raw: pd.DataFrame, settings: Settings,
                   organisations: pd.Series | None = None) -> dict[str, Summary]:
    """Per statement: mean, interval and band as scored (`answers`, reverse-coded items
    flipped, so that a mean is read like every other), but the distribution and % agree as
    answered to the statement as worded (`raw`), so that a chart or table next to a negatively
    worded statement shows what people said about that statement."""
    return {code: summarise(answers[code], raw[code].astype(float), settings, organisations=organisations)
            for code in answers.columns}


def cronbach_alpha(block: pd.DataFrame) -> float | None:
    """Internal consistency over complete cases; None when it cannot be estimated. On a
    numpy array, not the frame: pandas' per-call overhead was most of the cost."""
    complete = block.dropna().to_numpy(dtype=float)
    k = block.shape[1]
    if k < 2 or len(complete) < 3:
        return None
    item_var = float(complete.var(axis=0, ddof=1).sum())
    total_var = float(complete.sum(axis=1).var(ddof=1))
    if total_var == 0:
        return None
    return float(k / (k - 1) * (1 - item_var / total_var))


def item_rest_correlations(block: pd.DataFrame) -> dict[str, float | None]:
    """Correlation of each item with the sum of the others: a weak item shows up here. The
    rest is the total minus the item, on a numpy array: answers are whole numbers, so
    those sums are exact, as the frame's were."""
    complete = block.dropna().to_numpy(dtype=float)
    total = complete.sum(axis=1)
    out: dict[str, float | None] = {}
    for position, code in enumerate(block.columns):
        item = complete[:, position]
        rest = total - item
        ok = len(complete) >= 3 and item.std(ddof=1) > 0 and rest.std(ddof=1) > 0
        out[code] = float(np.corrcoef(item, rest)[0, 1]) if ok else None
    return out
