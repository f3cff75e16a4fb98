"""Negatively worded statements (instrument `reverse: true`), one convention everywhere: what
people answered is shown to the statement as worded (distribution, bars, % agree), the scoring
direction is marked ("(oneens = gunstig)", explained under the chart), and the mean and the construct score use the
reversed value."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.analysis.analyse import analyse
from pipeline.analysis.scores import flipped, item_summaries, respondent_scores
from pipeline.core.coalition import load_coalition
from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.core.settings import Settings
from pipeline.ingest.responses import ingest_coalition
from pipeline.report.brand import load_brand
from pipeline.report.charts import item_bars

INPUTS = Path(__file__).resolve().parents[1] / "inputs"
instrument = load_instrument()
REVERSED = [i for i in instrument.items.values() if i.reverse]


def test_the_instrument_has_negatively_worded_statements():
    assert REVERSED


def test_an_item_is_shown_as_worded_and_scored_reversed():
    item = next(i for i in instrument.items_of("actor") if i.reverse)
    plain = next(i for i in instrument.items_of("actor") if not i.reverse)
    raw = pd.DataFrame({item.code: [1.0, 1.0, 2.0, 5.0], plain.code: [4.0, 4.0, 4.0, 4.0]})
    summary = item_summaries(flipped(raw, instrument), raw, Settings())[item.code]
    assert dict(summary.distribution) == {1: 2, 2: 1, 3: 0, 4: 0, 5: 1}      # as answered
    assert summary.pct_agree == pytest.approx(0.25)                         # agrees with the statement as worded
    assert summary.mean == pytest.approx((5 + 5 + 4 + 1) / 4)                # scored: 6 − answer
    scores = respondent_scores(flipped(raw, instrument), instrument, 0.1)["actor"]
    assert scores.tolist() == pytest.approx([(5 + 4) / 2, (5 + 4) / 2, (4 + 4) / 2, (1 + 4) / 2])


@pytest.fixture(scope="module")
def example():
    coalition = load_coalition(INPUTS / "farmacie-duinstede")
    waves = ingest_coalition(coalition)
    return waves[coalition.current_wave].frame, analyse(coalition, waves, advise=False)


def test_the_result_of_an_example_follows_the_convention(example):
    frame, result = example
    for item in REVERSED:
        answered = frame[item.code].dropna()
        summary = result.items[item.code]
        assert dict(summary.distribution) == {v: int((answered == v).sum()) for v in range(1, 6)}
        assert summary.pct_agree == pytest.approx((answered >= 4).mean())
        assert summary.mean == pytest.approx((6 - answered).mean())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_chart_of_statements_marks_each_reversed_one(example, lang):
    _, result = example
    t = Translator(lang)
    for construct in {i.construct for i in REVERSED}:
        chart = item_bars(result, construct, instrument, load_brand(), t)
        marks = sum(1 for i in instrument.items_of(construct) if i.reverse)
        assert chart.svg.count(t("reverse_note")) == marks, construct


@pytest.mark.parametrize(("lang", "words"), [("nl", "‘oneens’ het gunstige antwoord"),
                                             ("en", "disagreeing is the favourable answer")])
def test_under_a_chart_with_reversed_statements_a_line_says_disagreeing_is_favourable(example, lang, words):
    _, result = example
    t = Translator(lang)
    for construct in sorted({i.construct for i in instrument.items.values()}):
        chart = item_bars(result, construct, instrument, load_brand(), t)
        if any(i.reverse for i in instrument.items_of(construct)):
            assert words in chart.note and t("reverse_note") in chart.note, construct
        else:
            assert chart.note == "", construct
