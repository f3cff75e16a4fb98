"""The PDF a client reads, read back: sections, bookmarks, tagging, language, fonts, and
planted HTML in open answers printed as text with nothing fetched."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.report.brand import load_brand
from pipeline.report.charts import report_charts
from pipeline.report.parameters import ReportParameters
from pipeline.report.render import write_pdf
from pipeline.report.steps import analyse_folder, make_report, report_html
from pipeline.tools.example_data import EXAMPLE_SPECS, write_coalition
from tests.pdf_helpers import embedded_fonts, pdf_text

pytestmark = pytest.mark.slow   # real PDFs

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
PLANTED = '<script>alert(1)</script><b>vet</b><img src="file:///etc/passwd">'
SECTIONS = {
    "nl": ["Samenvatting", "Netwerkmodel", "Netwerkleiderschap", "Regie en vorm", "Gedrag en competenties",
           "Respons en deelname", "Netwerkstructuur", "Ecosysteem en gedeelde verantwoordelijkheid",
           "Verschillen tussen actorgroepen", "Ontwikkeling sinds de vorige meting", "Open antwoorden",
           "Aanbevelingen", "Verantwoording"],
    "en": ["Summary", "Network Model", "Network leadership", "Governance and form", "Behaviour and competences",
           "Response and participation", "Network structure", "Ecosystem and shared responsibility",
           "Differences between actor groups", "Development since the previous survey", "Open answers",
           "Recommendations", "Method and data"],
}


def plant_open_answer(folder: Path, wave: str) -> None:
    """Put planted HTML in the first respondent's 'what could be better' answer."""
    path = folder / f"{wave}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("open_beter")
    rows[1][column] = f"Meer vertrouwen graag {PLANTED}"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.fixture(scope="module")
def coalition(tmp_path_factory) -> Path:
    """Oosterbroek (two waves), written as comma CSV so an answer can be planted."""
    spec = next(s for s in EXAMPLE_SPECS if s.slug == "wijkzorg-oosterbroek")
    spec = type(spec)(**{**spec.__dict__, "file_format": "csv-comma-utf8"})
    folder = write_coalition(spec, tmp_path_factory.mktemp("inputs"), seed=5)
    plant_open_answer(folder, "2026")
    return folder


@pytest.fixture(scope="module")
def reports(coalition, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("reports")
    for lang in ("nl", "en"):
        make_report(ReportParameters(str(coalition), str(out / lang), lang=lang))
    return {lang: out / lang / f"{coalition.name}.pdf" for lang in ("nl", "en")}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_section_is_there_with_a_bookmark(reports, lang):
    reader = PdfReader(reports[lang])
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    assert bookmarks == SECTIONS[lang]
    text = pdf_text(reports[lang])
    positions = [text.find(title) for title in SECTIONS[lang]]
    assert all(p >= 0 for p in positions)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_tagged_with_language_title_author_and_embedded_fonts(reports, lang):
    reader = PdfReader(reports[lang])
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert "Coalitie Wijkzorg Oosterbroek" in reader.metadata.title
    assert reader.metadata.author == "Netwerkscan"
    fonts = embedded_fonts(reader)
    assert fonts and all(fonts.values()), fonts
    assert any("Open-Sans" in name for name in fonts)


def test_planted_html_in_an_open_answer_is_printed_not_run(coalition, tmp_path):
    instrument, brand, t = load_instrument(), load_brand(), Translator("nl")
    _, _, result = analyse_folder(coalition)
    html = report_html(result, report_charts(result, instrument, brand, t), instrument, brand, t)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    fetcher = write_pdf(html, tmp_path / "report.pdf", brand.folder)
    assert fetcher.refused == []
    text = pdf_text(tmp_path / "report.pdf").replace("\n", "")
    assert PLANTED in text.replace(" ", "") or PLANTED.replace(" ", "") in text.replace(" ", "")


def test_the_advice_section_quotes_what_participants_said(tmp_path):
    # low trust: answers speak to it
    result = make_report(ReportParameters(str(INPUTS / "samenwerking-kempenrode"), str(tmp_path)))
    quotes = [q.text for a in result.advice for q in a.quotes]
    assert quotes
    text = " ".join(pdf_text(tmp_path / "samenwerking-kempenrode.pdf").split())
    advice = text[text.find("Aanbevelingen Dit zijn"):text.rfind("Verantwoording")]
    assert "Wat deelnemers zeggen" in advice
    for quote in quotes:
        assert " ".join(quote.split())[:40] in advice


def test_english_report_has_no_dutch_fixed_text(reports):
    text = pdf_text(reports["en"])
    for english in ("page 2 of", "Three things to know", "Next steps", "Agreement on goals", "Working ties"):
        assert english in text, english
    for dutch in ("pagina", "Aanbevelingen", "Aandachtspunt", "Zorgpunt", "Gekozen vorm", "Kengetal", " van de "):
        assert dutch not in text, dutch


def test_numbers_and_dates_follow_the_language(reports):
    nl, en = pdf_text(reports["nl"]), pdf_text(reports["en"])
    assert "november 2026" in nl and "November" not in nl
    first_score = next(line for line in nl.splitlines() if "scoort gemiddeld" in line)
    assert "," in first_score.split("scoort gemiddeld")[1][:5]
    assert "." in next(line for line in en.splitlines() if "has a mean score of" in line or "mean" in line)


def test_no_development_section_without_a_previous_wave(tmp_path):
    spec = next(s for s in EXAMPLE_SPECS if s.slug == "farmacie-duinstede")
    folder = write_coalition(spec, tmp_path / "inputs", seed=3)
    make_report(ReportParameters(str(folder), str(tmp_path / "out")))
    reader = PdfReader(tmp_path / "out" / f"{folder.name}.pdf")
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Ontwikkeling sinds de vorige meting" not in titles
    assert titles == [s for s in SECTIONS["nl"] if s != "Ontwikkeling sinds de vorige meting"]


def test_a_network_without_central_organisations_names_none(tmp_path):
    make_report(ReportParameters(str(INPUTS / "farmacie-duinstede"), str(tmp_path)))      # five organisations, two ties
    text = " ".join(pdf_text(tmp_path / "farmacie-duinstede.pdf").split())
    assert "Meest verbonden organisaties: ." not in text and "Meest verbonden" not in text
    assert "Zonder enige werkrelatie in het netwerk: Huisartsencoöperatie Duinstede." in text   # two equal parts
    assert "Organisaties met geen of één vaste relatie:" not in text   # the parts' members are no edge
