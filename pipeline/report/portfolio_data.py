"""The portfolio as data: `portfolio.xlsx` and `portfolio.csv` next to `portfolio.pdf`, one row
per coalition, for the firm to sort, filter and chart in a spreadsheet.

The rows are the portfolio's own (`portfolio.read_rows`), so the files say exactly what the
PDF says: a coalition below its anonymity threshold, or whose scores.json cannot be read, has
no figures, only the note why. The workbook has a sheet with every coalition and one per
reported wave. The CSV is for Dutch Excel, whatever the language of the headings: UTF-8 with
a byte order mark (else Excel reads it as cp1252), `;` between fields and a decimal comma
(Dutch Excel splits on `;` and reads `3,75` as a number, `3.75` as text or a date)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.core.files import atomic_write
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument, load_instrument
from pipeline.core.xlsx import save_reproducibly
from pipeline.report.portfolio import Row, Score, folder_rows

Value = str | int | float | bool | None
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
WIDTH_LIMIT = 60    # characters: wider columns (the first advice) wrap in Excel instead


def headers(instrument: Instrument, t: Translator) -> list[str]:
    """The column headings in the portfolio's language, in the order of `values`."""
    blocks = [c.name(t.lang) for c in instrument.constructs_in("bouwsteen")]
    roles = [c.name(t.lang) for c in instrument.constructs_in("rol")]
    return [
        t("portfolio_coalition"), t("portfolio_data_slug"), t("portfolio_data_region"), t("wave"),
        t("portfolio_data_used"), t("portfolio_data_received"), t("portfolio_data_invited"), t("portfolio_data_rate"),
        *(h for name in blocks for h in (t("portfolio_data_mean", name=name), t("portfolio_data_band", name=name))),
        *(h for name in roles for h in (t("portfolio_data_mean", name=name), t("portfolio_data_band", name=name),
                                        t("portfolio_data_role_flag", name=name))),
        t("portfolio_data_declared"), t("portfolio_data_fitting"), t("portfolio_data_mismatch"),
        t("portfolio_data_trust_density"), t("portfolio_data_advice_count"), t("portfolio_advice"),
        t("portfolio_data_note"),
    ]


def _score(score: Score | None, t: Translator) -> list[Value]:
    if score is None or score.mean is None:
        return [None, None]
    return [round(score.mean, 2), t.band(score.band)]


def _flag(flag: str | None, t: Translator) -> str | None:
    return t(f"portfolio_role_{flag}") if flag else None


def values(row: Row, width: int, t: Translator) -> list[Value]:
    """One row's `width` cells, as typed values (numbers stay numbers); a withheld row keeps
    only who and what it is, and the note why it has no figures."""
    head: list[Value] = [row.name, row.slug, row.region or None, row.wave or None, row.used, row.received,
                         row.invited, None if row.rate is None else round(row.rate, 2)]
    if row.withheld:
        return [*head, *([None] * (width - len(head) - 1)), t(row.withheld, threshold=row.threshold)]
    blocks = [v for score in row.blocks.values() for v in _score(score, t)]
    roles = [v for role, score in row.roles.items() for v in (*_score(score, t), _flag(row.role_flags[role], t))]
    return [
        *head, *blocks, *roles,
        t(f"portfolio_mode_{row.declared}") if row.declared else None,
        t(f"portfolio_mode_{row.fitting}") if row.fitting else None,
        row.mismatch if row.fitting else None,
        None if row.trust_density is None else round(row.trust_density, 2),
        row.advice_count, row.top_advice, None,
    ]


def sheet_name(wave: str) -> str:
    """Excel forbids some characters and more than 31 of them in a sheet's name."""
    return SHEET_NAME_FORBIDDEN.sub("-", wave)[:31] or "-"


def _fill(sheet: Worksheet, head: list[str], rows: Sequence[list[Value]], t: Translator) -> None:
    sheet.append(head)
    for cells in rows:
        sheet.append(cells)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    shares = {head.index(t(key)) + 1 for key in ("portfolio_data_trust_density", "portfolio_data_rate")}  # as %
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, float):
                cell.number_format = "0%" if cell.column in shares else "0.00"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(width + 2, WIDTH_LIMIT)


def workbook(rows: list[Row], instrument: Instrument, t: Translator) -> Workbook:
    """A sheet with every coalition, then one per reported wave (oldest first); a coalition
    whose results cannot be read has no wave and is on the first sheet only."""
    head = headers(instrument, t)
    book = Workbook()
    overview = book.active
    assert overview is not None     # a new workbook always has its first sheet
    overview.title = t("portfolio_data_all")
    _fill(overview, head, [values(row, len(head), t) for row in rows], t)
    for wave in sorted({row.wave for row in rows if row.wave}):
        _fill(book.create_sheet(sheet_name(wave)), head,
              [values(row, len(head), t) for row in rows if row.wave == wave], t)
    return book


def _csv_cell(value: Value, t: Translator) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("portfolio_data_yes") if value else t("portfolio_data_no")
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def csv_text(rows: list[Row], instrument: Instrument, t: Translator) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    head = headers(instrument, t)
    writer.writerow(head)
    writer.writerows([_csv_cell(v, t) for v in values(row, len(head), t)] for row in rows)
    return buffer.getvalue()


def write_portfolio_data(out_dir: Path, t: Translator, rows: list[Row] | None = None) -> tuple[Path, Path] | None:
    """Write `portfolio.xlsx` and `portfolio.csv` from the coalitions' scores.json files (or the
    `rows` already read from them); None (and nothing written) when the folder holds no
    results, as for portfolio.pdf."""
    out_dir = Path(out_dir)
    instrument = load_instrument()
    rows = folder_rows(out_dir, t) if rows is None else rows
    if not rows:
        return None
    xlsx, table = out_dir / "portfolio.xlsx", out_dir / "portfolio.csv"
    save_reproducibly(workbook(rows, instrument, t), xlsx)
    text = csv_text(rows, instrument, t)
    atomic_write(table, lambda tmp: tmp.write_text(text, encoding="utf-8-sig", newline=""))
    return xlsx, table
