"""The bullets under a building block's chart ("Het meest/minst positief over …") rank every
statement on its scored mean, a negatively worded one reversed, and phrase a reversed pick as
what participants reject, with the shares of its answers as worded (as the chart shows them)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from pipeline.analysis.scores import Summary
from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.report.texts import block_reading

instrument = load_instrument()
ITEMS = instrument.items_of("ambities")
REVERSED = next(i for i in ITEMS if i.reverse)


def item(mean: float, distribution: dict[int, int]) -> Summary:
    return Summary(sum(distribution.values()), mean, 0.8, mean - 0.2, mean + 0.2, None, distribution, "attention")


def result(reversed_mean: float, distribution: dict[int, int]) -> Any:
    items = {i.code: item(3.0 + 0.1 * n, {1: 1, 2: 2, 3: 3, 4: 3, 5: 1}) for n, i in enumerate(ITEMS)}
    items[REVERSED.code] = item(reversed_mean, distribution)
    block = Summary(40, 3.4, 0.7, 3.2, 3.6, 0.5, {}, "attention")
    return SimpleNamespace(constructs={"ambities": block}, items=items)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_reversed_statement_scored_best_is_what_participants_reject(lang):
    t = Translator(lang)
    reading = block_reading(result(4.2, {1: 15, 2: 4, 3: 3, 4: 2, 5: 0}), "ambities", instrument, t)
    text = REVERSED.text(lang).rstrip(".")
    assert reading.best == {
        "nl": f"Het meest positief: de deelnemers zijn het oneens met “{text}” (79% oneens)",
        "en": f"Most positive: participants disagree that “{text}” (79% disagree)"}[lang]
    plain = [i for i in ITEMS if not i.reverse]
    assert plain[0].text(lang) in (reading.worst or "")          # lowest of the others


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_reversed_statement_scored_worst_says_how_many_agree(lang):
    t = Translator(lang)
    reading = block_reading(result(2.1, {1: 3, 2: 4, 3: 10, 4: 4, 5: 1}), "ambities", instrument, t)
    text = REVERSED.text(lang).rstrip(".")
    assert reading.worst == {
        "nl": f"Het minst positief: 23% vindt dat “{text}”; 32% is het daar niet mee eens.",
        "en": f"Least positive: 23% agree that “{text}”; 32% disagree."}[lang]
    assert REVERSED.text(lang) not in (reading.best or "")


def test_a_reversed_statement_in_the_middle_is_not_named():
    reading = block_reading(result(3.05, {1: 3, 2: 4, 3: 10, 4: 4, 5: 1}), "ambities", instrument, Translator("nl"))
    assert REVERSED.text("nl").rstrip(".") not in f"{reading.best} {reading.worst}"
