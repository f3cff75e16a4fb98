"""Sentences made from the figures: long open answers shortened for the PDF."""

from __future__ import annotations

from pipeline.report.texts import ANSWER_LIMIT, SHORTENED, shortened

URL = "https://www.voorbeeld.example/verslag?sessie=" + "0123456789abcdef" * 8


def test_an_answer_within_the_limit_is_quoted_whole():
    text = "Kort en goed. " * 10
    assert shortened(text) == text


def test_a_long_answer_is_cut_at_a_word_boundary_and_marked():
    text = ("De afstemming met de wijkteams kan beter. " * 80)[:3000]
    shown = shortened(text)
    assert shown.endswith(SHORTENED) and len(shown) <= ANSWER_LIMIT + len(SHORTENED)
    kept = shown.removesuffix(SHORTENED)
    assert text.startswith(kept) and text[len(kept)] == " "      # whole words only
    assert len(kept) > ANSWER_LIMIT - 20


def test_a_word_across_the_limit_is_left_out_whole():
    text = "Zie " + "x" * 590 + " " + URL
    assert shortened(text) == "Zie " + "x" * 590 + SHORTENED


def test_one_word_longer_than_the_limit_is_cut_where_the_limit_falls():
    shown = shortened(URL * 5)
    assert shown == (URL * 5)[:ANSWER_LIMIT] + SHORTENED
