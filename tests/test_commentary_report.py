"""The advisor's commentary in the PDF: the draft mark on every page until it is signed off,
the foreword and notes where they belong, and nothing of it run as markup."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.core.errors import ConfigError
from pipeline.report.parameters import ReportParameters
from pipeline.report.steps import make_report
from tests.pdf_helpers import pdf_text

pytestmark = pytest.mark.slow   # real PDFs

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
APPROVED = """---
author: Anna de Vries
approved_by: Anna de Vries
approved_on: 2026-11-20
---
Wij spraken met vijf deelnemers. <script>alert(1)</script>

## leiderschap
De rolverdeling kwam in elk gesprek terug.
"""


def render(tmp_path: Path, commentary: str | None, lang: str = "nl", layout: bool = True) -> list[str]:
    folder = tmp_path / "in" / "farmacie-duinstede"
    shutil.copytree(INPUTS / "farmacie-duinstede", folder)
    if commentary is not None:
        (folder / "commentary.md").write_text(commentary, encoding="utf-8")
    make_report(ReportParameters(str(folder), str(tmp_path / "out"), lang=lang))
    return pdf_text(tmp_path / "out" / "farmacie-duinstede.pdf", layout).split("\f")[:-1]


@pytest.mark.parametrize(("lang", "mark"), [("nl", "CONCEPT"), ("en", "DRAFT")])
def test_without_sign_off_every_page_says_draft(tmp_path, lang, mark):
    pages = render(tmp_path, None, lang)
    assert len(pages) > 10 and all(mark in page for page in pages)


def test_a_signed_off_report_carries_foreword_notes_and_approval_without_draft_mark(tmp_path):
    pages = render(tmp_path, APPROVED)
    text = "\f".join(pages)
    assert "CONCEPT" not in text
    assert "Vastgesteld door Anna de Vries op 20 november 2026" in pages[0]
    foreword = next(page for page in pages if "Voorwoord" in page and "Wij spraken met vijf deelnemers" in page)
    assert "<script>alert(1)</script>" in foreword.replace("\n", "")        # printed as text, never run
    body = " ".join(text[text.find("Rollen die open liggen"):].split())     # from the leadership chapter's end
    note = body.find("TOELICHTING VAN DE ADVISEUR · ANNA DE VRIES De rolverdeling kwam in elk gesprek terug")
    assert 0 <= note < body.find("Regie en vorm")
    # in the method chapter at the end (which the statistics paragraph made two pages long)
    assert "Anna de Vries heeft dit rapport op 20 november 2026 vastgesteld." in " ".join(" ".join(pages[-2:]).split())


def test_each_block_and_role_carries_its_questions_for_the_conversation(tmp_path):
    text = " ".join("\f".join(render(tmp_path, None, layout=False)).split())   # reading order: the roles' columns
    block = text.find("Actor: Wie doet er mee?", text.find("Netwerkmodel Het"))
    assert 0 <= block < text.find("VRAGEN VOOR HET GESPREK", block) < text.find("Identiteit: Wat verbindt ons?", block)
    assert "Wie legt verbindingen met partijen buiten het netwerk?" in text


def test_a_note_for_a_section_the_report_does_not_have_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="commentary.md.*no earlier wave"):
        render(tmp_path, "## ontwikkeling\nDe daling is opvallend.\n")
