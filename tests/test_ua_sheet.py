"""The lean default stylesheet (`pipeline.report.ua_sheet`) draws a report's kinds of content as
WeasyPrint's own does, and a document with footnotes keeps WeasyPrint's own."""

from __future__ import annotations

import subprocess
from pathlib import Path

import weasyprint
from PIL import Image, ImageChops
from weasyprint.urls import URLFetcher

from pipeline.report.ua_sheet import lean_html, lean_sheet
from tests.pdf_helpers import pdf_text

# what a report holds: headings, lists with bullets and numbers, a table, generated content
PAGE = """<html lang="nl"><head><style>
  body { font-family: "Open Sans"; font-size: 10pt; hyphens: auto }
  .toc a::after { content: " 3"; float: right }
  td, th { border-bottom: 1px dashed #999; padding: 1mm }
  ol { list-style-type: lower-alpha; text-transform: uppercase }   /* a marker keeps its case */
</style></head><body>
  <h1>Samenvatting</h1><p class="toc"><a href="#x">Netwerkmodel</a></p>
  <ul><li>Besluitvorming en structuur: 30 deelnemers</li><li>Samenwerkingsverband
    <ul><li>genest</li></ul></li></ul>
  <ol><li>Bespreek of een netwerkbureau past</li><li>Betrek organisaties aan de rand</li></ol>
  <table><thead><tr><th>Onderdeel</th><th>2025</th></tr></thead>
    <tbody><tr><td>Verkenner</td><td>2,7</td></tr><tr><td>Procesmanager</td><td>2,9</td></tr></tbody></table>
  <h2 id="x">Netwerkmodel</h2><p>Het <b>Netwerkmodel</b> beschrijft een <i>vitaal</i> netwerk.</p>
</body></html>"""


def _page(document: weasyprint.HTML, target: Path) -> Image.Image:
    document.write_pdf(target)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(target), str(target.with_suffix(""))],
                   check=True)
    return Image.open(target.with_suffix(".png")).convert("RGB")


def test_a_report_s_content_looks_the_same_with_the_lean_sheet(tmp_path):
    own = _page(weasyprint.HTML(string=PAGE), tmp_path / "own.pdf")
    lean = lean_html(PAGE, str(tmp_path) + "/", URLFetcher())
    assert lean._ua_stylesheets() == [lean_sheet()]      # this WeasyPrint has the rules the sheet leaves out
    assert ImageChops.difference(own, _page(lean, tmp_path / "lean.pdf")).getbbox() is None
    assert pdf_text(tmp_path / "lean.pdf") == pdf_text(tmp_path / "own.pdf")


def test_a_document_with_footnotes_keeps_weasyprint_s_own_sheet(tmp_path):
    html = '<p>Zie de bron<span style="float: footnote">Provan en Kenis, 2008</span>.</p>'
    document = lean_html(html, str(tmp_path) + "/", URLFetcher())
    assert document._ua_stylesheets() == weasyprint.HTML(string=html)._ua_stylesheets()
    document.write_pdf(tmp_path / "notes.pdf")
    text = pdf_text(tmp_path / "notes.pdf")
    assert "Zie de bron1." in text and "1. Provan en Kenis, 2008" in text
