"""Scores against values computed by hand on tiny fixtures."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from pipeline.analysis.scores import (
    cronbach_alpha,
    flipped,
    item_rest_correlations,
    respondent_scores,
    summarise,
)
from pipeline.core.instrument import load_instrument
from pipeline.core.settings import Settings

instrument = load_instrument()
settings = Settings()


def test_reverse_coded_items_are_flipped():
    reverse = next(i for i in instrument.items_of("actor") if i.reverse)
    plain = next(i for i in instrument.items_of("actor") if not i.reverse)
    frame = pd.DataFrame({reverse.code: [1.0, 5.0, np.nan], plain.code: [1.0, 5.0, 2.0]})
    answers = flipped(frame, instrument)
    assert answers[reverse.code].tolist()[:2] == [5.0, 1.0]
    assert math.isnan(answers[reverse.code].iloc[2])
    assert answers[plain.code].tolist() == [1.0, 5.0, 2.0]


def test_respondent_score_needs_enough_items():
    codes = [i.code for i in instrument.items_of("vertrouwen")]     # three items
    frame = pd.DataFrame({codes[0]: [4.0, 4.0, np.nan], codes[1]: [2.0, np.nan, np.nan],
                          codes[2]: [3.0, np.nan, 5.0]})
    scores = respondent_scores(frame, instrument, min_share=0.5)      # needs 2 of 3 items
    assert scores["vertrouwen"].iloc[0] == pytest.approx(3.0)
    assert math.isnan(scores["vertrouwen"].iloc[1])
    assert math.isnan(scores["vertrouwen"].iloc[2])


def test_summary_by_hand():
    scores = pd.Series([2.0, 3.0, 4.0, 5.0])
    answers = pd.Series([2, 3, 4, 5, 5, 1])
    s = summarise(scores, answers, settings)
    assert s.n == 4 and s.mean == 3.5
    sd = math.sqrt(((1.5 ** 2) * 2 + (0.5 ** 2) * 2) / 3)            # 1.2910
    assert s.sd == pytest.approx(sd)
    half = 3.182446305 * sd / 2                                      # t(0.975, df=3) * sd / sqrt(4)
    assert (s.ci_low, s.ci_high) == (pytest.approx(3.5 - half), pytest.approx(3.5 + half))
    assert s.pct_agree == pytest.approx(3 / 6)
    assert s.distribution == {1: 1, 2: 1, 3: 1, 4: 1, 5: 2}
    assert s.band == "attention"


# the mean is read as printed, with one decimal: 3.96 shows as 4,0 and is a strength
@pytest.mark.parametrize("mean, band", [(4.0, "strength"), (3.96, "strength"), (3.94, "attention"),
                                        (3.0, "attention"), (2.95, "attention"), (2.94, "concern"), (None, None)])
def test_bands(mean, band):
    assert settings.band(mean) == band


def test_cronbach_alpha_by_hand():
    block = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 4, 4], "c": [1, 3, 3, 5]}, dtype=float)
    # item variances 1.6667, 1.3333, 2.6667 (sum 5.6667); totals 4, 7, 10, 13 -> variance 15
    assert cronbach_alpha(block) == pytest.approx(1.5 * (1 - 5.6667 / 15), abs=1e-4)
    assert cronbach_alpha(block[["a"]]) is None
    rest = item_rest_correlations(block)
    assert rest["a"] == pytest.approx(np.corrcoef([1, 2, 3, 4], [3, 5, 7, 9])[0, 1])
