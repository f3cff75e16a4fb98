"""What was not measured, in the PDF: sections that say their questions were not asked
instead of showing figures, a trend over what both waves measured, and long open answers
shortened (scores.json keeps them whole)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.report.brand import load_brand
from pipeline.report.charts import report_charts
from pipeline.report.parameters import ReportParameters
from pipeline.report.steps import analyse_folder, make_report, report_html
from pipeline.report.texts import SHORTENED
from tests.command import netwerkscan
from tests.pdf_helpers import pdf_text
from tests.survey_files import OPTIONAL, coalition, drop_columns, empty_columns

pytestmark = pytest.mark.slow   # real PDFs

URL = ("https://www.zorgnetwerk.example/documenten/verslagen/werkgroep-ouderenzorg/eindversie.pdf?sessie="
       + "0123456789abcdef" * 8)
LONG = ("Wat beter kan is de afstemming tussen de huisartsen en de wijkteams, vooral bij ontslag uit het ziekenhuis. "
        * 2 + f"Zie ook {URL} " + "De wachttijden lopen op en niemand voelt zich eigenaar van het geheel. " * 40)[:3000]


def text_of(pdf: Path) -> str:
    return " ".join(pdf_text(pdf, layout=False).split())


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    drop_columns(coalition(folder, "niet-gevraagd", seed=1) / "2026.csv", OPTIONAL)
    drop_columns(coalition(folder, "twee-metingen", waves=("2025", "2026"), seed=2) / "2025.csv", ("GVE",))
    answer_at_length(coalition(folder, "lang-antwoord", seed=3) / "2026.csv")
    return folder


def answer_at_length(path: Path) -> None:
    """LONG as the 'what could be better' answer of a respondent who answered every statement."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    items = [i for i, name in enumerate(header) if name in load_instrument().items]
    complete = next(row for row in rows[1:] if all(row[i] for i in items))
    complete[header.index("open_beter")] = LONG
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def report(inputs: Path, slug: str, out: Path, lang: str = "nl"):
    result = make_report(ReportParameters(str(inputs / slug), str(out), lang=lang, today="2026-11-24"))
    return result, out / f"{slug}.pdf"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sections_without_their_questions_say_so_and_show_no_figures(inputs, tmp_path, lang):
    result, pdf = report(inputs, "niet-gevraagd", tmp_path, lang)
    text = text_of(pdf)
    t = Translator(lang)
    for key in ("not_asked_network", "not_asked_roles", "not_asked_governance", "not_asked_open"):
        assert " ".join(t(key).split()) in text
    for absent in ("fig_density_meaning", "fig_trust_density_meaning", "loose_orgs_none", "roles_open_none",
                   "open_intro"):
        assert " ".join(t(absent).split()) not in text
    assert not re.search(r"(?<![\d,.])0\s?%", text)      # no density or share of 0%
    assert "fragment" not in text.lower() and "versnipper" not in text.lower()
    assert t("chart_network_title") not in text and t("chart_roles_title") not in text
    charts = report_charts(result, load_instrument(), load_brand(None), t)
    assert "netwerkkaart" not in charts and "rolhouders" not in charts


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sections_nobody_answered_say_so(tmp_path, lang):
    folder = coalition(tmp_path, "niet-beantwoord")
    empty_columns(folder / "2026.csv", OPTIONAL)
    _, _, result = analyse_folder(folder)
    t, instrument, brand = Translator(lang), load_instrument(), load_brand(None)
    html = report_html(result, report_charts(result, instrument, brand, t), instrument, brand, t)
    for key in ("not_answered_network", "not_answered_roles", "not_answered_governance", "not_answered_open"):
        assert t(key) in html
    assert t("network_intro") not in html and t("roles_open_none") not in html


def test_the_trend_covers_what_both_waves_measured_and_names_the_rest(inputs, tmp_path):
    result, pdf = report(inputs, "twee-metingen", tmp_path)
    assert result.not_compared == ("gedeelde_verantwoordelijkheid",)
    text = text_of(pdf)
    assert "Ontwikkeling sinds de vorige meting" in text
    assert ("Niet vergeleken met 2025, omdat de vragenlijst van toen niet alle uitspraken bevatte over: "
            "Gedeelde verantwoordelijkheid.") in text


def test_a_very_long_answer_is_shortened_in_the_pdf_and_whole_in_scores_json(inputs, tmp_path):
    _, pdf = report(inputs, "lang-antwoord", tmp_path)
    text = text_of(pdf)
    assert SHORTENED.strip() in text
    assert "ingekort" in text and "scores.json" in text
    assert "Wat beter kan is de afstemming" in text
    assert LONG[-200:] not in text
    assert URL in text.replace(" ", "")         # the long URL is printed, wrapped over lines
    scores = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    assert LONG in [a["text"] for a in scores["open_answers"]["open_beter"]]


@pytest.mark.e2e
def test_validate_accepts_what_the_run_can_report(inputs):
    done = netwerkscan("validate", str(inputs))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 coalition(s) with errors" in done.stdout
    assert "statement(s) not in this wave's file: GVE1, GVE2, GVE3" in done.stdout


@pytest.mark.e2e
def test_run_reports_them_all_through_the_notebook(inputs, tmp_path):
    done = netwerkscan("run", str(inputs), "--out", str(tmp_path), "--workers", "2", "--date", "2026-11-24")
    assert done.returncode == 0, done.stdout + done.stderr
    assert all((tmp_path / slug / f"{slug}.pdf").is_file()
               for slug in ("niet-gevraagd", "twee-metingen", "lang-antwoord"))
