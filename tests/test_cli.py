"""The real command line end to end: papermill runs the notebook, WeasyPrint writes PDFs,
and the PDFs are read back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from tests.command import netwerkscan
from tests.pdf_helpers import pdf_text

pytestmark = [pytest.mark.slow, pytest.mark.e2e]   # the `netwerkscan` command, on real kernels


def test_batch_makes_reports_and_records_the_broken_coalition(batch_run):
    result, out = batch_run
    assert result.returncode == 1, result.stderr          # one coalition failed, the others are made
    manifest = json.loads((out / "manifest.json").read_text())
    entries = {e["slug"]: e for e in manifest["coalitions"]}
    assert entries["wijkzorg-oosterbroek"]["status"] == "ok"
    assert entries["samenwerking-kempenrode"]["status"] == "ok"
    broken = entries["farmacie-duinstede"]
    assert broken["status"] == "failed"
    assert "2026.csv" in broken["error"] and "InputError" in broken["error"]
    assert broken["failed_cell"] is not None
    assert not (out / "farmacie-duinstede" / "farmacie-duinstede.pdf").exists()
    for slug in ("wijkzorg-oosterbroek", "samenwerking-kempenrode"):
        entry = entries[slug]
        assert entry["received"] == entry["used"] + entry["rejected"]
        assert set(entry["outputs"]) == {f"{slug}.pdf", "scores.json", f"{slug}.ipynb"}


def test_the_json_summary_and_closing_line_count_what_was_rendered(batch_run):
    result, out = batch_run
    summary = json.loads(result.stdout)                    # stdout holds the JSON object only
    assert summary["exit_code"] == 1
    assert summary["counts"] == {"coalitions": 3, "rendered": 2, "unchanged": 0, "problems": 1}
    coalitions = {c["slug"]: c for c in summary["coalitions"]}
    assert coalitions["farmacie-duinstede"]["status"] == "failed" and coalitions["farmacie-duinstede"]["outputs"] == []
    for output in coalitions["wijkzorg-oosterbroek"]["outputs"]:
        assert Path(output).is_file()
    assert summary["manifest"] == str(out / "manifest.json")
    assert "2 rendered, 1 not made; 2 of 3 coalitions without problems" in result.stderr


def test_the_batch_adds_to_the_reference_store_and_writes_the_portfolio(batch_run):
    _, out = batch_run
    store = json.loads((out.parent / "netwerkscan-reference.json").read_text())   # beside the output folder
    stored = {(e["coalition"], e["wave"]) for e in store["entries"]}
    assert {("wijkzorg-oosterbroek", "2025"), ("wijkzorg-oosterbroek", "2026"),
            ("samenwerking-kempenrode", "2026")} <= stored
    scores = json.loads((out / "wijkzorg-oosterbroek" / "scores.json").read_text())
    assert scores["reference"] == {}                                           # fewer than 5 others of its type
    portfolio = " ".join(pdf_text(out / "portfolio.pdf", layout=False).split())   # names wrap in their cells
    assert "Coalitie Wijkzorg Oosterbroek" in portfolio and "Samenwerkingsverband Kempenrode" in portfolio
    assert "Samenwerkingsverband Kempenrode" not in pdf_text(out / "wijkzorg-oosterbroek" / "wijkzorg-oosterbroek.pdf")


def test_a_norm_in_the_input_folder_is_compared_with(batch_inputs, tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(batch_inputs / "wijkzorg-oosterbroek", inputs / "wijkzorg-oosterbroek")
    (inputs / "norm.yaml").write_text("name: Landelijk 2025\nconstructs: {actor: 1.5, fundament: 4.9}\n",
                                      encoding="utf-8")
    result = netwerkscan("run", str(inputs), "--out", str(tmp_path / "out"), "--date", "2026-11-22")
    assert result.returncode == 0, result.stderr
    scores = json.loads((tmp_path / "out" / "wijkzorg-oosterbroek" / "scores.json").read_text())
    assert scores["norm_name"] == "Landelijk 2025"
    assert scores["norm"]["actor"]["direction"] == "higher" and scores["norm"]["fundament"]["direction"] == "lower"
    assert "Norm: Landelijk 2025" in pdf_text(tmp_path / "out" / "wijkzorg-oosterbroek" / "wijkzorg-oosterbroek.pdf")
    (inputs / "norm.yaml").write_text("constructs: hoog\n", encoding="utf-8")
    bad = netwerkscan("run", str(inputs), "--out", str(tmp_path / "out"))
    assert bad.returncode == 2 and "norm.yaml" in bad.stderr


def test_pdf_shows_the_coalition_and_its_scores(batch_run):
    _, out = batch_run
    folder = out / "wijkzorg-oosterbroek"
    scores = json.loads((folder / "scores.json").read_text())
    text = pdf_text(folder / "wijkzorg-oosterbroek.pdf")
    assert "Coalitie Wijkzorg Oosterbroek" in text
    for block in ("actor", "identiteit", "ambities", "fundament"):
        mean = f"{scores['constructs'][block]['mean']:.1f}".replace(".", ",")
        assert mean in text, (block, mean)
    assert "pagina 2 van" in text
    assert "22 november 2026" in text
    reader = PdfReader(folder / "wijkzorg-oosterbroek.pdf")
    assert reader.metadata.title.startswith("Netwerkscan Coalitie Wijkzorg Oosterbroek")
    assert [o.title for o in reader.outline if not isinstance(o, list)][:2] == ["Samenvatting", "Netwerkmodel"]


def test_executed_notebook_is_kept_as_the_record(batch_run):
    _, out = batch_run
    nb = nbformat.read(out / "wijkzorg-oosterbroek" / "wijkzorg-oosterbroek.ipynb", as_version=4)
    parameters = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert parameters and "wijkzorg-oosterbroek" in parameters[0].source
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_identifying_columns_reach_no_output(batch_run, batch_inputs):
    _, out = batch_run
    raw = (batch_inputs / "samenwerking-kempenrode" / "2026.csv").read_bytes().decode("cp1252")
    assert "deelnemer7@voorbeeld.example" in raw and "Deelnemer 7" in raw     # planted in the input
    folder = out / "samenwerking-kempenrode"
    outputs = [pdf_text(folder / "samenwerking-kempenrode.pdf"), (folder / "scores.json").read_text(),
               (folder / "samenwerking-kempenrode.ipynb").read_text(), (out / "manifest.json").read_text()]
    for text in outputs:
        assert "@voorbeeld.example" not in text
        assert "Deelnemer 7" not in text


def test_validate_names_file_row_and_column(batch_inputs, tmp_path):
    result = netwerkscan("validate", str(batch_inputs))
    assert result.returncode == 1
    assert "farmacie-duinstede: cannot be used" in result.stdout
    assert "2026.csv" in result.stdout
    assert "column 'E-mail': identifies people" in result.stdout


def test_help_explains_with_an_example_and_usage_errors_exit_2():
    for command in ("run", "validate", "example-data", "template", "questionnaire"):
        result = netwerkscan(command, "--help")
        assert result.returncode == 0 and "Example" in result.stdout, command
    assert netwerkscan("run", "--lang", "fr").returncode == 2
    assert netwerkscan("run", "no-such-folder").returncode == 2


def test_english_report_has_no_dutch_fixed_text(batch_inputs, tmp_path):
    result = netwerkscan("run", str(batch_inputs), "--out", str(tmp_path), "--lang", "en",
                         "--only", "wijkzorg-oosterbroek", "--date", "2026-11-22")
    assert result.returncode == 0, result.stderr
    text = pdf_text(tmp_path / "wijkzorg-oosterbroek" / "wijkzorg-oosterbroek.pdf")
    for english in ("Summary", "Network Model", "Method and data", "page 2 of", "22 November 2026"):
        assert english in text, english
    for dutch in ("Samenvatting", "pagina", "Verantwoording", "Dit rapport", "Aandachtspunt"):
        assert dutch not in text, dutch
