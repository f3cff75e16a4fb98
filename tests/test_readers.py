"""The raw reader: every way a survey tool or Excel writes a table gives the same cells."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from ingest_helpers import csv_bytes

from pipeline.core.errors import InputError
from pipeline.ingest.readers import read_table

HEADER = ["respondent_id", "organisatie", "open_goed", "ACT1"]
BODY = [
    ["R1", "Gemeente Eëndorp", "Café-overleg was prettig; ideeën gedeeld", "4"],
    ["R2", "Zorggroep Noord", "Coördinatie, rust", "5"],
    ["R3", "Cliëntenraad", "", "weet niet"],
]
EXPECTED_ROWS = [[c or None for c in row] for row in BODY]


def write(tmp_path: Path, data: bytes, name: str = "2026.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_detected(tmp_path, delimiter):
    raw = read_table(write(tmp_path, csv_bytes(HEADER, BODY, delimiter=delimiter)))
    assert raw.delimiter == delimiter
    assert raw.header == HEADER
    assert raw.rows == EXPECTED_ROWS
    assert raw.row_numbers == [2, 3, 4]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16-le", "utf-16-be"])
def test_encodings_give_the_same_table(tmp_path, encoding):
    raw = read_table(write(tmp_path, csv_bytes(HEADER, BODY, encoding=encoding, delimiter=";")))
    assert raw.encoding == encoding
    assert raw.header == HEADER  # a BOM must not stick to the first column name
    assert raw.rows == EXPECTED_ROWS
    assert raw.rows[0][1] == "Gemeente Eëndorp"


def test_undecodable_bytes_name_the_file(tmp_path):
    data = csv_bytes(HEADER, BODY, encoding="cp1252") + b"R4,x,\x81\x9d,3\n"
    path = write(tmp_path, data)
    with pytest.raises(InputError) as info:
        read_table(path)
    assert info.value.path == path
    assert "2026.csv" in str(info.value)
    assert "decode" in info.value.message


def test_bom_followed_by_invalid_utf8_is_an_input_error(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + "respondent_id,ACT1\nR1,\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        read_table(path)


def test_quoted_field_with_line_break(tmp_path):
    body = [["R1", "Gemeente", "eerste regel\ntweede regel", "4"], ["R2", "Zorggroep", "kort", "2"]]
    raw = read_table(write(tmp_path, csv_bytes(HEADER, body, delimiter=";")))
    assert raw.rows[0][2] == "eerste regel\ntweede regel"
    assert raw.rows[1] == ["R2", "Zorggroep", "kort", "2"]
    # the second response starts on file line 4, but a spreadsheet shows it as row 3
    assert raw.row_numbers == [2, 3]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_crlf_and_lf_give_the_same_table(tmp_path, delimiter):
    lf = read_table(write(tmp_path, csv_bytes(HEADER, BODY, delimiter=delimiter), "lf.csv"))
    crlf = read_table(write(tmp_path, csv_bytes(HEADER, BODY, delimiter=delimiter, lineterminator="\r\n"),
                            "crlf.csv"))
    assert (crlf.header, crlf.rows, crlf.row_numbers) == (lf.header, lf.rows, lf.row_numbers)
    assert not any("\r" in (c or "") for row in crlf.rows for c in row)


def test_blank_lines_are_skipped_but_row_numbers_stay_true(tmp_path):
    data = b"respondent_id,ACT1\nR1,4\n\nR2,5\n"
    raw = read_table(write(tmp_path, data))
    assert raw.rows == [["R1", "4"], ["R2", "5"]]
    assert raw.row_numbers == [2, 4]


def _xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def test_xlsx_first_sheet_by_default(tmp_path):
    path = _xlsx(tmp_path / "2026.xlsx", {
        "Antwoorden": [HEADER, ["R1", "Gemeente", None, 4], ["R2", "Zorggroep", "goed", 4.0]],
        "Notities": [["iets anders"], ["x"]],
    })
    raw = read_table(path)
    assert raw.header == HEADER
    assert raw.rows == [["R1", "Gemeente", None, "4"], ["R2", "Zorggroep", "goed", "4"]]
    assert raw.row_numbers == [2, 3]


def test_xlsx_named_sheet(tmp_path):
    path = _xlsx(tmp_path / "2026.xlsx", {
        "Toelichting": [["Lees dit eerst"]],
        "Antwoorden": [HEADER, ["R1", "Gemeente", None, 5]],
    })
    raw = read_table(path, sheet="Antwoorden")
    assert raw.header == HEADER
    assert raw.rows == [["R1", "Gemeente", None, "5"]]


def test_xlsx_missing_sheet_lists_the_sheets(tmp_path):
    path = _xlsx(tmp_path / "2026.xlsx", {"Toelichting": [["x"]], "Antwoorden": [HEADER]})
    with pytest.raises(InputError) as info:
        read_table(path, sheet="Resultaten")
    assert "Resultaten" in info.value.message
    assert "Toelichting" in info.value.message and "Antwoorden" in info.value.message
    assert info.value.path == path


def test_xlsx_cells_come_as_typed_not_as_guessed(tmp_path):
    """Text that pandas would take for missing ("NA", "null") or for a number ("007") stays
    the client's text; dates are ISO; whole numbers lose their ".0"; blank rows keep the
    sheet's row numbers."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["respondent_id", "ingevuld", "ACT1", "open_goed"])
    ws.append(["007", datetime(2026, 3, 1, 10, 30), 4.0, "NA"])
    ws.append([None, None, None, None])
    ws.append(["R2", date(2026, 3, 2), 3.5, "null"])
    book.save(tmp_path / "2026.xlsx")
    raw = read_table(tmp_path / "2026.xlsx")
    assert raw.rows == [["007", "2026-03-01T10:30:00", "4", "NA"], ["R2", "2026-03-02T00:00:00", "3.5", "null"]]
    assert raw.row_numbers == [2, 4]


def test_xlsx_row_error_names_the_file_and_the_sheet_row(tmp_path):
    """A title above the header (row 1) with the header in row 3: the first row with more
    values than the header is named by its number in the sheet, blank row 2 counted."""
    book = openpyxl.Workbook()
    ws = book.active
    ws["A1"] = "Export Netwerkscan"
    for column, value in zip("ABCD", HEADER):
        ws[f"{column}3"] = value
    book.save(tmp_path / "2026.xlsx")
    with pytest.raises(InputError, match="row 3: 4 values but only 1 columns") as info:
        read_table(tmp_path / "2026.xlsx")
    assert info.value.path == tmp_path / "2026.xlsx"


def test_broken_xlsx_is_an_input_error(tmp_path):
    path = write(tmp_path, b"PK\x03\x04 not really a zip", "2026.xlsx")
    with pytest.raises(InputError, match="Excel"):
        read_table(path)


def test_nul_bytes_are_an_input_error(tmp_path):
    path = write(tmp_path, b"respondent_id,ACT1\nR1,\x004\nR2,5\n")
    with pytest.raises(InputError, match="NUL") as info:
        read_table(path)
    assert info.value.path == path


UTF16 = [("utf-16-le", b"\xff\xfe"), ("utf-16-le", b""), ("utf-16-be", b"\xfe\xff"), ("utf-16-be", b"")]


@pytest.mark.parametrize("encoding, bom", UTF16)
@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_utf16_with_or_without_bom_gives_the_same_table(tmp_path, encoding, bom, delimiter):
    text = csv_bytes(HEADER, BODY, delimiter=delimiter, lineterminator="\r\n").decode("utf-8")
    raw = read_table(write(tmp_path, bom + text.encode(encoding), "2026.txt"))
    assert raw.encoding == encoding and not raw.guessed_encoding
    assert raw.header == HEADER  # the BOM must not stick to the first column name
    assert raw.rows == EXPECTED_ROWS


def test_excel_unicode_text_is_read(tmp_path):
    """Excel's "Unicode text" (.txt): UTF-16 LE with BOM, tab-separated, CRLF."""
    data = "\ufeffrespondent_id\torganisatie\tACT1\r\nR1\tCliëntenraad\t4\r\n".encode("utf-16-le")
    raw = read_table(write(tmp_path, data, "2026.txt"))
    assert (raw.encoding, raw.delimiter) == ("utf-16-le", "\t")
    assert raw.rows == [["R1", "Cliëntenraad", "4"]]


def test_a_code_page_is_guessed_and_says_so(tmp_path):
    raw = read_table(write(tmp_path, csv_bytes(HEADER, BODY, encoding="cp1252", delimiter=";")))
    assert raw.guessed_encoding and raw.encoding == "cp1252"
    for encoding in ("utf-8", "utf-8-sig"):
        assert not read_table(write(tmp_path, csv_bytes(HEADER, BODY, encoding=encoding))).guessed_encoding


def test_nul_bytes_late_in_a_large_file_are_an_input_error(tmp_path):
    body = [[f"R{i}", "Gemeente", "x" * 50, "4"] for i in range(200)]
    data = csv_bytes(HEADER, body) + b"R999,Gemeente,\x00\x00,4\n"
    assert data.index(b"\x00") > 4096
    with pytest.raises(InputError):
        read_table(write(tmp_path, data))


@pytest.mark.parametrize("data", [b"", b"\n\n", b"\xef\xbb\xbf", b" ; ; \r\n"])
def test_empty_file_is_an_input_error(tmp_path, data):
    path = write(tmp_path, data)
    with pytest.raises(InputError, match="empty") as info:
        read_table(path)
    assert info.value.path == path


def test_row_with_too_many_values_names_the_row(tmp_path):
    data = b"respondent_id;organisatie;ACT1\nR1;Gemeente;4\nR2;Zorggroep;5;3\n"
    with pytest.raises(InputError) as info:
        read_table(write(tmp_path, data))
    assert "row 3" in info.value.message
    assert "4 values" in info.value.message and "3 columns" in info.value.message


def test_short_rows_are_padded(tmp_path):
    raw = read_table(write(tmp_path, b"respondent_id,organisatie,ACT1\nR1,Gemeente\n"))
    assert raw.rows == [["R1", "Gemeente", None]]


def test_unreadable_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_table(tmp_path / "bestaat-niet.csv")


def test_an_empty_xlsx_sheet_is_an_input_error(tmp_path):
    openpyxl.Workbook().save(tmp_path / "2026.xlsx")
    with pytest.raises(InputError, match="the file is empty") as info:
        read_table(tmp_path / "2026.xlsx")
    assert info.value.path == tmp_path / "2026.xlsx"
