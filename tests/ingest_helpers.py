"""Shared builders for the ingest tests: a small valid coalition folder in a temp dir.

The answers come from the seeded example generator, so they look like a real scan; the
file itself is written here with the csv module, in whatever encoding, delimiter and line
ends a test needs, so that each test controls exactly the bytes the reader sees."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from pipeline.core.coalition import Coalition, load_coalition
from pipeline.core.instrument import Instrument, load_instrument
from pipeline.tools import example_data

SLUG = "test-netwerk"
WAVE = "2026"
SEED = 11
ORGS = example_data._orgs("tn", "Testdorp", ["huisartsen", "vvt", "gemeente", "ggz"])
SPEC = example_data.CoalitionSpec(
    SLUG, "Testnetwerk", "Testregio", "combinatie", "netwerkbureau", ORGS, respondents=8,
    level=3.6, file_format="csv-comma-utf8",
)


def instrument() -> Instrument:
    return load_instrument()


def answers(seed: int = SEED) -> tuple[list[str], list[dict[str, object]]]:
    """Column names and one dict per respondent (codes and numbers, not yet formatted).

    Every respondent gets a full set of statements so that no row falls under the
    completeness threshold by chance; tests that want an incomplete row make one."""
    inst = instrument()
    rows = example_data.generate_responses(SPEC, WAVE, inst, seed=seed)
    for row in rows:
        for code in inst.items:
            if row.get(code) is None:
                row[code] = 3
    return example_data.response_columns(SPEC, inst), rows


def table(columns: list[str], rows: list[dict[str, object]], as_labels: bool = False,
          lang: str = "nl") -> list[list[str]]:
    """Rows of cell texts as a survey tool exports them; empty string for no answer."""
    inst = instrument()
    out = []
    for row in rows:
        cells = [example_data.format_cell(row.get(c), c, inst, lang, as_labels) for c in columns]
        out.append(["" if v is None else str(v) for v in cells])
    return out


def csv_bytes(header: list[str], body: list[list[str]], encoding: str = "utf-8", delimiter: str = ",",
              lineterminator: str = "\n") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator)
    writer.writerow(header)
    writer.writerows(body)
    return buffer.getvalue().encode(encoding)


def write_yaml(folder: Path, orgs: list[tuple[str, str, str]] = ORGS) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    spec = example_data.CoalitionSpec(SLUG, SPEC.name, SPEC.region, SPEC.network_type, SPEC.declared_mode,
                                      list(orgs), respondents=0)
    (folder / "coalition.yaml").write_text(example_data.coalition_yaml(spec), encoding="utf-8")


def coalition_with(tmp_path: Path, data: bytes, suffix: str = ".csv") -> Coalition:
    """A coalition folder whose one wave file holds exactly `data`."""
    folder = tmp_path / SLUG
    write_yaml(folder)
    (folder / f"{WAVE}{suffix}").write_bytes(data)
    return load_coalition(folder)


def coalition_csv(tmp_path: Path, header: list[str], body: list[list[str]], **csv_options: str) -> Coalition:
    return coalition_with(tmp_path, csv_bytes(header, body, **csv_options))


def coalition_xlsx(tmp_path: Path, header: list[str], body: list[list[object]], sheet: str = "Antwoorden",
                   first_sheet: str | None = None) -> Coalition:
    """An XLSX wave file; `first_sheet` puts an unrelated sheet in front of the answers."""
    import openpyxl

    folder = tmp_path / SLUG
    write_yaml(folder)
    book = openpyxl.Workbook()
    ws = book.active
    if first_sheet:
        ws.title = first_sheet
        ws.append(["toelichting"])
        ws.append(["Dit blad hoort niet bij de antwoorden"])
        ws = book.create_sheet(sheet)
    else:
        ws.title = sheet
    ws.append(header)
    for values in body:
        ws.append([v if v != "" else None for v in values])
    book.save(folder / f"{WAVE}.xlsx")
    return load_coalition(folder)


def sorted_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.reindex(sorted(frame.columns), axis=1)


def all_text(responses) -> str:
    """Everything a later step could show: frame cells, column names, findings, rejections."""
    parts = [str(f) for f in responses.findings] + [str(r) for r in responses.rejections]
    parts += [str(c) for c in responses.frame.columns]
    parts += [str(v) for v in responses.frame.to_numpy().ravel()]
    return "\n".join(parts)
