"""Dates, numbers and lists as a reader of the report's language writes them: Dutch, and
English as a British reader does (en-GB: "24 November 2026", "a, b and c")."""

from __future__ import annotations

from datetime import date

from pipeline.core.i18n import Translator

DAY = date(2026, 11, 24)


def test_dates_in_dutch_and_british_english():
    assert Translator("nl").date(DAY) == "24 november 2026"
    assert Translator("en").date(DAY) == "24 November 2026"      # not "November 24, 2026"
    assert Translator("en").date("2026-03-01") == "1 March 2026"


def test_numbers_and_percentages():
    nl, en = Translator("nl"), Translator("en")
    assert (nl.number(3.75), en.number(3.75)) == ("3,8", "3.8")
    assert (nl.number(0.87, 2), en.number(0.87, 2)) == ("0,87", "0.87")
    assert (nl.percent(0.45), en.percent(0.45)) == ("45%", "45%")
    assert nl.number(None) == en.percent(None) == "–"


def test_lists_without_an_oxford_comma():
    assert Translator("nl").join(["a", "b", "c"]) == "a, b en c"
    assert Translator("en").join(["a", "b", "c"]) == "a, b and c"
    assert Translator("en").join(["a"]) == "a" and Translator("en").join([]) == ""
