"""The language of a quoted answer: the examples' own Dutch answers are Dutch, English answers
English, a text without telling words has none; a quote in the other language is marked in
the report, in the report's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.i18n import Translator
from pipeline.report.quote_language import language_note, quote_language

DUTCH = [
    "Besluiten worden te vaak vooruitgeschoven; wie hakt de knoop door?",
    "Minder pilots, meer opschalen wat werkt.",
    "Goede kennisdeling tijdens de netwerkbijeenkomsten.",
    "Structurele financiering van het netwerkbureau.",
    "De zorgverzekeraar zit er vooral als financier bij, niet als partner.",
]
ENGLISH = [
    "Too many meetings and too few concrete results.",
    "The voice of residents is still missing.",
    "Decisions are postponed far too often; who makes the call?",
    "Structural funding for the NAO.",
    "Good knowledge sharing at the network meetings.",
]
NEITHER = ["", "GGZ!", "Ok", "Pilots, pilots, pilots", "in is we"]     # no telling word, or only shared ones


@pytest.mark.parametrize("text", DUTCH)
def test_dutch_answers_are_dutch(text):
    assert quote_language(text) == "nl"


@pytest.mark.parametrize("text", ENGLISH)
def test_english_answers_are_english(text):
    assert quote_language(text) == "en"


@pytest.mark.parametrize("text", NEITHER)
def test_no_guess_without_evidence(text):
    assert quote_language(text) is None


def test_the_note_only_for_the_other_language():
    assert language_note(DUTCH[0], "en") == "quote_in_nl"
    assert language_note(ENGLISH[0], "nl") == "quote_in_en"
    assert language_note(DUTCH[0], "nl") is None and language_note(NEITHER[1], "en") is None
    assert Translator("en")("quote_in_nl") == "in Dutch"
    assert Translator("nl")("quote_in_en") == "in het Engels"


@pytest.mark.slow
def test_the_english_report_marks_the_dutch_quotes():
    """Lindeveld's answers are all Dutch: in the English report every quote says so, in the Dutch one none."""
    from pipeline.report.parameters import ReportParameters
    from pipeline.report.steps import analyse_folder, draw_charts, prepare, report_html

    folder = Path(__file__).resolve().parent.parent / "inputs" / "zorgnetwerk-lindeveld"
    _, _, result = analyse_folder(folder)
    quotes = sum(len(answers) for answers in result.open_answers.values()) + sum(len(a.quotes) for a in result.advice)
    assert quotes > 0
    for lang, marks in (("en", quotes), ("nl", 0)):
        setup = prepare(ReportParameters(str(folder), "", lang))
        html = report_html(result, draw_charts(result, setup), setup.instrument, setup.brand, setup.t)
        assert html.count("(in Dutch") == marks       # "(in Dutch)", or "(in Dutch, 10×)" with a count
        assert "in het Engels" not in html and "in het Nederlands" not in html
