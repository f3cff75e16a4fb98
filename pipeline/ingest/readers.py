"""Reading a responses file into a table of text cells, whatever tool exported it.

Survey tools and Dutch Excel write CSV with commas, semicolons or tabs, in UTF-8 with or
without BOM or in cp1252, with CRLF or LF line ends and quoted line breaks; clients send
XLSX. This module turns all of them into the same thing: a header and rows of strings
(``None`` for an empty cell), each row with the number a spreadsheet would show for it.
It interprets nothing; ingest does."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pipeline.core.errors import InputError

DELIMITERS = (";", ",", "\t")
# cp1252 leaves these five bytes undefined: a file that has them is neither UTF-8 nor cp1252.
CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


@dataclass
class RawTable:
    path: Path
    header: list[str]
    rows: list[list[str | None]]
    row_numbers: list[int]     # spreadsheet row of each data row (the header is row 1)
    encoding: str | None = None
    delimiter: str | None = None


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Text and encoding name; UTF-8 (with or without BOM) first, then cp1252.

    The whole file is checked for NUL bytes, not just its start: csv passes a late NUL
    through into a cell, and from there into the report."""
    if b"\x00" in data:
        raise InputError(path, "this is not a text file (it contains NUL bytes); expected CSV or XLSX")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(path, f"starts as UTF-8 but byte {exc.start + 3} is not valid UTF-8") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    bad = next((i for i, b in enumerate(data) if b in CP1252_UNDEFINED), None)
    if bad is not None:
        raise InputError(path, f"cannot decode the file: byte {bad} is neither UTF-8 nor cp1252 (Windows-1252); "
                               "save it as 'CSV UTF-8' from Excel")
    return data.decode("cp1252"), "cp1252"


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header and the first lines into equally many fields."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        header = text.splitlines()[0] if text else ""
        return max(DELIMITERS, key=header.count)


def _cell(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        value = value.isoformat()
    text = str(value).strip()
    return text or None


def _table(path: Path, records: list[list[object]], first_row: int, **info: str | None) -> RawTable:
    if not records:
        raise InputError(path, "the file is empty: expected a header row with the item codes")
    header = [(_cell(h) or "") for h in records[0]]
    while header and not header[-1]:
        header.pop()
    if not any(header):
        raise InputError(path, "the first row is empty: expected a header row with the item codes")
    rows, numbers = [], []
    for offset, record in enumerate(records[1:], start=1):
        cells = [_cell(v) for v in record]
        if not any(cells):
            continue  # a blank line is no response
        extra = cells[len(header):]
        if any(extra):
            raise InputError(path, f"row {first_row + offset}: {len(header) + len(extra)} values but only "
                                   f"{len(header)} columns in the header; check the delimiter and quotes")
        rows.append((cells + [None] * len(header))[: len(header)])
        numbers.append(first_row + offset)
    return RawTable(path, header, rows, numbers, **info)


def read_csv(path: Path) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from exc
    text, encoding = decode(data, path)
    delimiter = sniff_delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise InputError(path, f"not valid CSV: {exc}") from exc
    return _table(path, records, first_row=1, encoding=encoding, delimiter=delimiter)


def read_xlsx(path: Path, sheet: str | None = None) -> RawTable:
    import openpyxl  # imported here: only Excel inputs pay for it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable Excel (.xlsx) file: {exc}") from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError(path, f"no sheet named {sheet!r}; the sheets are {', '.join(book.sheetnames)}")
        ws = book[sheet] if sheet else book.worksheets[0]
        records = [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        book.close()
    return _table(path, records, first_row=1)


def read_table(path: Path | str, sheet: str | None = None) -> RawTable:
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path, sheet)
    return read_csv(path)
