"""Emoji in an open answer never print as a box; symbols the fonts draw stay."""

from __future__ import annotations

from markupsafe import Markup

from pipeline.core.paths import DEFAULT_BRAND
from pipeline.report.glyphs import printable
from pipeline.report.render import environment, write_pdf
from tests.pdf_helpers import pdf_text

ANSWER = "Goede start 👍🏽 en de 🏳️‍🌈 werkgroep ✓ → € ½ 👨‍👩‍👧 samen"


def test_emoji_and_their_joiners_are_taken_out_and_symbols_stay():
    assert printable(ANSWER) == "Goede start en de werkgroep ✓ → € ½ samen"
    assert printable("Geen emoji, wel 3,5 € en ‘citaat’") == "Geen emoji, wel 3,5 € en ‘citaat’"


def test_markup_stays_markup_and_other_values_pass_through():
    cleaned = printable(Markup("<b>top 🎉</b>"))
    assert isinstance(cleaned, Markup) and cleaned == Markup("<b>top </b>")
    assert printable(3.5) == 3.5 and printable(None) is None


def test_a_rendered_page_has_the_words_and_symbols_but_no_emoji(tmp_path):
    template = environment(DEFAULT_BRAND.resolve()).from_string(
        "<html><body><p>“{{ answer }}”</p></body></html>")
    html = template.render(answer=ANSWER)
    assert "👍" not in html and "\u200d" not in html
    write_pdf(html, tmp_path / "answer.pdf", DEFAULT_BRAND)
    text = pdf_text(tmp_path / "answer.pdf", layout=False)
    assert "Goede start en de werkgroep ✓ → € ½ samen" in text
    assert not any(ord(c) >= 0x1F000 for c in text)
