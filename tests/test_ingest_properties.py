"""Property tests of reader + ingest: how a file is written must not change what it says,
and no damage to a file may end in anything but the project's own errors or findings."""

from __future__ import annotations

import csv
import io
import random
import re

import ingest_helpers as h
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from pipeline.core.errors import InputError, NetwerkscanError
from pipeline.ingest.responses import ingest_file

INST = h.instrument()
COLUMNS, ROWS = h.answers()
NUMBERS = h.table(COLUMNS, ROWS)
LABELS = {lang: h.table(COLUMNS, ROWS, as_labels=True, lang=lang) for lang in ("nl", "en")}
ITEM_POSITIONS = [i for i, c in enumerate(COLUMNS) if c in INST.items]
PROPERTY_SETTINGS = settings(max_examples=25, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def coalition(tmp_path_factory):
    return h.coalition_csv(tmp_path_factory.mktemp("props"), COLUMNS, NUMBERS)


@pytest.fixture(scope="module")
def clean(coalition):
    responses = ingest_file(coalition.waves[h.WAVE], coalition, h.WAVE)
    assert responses.findings == [] and responses.used == len(ROWS)
    return h.sorted_frame(responses.frame)


def ingest_bytes(coalition, data: bytes):
    path = coalition.waves[h.WAVE]
    path.write_bytes(data)
    return ingest_file(path, coalition, h.WAVE)


def assert_no_findings_but_the_encoding(responses, data: bytes) -> None:
    """A file that is not UTF-8 is read by a guess, and says so; nothing else may be reported."""
    try:
        data.decode("utf-8")
        guessed = []
    except UnicodeDecodeError:
        guessed = ["encoding_guessed"]
    assert [f.kind for f in responses.findings] == guessed


def recase(text: str, rng: random.Random) -> str:
    return rng.choice([str.lower, str.upper, str.title, lambda t: "".join(
        ch.upper() if rng.random() < 0.5 else ch.lower() for ch in t)])(text)


@PROPERTY_SETTINGS
@given(encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
       delimiter=st.sampled_from([",", ";", "\t"]),
       lineterminator=st.sampled_from(["\n", "\r\n"]),
       labels=st.sampled_from([None, "nl", "en"]),
       case_seed=st.integers(0, 2**32 - 1),
       order=st.permutations(range(len(COLUMNS))))
def test_how_a_file_is_written_does_not_change_the_frame(coalition, clean, encoding, delimiter, lineterminator,
                                                         labels, case_seed, order):
    rng = random.Random(case_seed)
    body = [list(row) for row in (NUMBERS if labels is None else LABELS[labels])]
    if labels:
        for row in body:
            for i in ITEM_POSITIONS:
                row[i] = recase(row[i], rng)
    header = [COLUMNS[i] for i in order]
    body = [[row[i] for i in order] for row in body]
    data = h.csv_bytes(header, body, encoding=encoding, delimiter=delimiter, lineterminator=lineterminator)
    responses = ingest_bytes(coalition, data)
    assert_no_findings_but_the_encoding(responses, data)
    assert responses.received == responses.used == len(ROWS)
    assert_frame_equal(h.sorted_frame(responses.frame), clean)


def check_accounted(responses, path) -> None:
    assert responses.received == responses.used + responses.rejected
    rejected = [r.row for r in responses.rejections]
    assert len(set(rejected)) == len(rejected)
    assert not set(rejected) & set(responses.frame.index)
    for finding in responses.findings:
        assert finding.file == str(path)
    for code in INST.items:
        if code in responses.frame:
            values = responses.frame[code].dropna()
            assert values.isin([1.0, 2.0, 3.0, 4.0, 5.0]).all(), (code, list(values))


cells = st.tuples(st.integers(0, len(ROWS)), st.integers(0, len(COLUMNS) - 1), st.text(max_size=30))


@PROPERTY_SETTINGS
@given(replaced=st.lists(cells, max_size=12))
def test_random_cells_give_findings_or_input_error(coalition, replaced):
    header = list(COLUMNS)
    body = [list(row) for row in NUMBERS]
    for row, column, text in replaced:
        if row == 0:
            header[column] = text
        else:
            body[row - 1][column] = text
    path = coalition.waves[h.WAVE]
    try:
        responses = ingest_bytes(coalition, h.csv_bytes(header, body))
    except InputError as exc:
        assert exc.path == path
        return
    check_accounted(responses, path)


@PROPERTY_SETTINGS
@given(encoding=st.sampled_from(["utf-8", "cp1252"]),
       delimiter=st.sampled_from([",", ";", "\t"]),
       cut=st.one_of(st.none(), st.floats(0, 1)),
       inserts=st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=8)), max_size=6))
def test_damaged_bytes_give_findings_or_input_error(coalition, encoding, delimiter, cut, inserts):
    data = bytearray(h.csv_bytes(COLUMNS, NUMBERS, encoding=encoding, delimiter=delimiter))
    if cut is not None:
        del data[int(len(data) * cut):]
    for where, junk in inserts:
        position = int(len(data) * where)
        data[position:position] = junk
    path = coalition.waves[h.WAVE]
    try:
        responses = ingest_bytes(coalition, bytes(data))
    except InputError as exc:
        assert exc.path == path
        return
    check_accounted(responses, path)


open_text = st.text(st.characters(codec="cp1252", exclude_categories=["Cc", "Nd"], exclude_characters="@")
                    | st.sampled_from("\n\t,;\"'"), max_size=40)


@PROPERTY_SETTINGS
@given(encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
       delimiter=st.sampled_from([",", ";", "\t"]),
       lineterminator=st.sampled_from(["\n", "\r\n"]),
       texts=st.lists(open_text, min_size=len(ROWS), max_size=len(ROWS)))
def test_open_answers_survive_any_quoting(coalition, encoding, delimiter, lineterminator, texts):
    position = COLUMNS.index("open_beter")
    body = [list(row) for row in NUMBERS]
    for row, text in zip(body, texts):
        row[position] = text
    data = h.csv_bytes(COLUMNS, body, encoding=encoding, delimiter=delimiter, lineterminator=lineterminator)
    responses = ingest_bytes(coalition, data)
    assert_no_findings_but_the_encoding(responses, data)
    assert responses.received == responses.used == len(ROWS)
    # a code page is a guess, and a few letters differ between cp1252 and ISO-8859-15 (¼ or Œ):
    # the text must be what the bytes say in the encoding the finding names
    guessed = [re.search(r"read as (\S+)", f.message) for f in responses.findings]
    read_as = guessed[0].group(1) if guessed else ("utf-8" if encoding == "cp1252" else encoding)
    for text, value in zip(texts, responses.frame["open_beter"]):
        stripped = text.encode(encoding).decode(read_as).lstrip("\ufeff").strip()
        if not stripped or stripped.lower() in INST.missing_labels:
            assert value is None or pd.isna(value)
        else:
            assert value == stripped


HEADER_ROWS = {
    "texts_nl": [INST.text_of(c, "nl") if (c in INST.items or c in INST.questions) else "" for c in COLUMNS],
    "texts_en": [INST.text_of(c, "en") if (c in INST.items or c in INST.questions) else c for c in COLUMNS],
    "import_ids": [f'{{"ImportId":"QID{i}"}}' for i in range(len(COLUMNS))],
    "codes": list(COLUMNS),
}
UNICODE = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8": b"\xef\xbb\xbf"}


@PROPERTY_SETTINGS
@given(encoding=st.sampled_from(["utf-8", "cp1252", "utf-16-le", "utf-16-be"]),
       bom=st.booleans(),
       delimiter=st.sampled_from([",", ";", "\t", "|"]),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
       lineterminator=st.sampled_from(["\n", "\r\n"]),
       header_rows=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(sorted(HEADER_ROWS))), max_size=3),
       blank_lines=st.lists(st.integers(0, len(ROWS) + 3), max_size=4),
       labels=st.sampled_from([None, "nl", "en"]))
def test_fuzzed_files_are_read_exactly_or_refused(coalition, encoding, bom, delimiter, quoting, lineterminator,
                                                  header_rows, blank_lines, labels):
    """Header rows anywhere among the first rows and blank lines anywhere are never respondents:
    every response is received once, and received = used + rejected; a file that cannot be
    read ends in the project's own error, never a library's exception."""
    body: list[list[str]] = [list(row) for row in (NUMBERS if labels is None else LABELS[labels])]
    for position, kind in header_rows:
        body.insert(position, list(HEADER_ROWS[kind]))
    for position in sorted(blank_lines, reverse=True):
        body.insert(min(position, len(body)), [""] * len(COLUMNS))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=lineterminator)
    writer.writerows([COLUMNS, *body])
    data = (UNICODE.get(encoding, b"") if bom else b"") + buffer.getvalue().encode(encoding)
    path = coalition.waves[h.WAVE]
    try:
        responses = ingest_bytes(coalition, data)
    except NetwerkscanError:
        assert delimiter == "|"   # the one layout here that is not a table the reader knows
        return
    check_accounted(responses, path)
    assert responses.received == len(ROWS)
    assert not [f for f in responses.findings if f.severity.value == "error"]
