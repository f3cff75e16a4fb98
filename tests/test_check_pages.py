"""scripts/check_pages.py on the rendered examples (they must pass) and on a planted bad PDF
(it must find every kind of problem)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from weasyprint import HTML

from pipeline.report.parameters import ReportParameters
from pipeline.report.steps import make_report

pytestmark = pytest.mark.slow   # real PDFs

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT / "scripts" / "check_pages.py"


def check_pages(*pdfs: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHECKER), *map(str, pdfs)], capture_output=True, text=True)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_example_reports_have_no_page_problems(tmp_path, lang):
    pdfs = []
    for slug in ("zorgnetwerk-lindeveld", "wijkzorg-oosterbroek"):
        make_report(ReportParameters(str(ROOT / "inputs" / slug), str(tmp_path / slug), lang=lang))
        pdfs.append(tmp_path / slug / f"{slug}.pdf")
    result = check_pages(*pdfs)
    assert result.returncode == 0, result.stdout


def test_a_heading_at_the_foot_an_empty_page_and_text_past_the_margin_are_found(tmp_path):
    html = """<style>@page { size: A4; margin: 24mm 20mm 22mm 20mm; } body { margin: 0; font-size: 10pt; }
      h2 { font-size: 12.5pt; margin: 0; }</style>
      <h1>Titel</h1><p>Inleiding.</p><p style="break-before: page">Begin.</p>
      <div style="height: 232mm"></div><h2>Kop onderaan</h2>
      <p style="break-before: page">Verder.</p><p style="margin-left: -15mm">Dit loopt buiten de marge.</p>
      <div style="height: 200mm"></div><p>Slot.</p>"""
    pdf = tmp_path / "bad.pdf"
    HTML(string=html).write_pdf(pdf)
    result = check_pages(pdf)
    assert result.returncode == 1
    assert f"{pdf}: page 2: heading at the page foot: 'Kop onderaan'" in result.stdout
    assert "page 3: outside the margins: 'Dit loopt buiten de marge.'" in result.stdout
    assert "page 3: mostly empty" not in result.stdout and "page 1: mostly empty" not in result.stdout
    assert "page 2: mostly empty" not in result.stdout


def test_a_page_left_mostly_empty_is_found(tmp_path):
    html = """<style>@page { size: A4; margin: 24mm 20mm 22mm 20mm; }</style>
      <p>Omslag.</p><p style="break-before: page">Een regel, dan een nieuwe pagina.</p>
      <p style="break-before: page">Slot.</p>"""
    pdf = tmp_path / "empty.pdf"
    HTML(string=html).write_pdf(pdf)
    result = check_pages(pdf)
    assert result.returncode == 1 and f"{pdf}: page 2: mostly empty" in result.stdout


def test_a_landscape_page_is_read_with_its_own_size_and_margins(tmp_path):
    """The portfolio's landscape pages (10 mm side margins) are not reported; text past them is."""
    wide = "Deze regel loopt bijna tot de rand van de liggende pagina, binnen de marge. " * 2
    html = f"""<style>@page {{ size: A4 landscape; margin: 17mm 10mm 14mm 10mm; }}
      body {{ margin: 0; font-size: 10pt; }}</style>
      <p>Omslag.</p><p style="break-before: page">{wide}</p><div style="height: 150mm"></div><p>Eind.</p>
      <p style="break-before: page">Verder.</p><p style="margin-left: -8mm">Dit loopt buiten de marge.</p>
      <div style="height: 150mm"></div><p>Slot.</p>"""
    pdf = tmp_path / "landscape.pdf"
    HTML(string=html).write_pdf(pdf)
    result = check_pages(pdf)
    assert "page 2" not in result.stdout, result.stdout
    assert "page 3: outside the margins: 'Dit loopt buiten de marge.'" in result.stdout
