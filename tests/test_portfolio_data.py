"""portfolio.xlsx and portfolio.csv read back with openpyxl and csv, made from scores.json files
written by the real analysis: a row per coalition, a sheet per wave, no figures where the
portfolio shows none, and a CSV that Dutch Excel opens as columns."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.analysis.result import CoalitionResult
from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.report.portfolio_data import headers, write_portfolio_data
from pipeline.report.steps import analyse_folder, write_scores

INPUTS = Path(__file__).resolve().parent.parent / "inputs"


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> tuple[Path, dict[str, CoalitionResult]]:
    """An output folder as the batch leaves it: two real results (one moved to an earlier
    wave), a third below its anonymity threshold and a scores.json that cannot be read."""
    out = tmp_path_factory.mktemp("reports")
    _, _, oosterbroek = analyse_folder(INPUTS / "wijkzorg-oosterbroek")
    _, _, kempenrode = analyse_folder(INPUTS / "samenwerking-kempenrode")
    too_few = replace(kempenrode.response, used=kempenrode.settings.anonymity_threshold - 1)
    made = {
        "wijkzorg-oosterbroek": oosterbroek,
        "samenwerking-kempenrode": replace(kempenrode, wave="2025"),
        "kempenrode-klein": replace(kempenrode, response=too_few,
                                    coalition=replace(kempenrode.coalition, name="Kempenrode klein")),
    }
    for slug, result in made.items():
        write_scores(result, out / slug)
    (out / "kapot").mkdir()
    (out / "kapot" / "scores.json").write_text("{ half geschreven", encoding="utf-8")
    return out, made


@pytest.fixture(scope="module", params=["nl", "en"])
def written(request, results) -> tuple[Translator, Path, Path]:
    out, _ = results
    t = Translator(request.param)
    paths = write_portfolio_data(out, t)
    assert paths is not None
    return t, *paths


def sheet_rows(sheet) -> dict[str, dict[str, object]]:
    """Rows keyed by the coalition's folder, each as heading -> value."""
    head, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return {row[1]: dict(zip(head, row)) for row in rows}


def test_a_row_per_coalition_with_the_figures_of_its_result(results, written):
    out, made = results
    t, xlsx, _ = written
    book = load_workbook(xlsx)
    rows = sheet_rows(book.worksheets[0])
    assert book.worksheets[0].title == t("portfolio_data_all")
    assert set(rows) == {*made, "kapot"}
    oosterbroek, result = rows["wijkzorg-oosterbroek"], made["wijkzorg-oosterbroek"]
    actor = load_instrument().constructs["actor"].name(t.lang)
    assert oosterbroek[t("portfolio_coalition")] == result.coalition.name
    summary = result.constructs["actor"]
    assert oosterbroek[t("portfolio_data_mean", name=actor)] == pytest.approx(summary.mean, abs=0.005)
    assert oosterbroek[t("portfolio_data_band", name=actor)] == t.band(summary.shown_band)
    assert oosterbroek[t("portfolio_data_used")] == result.response.used
    assert oosterbroek[t("portfolio_advice")] == result.advice[0].title[t.lang]
    assert oosterbroek[t("portfolio_data_trust_density")] == pytest.approx(result.network.trust_density, abs=0.005)
    assert oosterbroek[t("portfolio_data_note")] is None


def test_withheld_and_unreadable_coalitions_have_no_figures(results, written):
    _, made = results
    t, xlsx, _ = written
    rows = sheet_rows(load_workbook(xlsx).worksheets[0])
    small = rows["kempenrode-klein"]
    figures = headers(load_instrument(), t)[8:-1]            # everything between the response and the note
    assert all(small[h] is None for h in figures)
    threshold = made["kempenrode-klein"].settings.anonymity_threshold
    assert small[t("portfolio_data_note")] == t("portfolio_too_few", threshold=threshold)
    assert small[t("portfolio_coalition")] == "Kempenrode klein"     # the firm's own overview names it
    assert all(rows["kapot"][h] is None for h in figures)
    assert rows["kapot"][t("portfolio_data_note")] == t("portfolio_unreadable")


def test_one_sheet_per_reported_wave(written):
    t, xlsx, _ = written
    book = load_workbook(xlsx)
    assert book.sheetnames == [t("portfolio_data_all"), "2025", "2026"]
    assert set(sheet_rows(book["2025"])) == {"samenwerking-kempenrode"}
    assert set(sheet_rows(book["2026"])) == {"wijkzorg-oosterbroek", "kempenrode-klein"}


def test_csv_is_utf8_with_bom_semicolons_and_decimal_commas(results, written):
    _, made = results
    t, xlsx, table = written
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert csv.Sniffer().sniff(text.splitlines()[0]).delimiter == ";"
    head, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert head == headers(load_instrument(), t)
    assert len(rows) == 4 and all(len(row) == len(head) for row in rows)
    book_rows = sheet_rows(load_workbook(xlsx).worksheets[0])
    assert [row[1] for row in rows] == list(book_rows)                # the same rows, in the same order
    oosterbroek = dict(zip(head, next(row for row in rows if row[1] == "wijkzorg-oosterbroek")))
    actor = t("portfolio_data_mean", name=load_instrument().constructs["actor"].name(t.lang))
    assert oosterbroek[actor] == f"{made['wijkzorg-oosterbroek'].constructs['actor'].mean:.2f}".replace(".", ",")


def test_same_results_give_the_same_bytes(results, tmp_path):
    out, _ = results
    first = [p.read_bytes() for p in write_portfolio_data(out, Translator("nl"))]
    second = [p.read_bytes() for p in write_portfolio_data(out, Translator("nl"))]
    assert first == second


def test_nothing_is_written_without_results(tmp_path):
    assert write_portfolio_data(tmp_path, Translator("nl")) is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.e2e
@pytest.mark.slow
def test_the_batch_writes_the_portfolio_data_next_to_the_pdf(batch_run):
    """`netwerkscan run` as a user types it: both files, with the coalitions the batch made
    (the one whose responses cannot be read has no scores.json, so no row)."""
    _, out = batch_run
    t = Translator("nl")
    rows = sheet_rows(load_workbook(out / "portfolio.xlsx").worksheets[0])
    assert set(rows) == {"wijkzorg-oosterbroek", "samenwerking-kempenrode"}
    assert rows["wijkzorg-oosterbroek"][t("portfolio_coalition")] == "Coalitie Wijkzorg Oosterbroek"
    text = (out / "portfolio.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].split(";") == headers(load_instrument(), t)
    assert "Coalitie Wijkzorg Oosterbroek" in text
