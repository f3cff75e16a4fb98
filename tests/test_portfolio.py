"""The portfolio overview read back from real PDFs, made from scores.json files written by the
real analysis; and the second example brand, which must look different and embed its fonts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.analysis.result import CoalitionResult
from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.core.paths import DEFAULT_BRAND, TEMPLATES_DIR
from pipeline.report.brand import load_brand
from pipeline.report.portfolio import portfolio_row, write_portfolio
from pipeline.report.steps import analyse_folder, write_scores
from tests.pdf_helpers import embedded_fonts, pdf_text

pytestmark = pytest.mark.slow   # real PDFs

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
ZUIDKUST = TEMPLATES_DIR / "brands" / "zuidkust-advies"
SLUGS = ("farmacie-duinstede", "samenwerking-kempenrode", "wijkzorg-oosterbroek")
PLANTED = "<script>alert(1)</script>"
TODAY = "2026-11-23"


def flat(text: str) -> str:
    """Text with every run of white space as one space: names may wrap in a table cell."""
    return " ".join(text.split())


def has_family(names: dict[str, bool], family: str) -> bool:
    """"Noto Serif" matches "ABCDEF+Noto-Serif-Bold" (subset prefix, hyphens for spaces)."""
    wanted = re.sub(r"[^a-z]", "", family.lower())
    return any(wanted in re.sub(r"[^a-z]", "", name.split("+")[-1].lower()) for name in names)


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """An output folder as the batch leaves it: one folder with scores.json per coalition,
    from the real analysis of shipped examples; plus a folder without results."""
    out = tmp_path_factory.mktemp("reports")
    names = {}
    for slug in SLUGS:
        _, _, result = analyse_folder(INPUTS / slug)
        write_scores(result, out / slug)
        names[slug] = result.coalition.name
    (out / "zonder-uitkomsten").mkdir()
    return out, names


@pytest.fixture(scope="module")
def portfolios(results, tmp_path_factory) -> dict[str, Path]:
    """The Dutch and English portfolio of the same results, each in its own copy of the folder."""
    out, _ = results
    made = {}
    for lang in ("nl", "en"):
        folder = shutil.copytree(out, tmp_path_factory.mktemp(lang) / "reports")
        made[lang] = write_portfolio(folder, load_brand(), Translator(lang), today=TODAY)
    return made


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_names_every_coalition_in_a_tagged_landscape_pdf(results, portfolios, lang):
    _, names = results
    path = portfolios[lang]
    assert path.name == "portfolio.pdf" and path.is_file()
    reader = PdfReader(path)
    assert len(reader.pages) >= 1
    box = reader.pages[0].mediabox
    assert box.width > box.height                                      # A4 landscape
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert Translator(lang)("portfolio_title") in reader.metadata.title
    assert reader.metadata.author == "Netwerkscan"
    embedded = embedded_fonts(reader)
    assert embedded and all(embedded.values()), embedded
    text = flat(pdf_text(path, layout=False))
    for name in names.values():
        assert name in text, name
    assert "zonder-uitkomsten" not in text                             # no scores.json, no row
    assert Translator(lang)("portfolio_count", count=len(names)) in text


def test_rows_follow_the_coalition_names_and_show_the_figures(results, portfolios):
    out, names = results
    text = flat(pdf_text(portfolios["nl"], layout=False))
    positions = [text.find(name) for name in sorted(names.values(), key=str.casefold)]
    assert positions == sorted(positions)
    scores = json.loads((out / "wijkzorg-oosterbroek" / "scores.json").read_text(encoding="utf-8"))
    t = Translator("nl")
    assert t.percent(scores["network"]["trust_density"]) in text
    invited = scores["participation"]["invited"]
    used = scores["response"]["used"]
    assert t("portfolio_response_rate", used=used, invited=invited, rate=t.percent(used / invited)) in text
    assert scores["advice"][0]["title"]["nl"] in text


def test_english_portfolio_has_english_headings(portfolios):
    en, nl = flat(pdf_text(portfolios["en"], layout=False)), flat(pdf_text(portfolios["nl"], layout=False))
    for english in ("Portfolio overview", "Building blocks", "Roles", "Governance", "First advice", "page 1 of"):
        assert english in en, english
    for dutch in ("Portfolio-overzicht", "Bouwstenen", "Rollen", "Regievorm", "Toelichting", "pagina"):
        assert dutch not in en, dutch
        assert dutch in nl, dutch


def test_user_text_is_printed_not_run(results, tmp_path):
    out, _ = results
    folder = shutil.copytree(out, tmp_path / "reports")
    path = folder / "samenwerking-kempenrode" / "scores.json"
    scores = json.loads(path.read_text(encoding="utf-8"))
    scores["coalition"]["name"] = f"Kempenrode {PLANTED}"
    scores["coalition"]["region"] = '<img src="http://example.com/x.png">'
    path.write_text(json.dumps(scores, ensure_ascii=False), encoding="utf-8")
    target = write_portfolio(folder, load_brand(), Translator("nl"), today=TODAY)
    text = "".join(pdf_text(target, layout=False).split())
    assert f"Kempenrode{PLANTED}" in text
    assert '<imgsrc="http://example.com/x.png">' in text


def test_an_empty_folder_gives_nothing(tmp_path):
    assert write_portfolio(tmp_path, load_brand(), Translator("nl")) is None
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "zonder-uitkomsten").mkdir()
    assert write_portfolio(tmp_path, load_brand(), Translator("nl")) is None
    assert not (tmp_path / "portfolio.pdf").exists()
    assert write_portfolio(tmp_path / "bestaat-niet", load_brand(), Translator("nl")) is None


def test_unreadable_and_incomplete_results_are_shown_not_dropped(results, tmp_path):
    out, names = results
    folder = shutil.copytree(out, tmp_path / "reports")
    (folder / "kapot").mkdir()
    (folder / "kapot" / "scores.json").write_text("{ half geschreven", encoding="utf-8")
    (folder / ".staging" / "bezig").mkdir(parents=True)
    (folder / ".staging" / "bezig" / "scores.json").write_text("{}", encoding="utf-8")
    path = folder / "farmacie-duinstede" / "scores.json"
    scores = json.loads(path.read_text(encoding="utf-8"))
    del scores["constructs"], scores["governance"]
    scores["network"]["trust_density"] = "hoog"
    path.write_text(json.dumps(scores, ensure_ascii=False), encoding="utf-8")
    t = Translator("nl")
    text = flat(pdf_text(write_portfolio(folder, load_brand(), t, today=TODAY), layout=False))
    assert "kapot" in text and "farmacie-duinstede" in text           # no longer a result: shown by folder
    assert text.count(t("portfolio_unreadable")) == 2
    assert "bezig" not in text                                         # the batch's staging area
    assert all(name in text for slug, name in names.items() if slug != "farmacie-duinstede")
    assert names["farmacie-duinstede"] not in text
    assert t("portfolio_count", count=len(names) + 1) in text


def read_result(out: Path, slug: str) -> CoalitionResult:
    return CoalitionResult.from_json((out / slug / "scores.json").read_text(encoding="utf-8"))


def test_no_figures_below_the_anonymity_threshold(results):
    out, _ = results
    result = read_result(out, "wijkzorg-oosterbroek")
    instrument = load_instrument()
    assert portfolio_row(result, "wijkzorg-oosterbroek", instrument, "nl").withheld is None
    too_few = replace(result.response, used=result.settings.anonymity_threshold - 1)
    row = portfolio_row(replace(result, response=too_few), "wijkzorg-oosterbroek", instrument, "nl")
    assert row.withheld == "portfolio_too_few"


def test_roles_and_governance_are_read_with_their_markers(results):
    out, _ = results
    result = read_result(out, "wijkzorg-oosterbroek")
    roles = dict(result.roles)
    roles["verkenner"] = replace(roles["verkenner"], status="unfilled")
    roles["strateeg"] = replace(roles["strateeg"], status="single_group")
    found = replace(result.governance, declared="zelfregulerend", fitting="netwerkbureau", mismatch=True)
    row = portfolio_row(replace(result, roles=roles, governance=found), "wijkzorg-oosterbroek", load_instrument(), "en")
    assert row.role_flags == {"strateeg": "single_group", "ontwikkelaar": None, "verkenner": "unfilled",
                              "procesmanager": None}
    assert row.roles["verkenner"].mean == result.constructs["rol_verkenner"].mean
    assert (row.declared, row.fitting, row.mismatch) == ("zelfregulerend", "netwerkbureau", True)
    assert row.top_advice == result.advice[0].title["en"]
    assert set(row.blocks) == {"actor", "identiteit", "ambities", "fundament"}


def test_zuidkust_brand_loads_and_differs_from_the_default():
    default, zuidkust = load_brand(DEFAULT_BRAND), load_brand(ZUIDKUST)
    assert zuidkust.firm == "Zuidkust Advies" != default.firm
    assert zuidkust.primary.lower() != default.primary.lower()
    assert zuidkust.heading_font != default.heading_font
    assert zuidkust.logo.suffix == ".svg" and zuidkust.logo.parent == ZUIDKUST
    assert ".example" in zuidkust.contact
    assert set(zuidkust.disclaimer) == {"nl", "en"}
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=True).stdout
    for family in (zuidkust.font, zuidkust.heading_font):              # installed, never shipped
        assert family in listed, family


def test_zuidkust_portfolio_embeds_its_heading_font(results, tmp_path):
    out, _ = results
    folder = shutil.copytree(out, tmp_path / "reports")
    brand = load_brand(ZUIDKUST)
    reader = PdfReader(write_portfolio(folder, brand, Translator("en"), today=TODAY))
    embedded = embedded_fonts(reader)
    assert all(embedded.values()), embedded
    assert has_family(embedded, brand.heading_font), embedded
    assert reader.metadata.author == "Zuidkust Advies"
    assert "Zuidkust Advies" in pdf_text(folder / "portfolio.pdf", layout=False)
