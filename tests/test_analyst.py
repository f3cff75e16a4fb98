"""The analyst's working surface: the notebook with its defaults, an own section, the HTML
edition and preview, and a firm's own notebook."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import papermill
import pytest
from matplotlib.figure import Figure
from pptx import Presentation

from pipeline.batch.kernelspec import KERNEL_NAME
from pipeline.core.paths import REPORT_NOTEBOOK
from pipeline.report.markdown_text import safe_markdown
from pipeline.report.parameters import ReportParameters
from pipeline.report.sections import custom_section
from pipeline.report.steps import analyse_coalition, draw_charts, prepare, read_coalition, write_report
from tests.command import netwerkscan
from tests.pdf_helpers import pdf_text

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
SLUG = "wijkzorg-oosterbroek"


def test_markdown_in_a_section_carries_no_markup_and_fetches_nothing():
    html = safe_markdown("Wat **opvalt**\n\n<script>alert(1)</script> ![x](http://example.org/x.png) <b>vet</b>")
    assert "<strong>opvalt</strong>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "<b>" not in html


def test_a_figure_without_a_description_is_refused():
    with pytest.raises(ValueError, match="figure_alt"):
        custom_section("Eigen", figure=Figure())


@pytest.mark.slow
def test_an_own_section_reaches_the_pdf_and_the_html_edition(tmp_path):
    params = ReportParameters(str(INPUTS / SLUG), str(tmp_path), formats="pdf,html")
    setup = prepare(params)
    coalition, waves = read_coalition(params)
    result = analyse_coalition(coalition, waves, params, setup)
    figure = Figure(figsize=(4, 2))
    figure.subplots().bar(["a", "b"], [3, 4])
    section = custom_section("Onze eigen analyse", "Wat **opvalt** in <Oosterbroek>", figure=figure,
                             figure_alt="Twee staven: a en b",
                             table=__import__("pandas").DataFrame({"groep": ["x"], "n": [12]}))
    written = write_report(result, draw_charts(result, setup), setup, tmp_path, ("pdf", "html"), [section])
    assert [p.name for p in written] == ["scores.json", f"{SLUG}.pdf", f"{SLUG}.html"]
    text = pdf_text(tmp_path / f"{SLUG}.pdf")
    assert "Onze eigen analyse" in text and "in <Oosterbroek>" in text and "groep" in text
    html = (tmp_path / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "Onze eigen analyse" in html and "&lt;Oosterbroek&gt;" in html and 'alt="Twee staven: a en b"' in html
    # self-contained: no stylesheet, image or script fetched from anywhere
    assert "<link" not in html and not re.search(r'src="(?!data:)', html)
    assert html.count("<h1") >= 10 and "<table" in html and "<figure" in html


@pytest.mark.slow
def test_the_notebook_with_its_defaults_writes_to_scratch_and_leaves_reports_alone(tmp_path):
    """As an analyst opens it: the notebook in notebooks/, run from there, with no parameters."""
    shutil.copytree(INPUTS / SLUG, tmp_path / "inputs" / SLUG)
    (tmp_path / "notebooks").mkdir()
    shutil.copy(REPORT_NOTEBOOK, tmp_path / "notebooks" / REPORT_NOTEBOOK.name)
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "kept.txt").write_text("a batch's output")
    papermill.execute_notebook(str(tmp_path / "notebooks" / REPORT_NOTEBOOK.name), str(tmp_path / "run.ipynb"),
                               kernel_name=KERNEL_NAME, cwd=str(tmp_path / "notebooks"), progress_bar=False)
    assert sorted(p.name for p in reports.iterdir()) == ["kept.txt"]
    assert (tmp_path / "scratch" / SLUG / f"{SLUG}.pdf").is_file()


@pytest.mark.slow
@pytest.mark.e2e
def test_preview_writes_the_report_as_html(tmp_path):
    result = netwerkscan("preview", SLUG, str(INPUTS), "--out", str(tmp_path / "p.html"), "--lang", "en")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert 'lang="en"' in html and "Wijkzorg" in html and not list(tmp_path.glob("*.pdf"))


@pytest.mark.e2e
def test_a_custom_notebook_without_the_parameters_fails_before_a_kernel(tmp_path):
    notebook = tmp_path / "eigen.ipynb"
    text = REPORT_NOTEBOOK.read_text(encoding="utf-8").replace('formats = \\"pdf\\"', "aantal = 1")
    notebook.write_text(text, encoding="utf-8")
    result = netwerkscan("run", str(INPUTS), "--out", str(tmp_path / "out"), "--notebook", str(notebook),
                         "--only", SLUG)
    assert result.returncode == 2, result.stderr
    assert "does not declare the report parameters formats" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
@pytest.mark.e2e
def test_run_writes_the_html_edition_and_the_slides_next_to_the_pdf(tmp_path):
    result = netwerkscan("run", str(INPUTS), "--out", str(tmp_path), "--only", SLUG, "--formats", "pdf,html,pptx")
    assert result.returncode == 0, result.stderr
    entry = json.loads((tmp_path / "manifest.json").read_text())["coalitions"][0]
    assert {f"{SLUG}.pdf", f"{SLUG}.html", f"{SLUG}.pptx", "scores.json", f"{SLUG}.ipynb"} == set(entry["outputs"])
    assert len(Presentation(str(tmp_path / SLUG / f"{SLUG}.pptx")).slides) == 10   # two of conversation starters
    assert (tmp_path / SLUG / f"{SLUG}.html").is_file()
    assert netwerkscan("run", str(INPUTS), "--out", str(tmp_path), "--formats", "pdf,docx").returncode == 2
