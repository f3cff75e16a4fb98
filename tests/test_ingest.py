"""Ingest: from a responses file to a clean frame, with every received row accounted for."""

from __future__ import annotations

import math

import ingest_helpers as h
import pytest
from pandas.testing import assert_frame_equal

from pipeline.core.errors import InputError
from pipeline.core.findings import Severity
from pipeline.ingest.responses import ingest_coalition, ingest_file

INST = h.instrument()
COLUMNS, ROWS = h.answers()
BODY = h.table(COLUMNS, ROWS)
N = len(BODY)


def ingest(tmp_path, header=COLUMNS, body=BODY, **csv_options):
    coalition = h.coalition_csv(tmp_path, header, body, **csv_options)
    return ingest_file(coalition.waves[h.WAVE], coalition, h.WAVE)


def copy_body() -> list[list[str]]:
    return [list(row) for row in BODY]


def col(name: str) -> int:
    return COLUMNS.index(name)


def accounted(responses) -> None:
    assert responses.received == responses.used + responses.rejected
    assert not set(responses.frame.index) & {r.row for r in responses.rejections}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    responses = ingest(tmp_path_factory.mktemp("baseline"))
    assert responses.received == responses.used == N
    assert responses.findings == [] and responses.rejections == []
    return responses


# --- columns -------------------------------------------------------------------------------

def test_baseline_frame_is_numeric_and_indexed_by_spreadsheet_row(baseline):
    frame = baseline.frame
    assert list(frame.index) == list(range(2, N + 2))
    assert "respondent_id" not in frame
    for code in INST.items:
        assert frame[code].dtype == float
        assert frame[code].dropna().isin([1.0, 2.0, 3.0, 4.0, 5.0]).all()
    for row_number, row in zip(frame.index, ROWS):
        assert frame.loc[row_number, "organisatie"] == row["organisatie"]
        for code in ("ACT1", "GVE3"):
            if row[code] == "weet_niet":
                assert math.isnan(frame.loc[row_number, code])
            else:
                assert frame.loc[row_number, code] == float(row[code])


def test_columns_found_by_code_and_by_question_text(tmp_path, baseline):
    header = list(COLUMNS)
    header[col("ACT1")] = "  " + INST.items["ACT1"].text("nl").upper() + "  "
    header[col("ACT2")] = INST.items["ACT2"].text("en").lower().replace(" ", "   ")
    header[col("IDE1")] = "ide1"
    header[col("organisatie")] = INST.questions["organisatie"].text("nl")
    header[col("positie")] = INST.questions["positie"].text("en").upper()
    header[col("respondent_id")] = "Respondent ID"
    responses = ingest(tmp_path, header)
    assert [f for f in responses.findings if f.kind == "unknown_column"] == []
    assert_frame_equal(h.sorted_frame(responses.frame), h.sorted_frame(baseline.frame))


def test_header_row_of_question_texts_is_dropped(tmp_path, baseline):
    texts = [INST.text_of(c, "nl") if (c in INST.items or c in INST.questions) else "" for c in COLUMNS]
    responses = ingest(tmp_path, COLUMNS, [texts, *BODY], delimiter="\t")
    assert responses.received == N
    assert responses.findings == []
    assert list(responses.frame.index) == list(range(3, N + 3))
    assert_frame_equal(responses.frame.reset_index(drop=True), baseline.frame.reset_index(drop=True))


def test_missing_required_columns_are_named(tmp_path):
    keep = [i for i, c in enumerate(COLUMNS) if c not in ("organisatie", "ACT3")]
    with pytest.raises(InputError) as info:
        ingest(tmp_path, [COLUMNS[i] for i in keep], [[row[i] for i in keep] for row in BODY])
    assert "organisatie" in info.value.message and "ACT3" in info.value.message
    assert "ACT1" not in info.value.message


def test_two_columns_for_one_field_is_an_input_error(tmp_path):
    header = list(COLUMNS)
    header[col("ACT2")] = INST.items["ACT1"].text("nl")
    with pytest.raises(InputError, match="ACT1"):
        ingest(tmp_path, header)


def test_unknown_column_is_a_warning_naming_it(tmp_path, baseline):
    header = [*COLUMNS, "Startdatum enquête"]
    responses = ingest(tmp_path, header, [[*row, "2026-03-01"] for row in BODY])
    unknown = [f for f in responses.findings if f.kind == "unknown_column"]
    assert len(unknown) == 1
    assert unknown[0].severity is Severity.WARNING and unknown[0].column == "Startdatum enquête"
    assert responses.used == N
    assert_frame_equal(responses.frame, baseline.frame)


# --- cells ---------------------------------------------------------------------------------

LIKERT_SPELLINGS = [
    ("4", 4.0), ("4,0", 4.0), ("4.0", 4.0), ("Eens", 4.0), ("EENS", 4.0), ("agree", 4.0), ("AgReE", 4.0),
    ("4 - Eens", 4.0), ("helemaal eens", 5.0), ("Strongly Disagree", 1.0), (" Neutraal ", 3.0), ("1", 1.0),
]


def test_likert_spellings(tmp_path):
    body = [list(BODY[i % N]) for i in range(len(LIKERT_SPELLINGS))]
    for i, row in enumerate(body):
        row[col("respondent_id")] = f"L{i}"
        row[col("ACT1")] = LIKERT_SPELLINGS[i][0]
    responses = ingest(tmp_path, COLUMNS, body, delimiter=";")
    assert responses.findings == []
    assert list(responses.frame["ACT1"]) == [v for _, v in LIKERT_SPELLINGS]


MISSING_SPELLINGS = ["weet niet", "Weet Niet", "n.v.t.", "N.V.T.", "don't know", "", "  ", "nvt", "-",
                     "Ken ik niet", "ken ik niet / weet niet", "Don't know them"]   # the trust grid's answer


def test_missing_spellings_are_missing_never_a_score(tmp_path):
    body = [list(BODY[i % N]) for i in range(len(MISSING_SPELLINGS))]
    for i, row in enumerate(body):
        row[col("respondent_id")] = f"M{i}"
        row[col("ACT1")] = MISSING_SPELLINGS[i]
        row[col("rel_vertrouwen__tn-vvt")] = MISSING_SPELLINGS[i]
    responses = ingest(tmp_path, COLUMNS, body)
    assert responses.findings == []
    assert responses.used == len(MISSING_SPELLINGS)
    assert responses.frame["ACT1"].isna().all()
    assert responses.frame["rel_vertrouwen__tn-vvt"].isna().all()


def test_multiple_choice_as_one_cell_or_as_flag_columns(tmp_path, baseline):
    options = [o.code for o in INST.options(INST.questions["wie_strateeg"])]
    position = col("wie_strateeg")
    flag_names = [f"wie_strateeg__{o}" for o in options]
    header = COLUMNS[:position] + flag_names + COLUMNS[position + 1:]
    body = []
    for n, (row, values) in enumerate(zip(ROWS, BODY)):
        chosen = row["wie_strateeg"]
        yes, no = [("1", ""), ("x", "0"), ("ja", "nee"), ("Yes", "")][n % 4]
        flags = [""] * len(options) if chosen is None else [yes if o in chosen else no for o in options]
        body.append(values[:position] + flags + values[position + 1:])
    responses = ingest(tmp_path / "flags", header, body)
    assert responses.findings == []
    assert_frame_equal(h.sorted_frame(responses.frame), h.sorted_frame(baseline.frame))


def test_multiple_choice_cell_spellings(tmp_path):
    body = copy_body()[:4]
    cells = ["ggz; gemeente", "GGZ|Gemeente", "ggz, gemeente", "Gemeente\nGeestelijke gezondheidszorg (GGZ)"]
    for row, cell in zip(body, cells):
        row[col("wie_strateeg")] = cell
    responses = ingest(tmp_path, COLUMNS, body)
    assert responses.findings == []
    frame = responses.frame
    assert (frame["wie_strateeg__ggz"] == 1).all() and (frame["wie_strateeg__gemeente"] == 1).all()
    assert (frame["wie_strateeg__vvt"] == 0).all()


def test_value_out_of_range_and_not_in_scale_are_errors_and_missing(tmp_path):
    body = copy_body()
    body[1][col("ACT1")] = "7"
    body[4][col("IDE2")] = "misschien"
    body[5][col("rel_intensiteit__tn-ggz")] = "4"
    header = list(COLUMNS)
    header[col("IDE2")] = INST.items["IDE2"].text("nl")
    responses = ingest(tmp_path, header, body)
    errors = [f for f in responses.findings if f.severity is Severity.ERROR]
    assert {(f.row, f.column) for f in errors} == {(3, "ACT1"), (6, header[col("IDE2")]),
                                                   (7, "rel_intensiteit__tn-ggz")}
    for f in errors:
        assert f.file == str(responses.file) and f.file.endswith("2026.csv")
        assert f.kind == "not_in_scale"
    assert "'7'" in next(f.message for f in errors if f.row == 3)
    assert "'misschien'" in next(f.message for f in errors if f.row == 6)
    assert math.isnan(responses.frame.loc[3, "ACT1"])
    assert math.isnan(responses.frame.loc[6, "IDE2"])
    assert math.isnan(responses.frame.loc[7, "rel_intensiteit__tn-ggz"])
    assert responses.used == N and responses.rejected == 0  # one bad cell does not cost the response


@pytest.mark.parametrize("column, value", [("actortype", "ziekenhuisje"), ("wie_strateeg", "ggz; marsmannetjes"),
                                           ("ACT1", "4.5"), ("ACT1", "nan"), ("ACT1", "0")])
def test_other_unreadable_cells_are_reported(tmp_path, column, value):
    body = copy_body()
    body[2][col(column)] = value
    responses = ingest(tmp_path, COLUMNS, body)
    assert [(f.row, f.column, f.severity) for f in responses.findings] == [(4, column, Severity.ERROR)]
    accounted(responses)
    assert responses.used == N


def test_organisation_by_name_any_case(tmp_path, baseline):
    body = copy_body()
    names = {code: name for code, name, _ in h.ORGS}
    for row in body:
        row[col("organisatie")] = names[row[col("organisatie")]].upper()
    responses = ingest(tmp_path, COLUMNS, body)
    assert responses.findings == []
    assert_frame_equal(responses.frame, baseline.frame)


# --- rows ----------------------------------------------------------------------------------

def test_duplicate_id_rejects_the_later_row(tmp_path):
    body = copy_body()
    body[5][col("respondent_id")] = body[1][col("respondent_id")]
    responses = ingest(tmp_path, COLUMNS, body)
    assert [(r.row, r.reason) for r in responses.rejections] == [(7, "duplicate_id")]
    assert 3 in responses.frame.index and 7 not in responses.frame.index
    finding = next(f for f in responses.findings if f.kind == "duplicate_id")
    assert finding.row == 7 and finding.column == "respondent_id" and finding.severity is Severity.ERROR
    accounted(responses)


def test_organisation_not_on_roster_is_rejected(tmp_path):
    body = copy_body()
    body[3][col("organisatie")] = "Bakkerij De Korenaar"
    responses = ingest(tmp_path, COLUMNS, body)
    assert [(r.row, r.reason) for r in responses.rejections] == [(5, "not_on_roster")]
    assert any(f.kind == "not_on_roster" and f.row == 5 and f.column == "organisatie" for f in responses.findings)
    assert responses.used == N - 1
    accounted(responses)


@pytest.mark.parametrize("column, reason", [("respondent_id", "missing_id"), ("organisatie", "missing_organisation")])
def test_empty_id_or_organisation_is_rejected(tmp_path, column, reason):
    body = copy_body()
    body[0][col(column)] = ""
    responses = ingest(tmp_path, COLUMNS, body)
    assert [(r.row, r.reason) for r in responses.rejections] == [(2, reason)]
    accounted(responses)


def test_incomplete_response_is_rejected_as_a_warning(tmp_path):
    body = copy_body()
    items = list(INST.items)
    for code in items[: int(len(items) * 0.6)]:
        body[2][col(code)] = "weet niet"
    for code in items[: int(len(items) * 0.4)]:
        body[6][col(code)] = ""  # 60% answered: above the 50% threshold, so used
    responses = ingest(tmp_path, COLUMNS, body)
    assert [(r.row, r.reason) for r in responses.rejections] == [(4, "completeness")]
    finding = next(f for f in responses.findings if f.kind == "completeness")
    assert finding.severity is Severity.WARNING and finding.row == 4
    assert 8 in responses.frame.index
    accounted(responses)


def test_several_problems_in_one_row_reject_it_once(tmp_path):
    body = copy_body()
    body[4][col("respondent_id")] = body[0][col("respondent_id")]
    body[4][col("organisatie")] = "onbekend"
    for code in INST.items:
        body[4][col(code)] = ""
    responses = ingest(tmp_path, COLUMNS, body)
    assert [r.row for r in responses.rejections] == [6]
    accounted(responses)


# --- privacy -------------------------------------------------------------------------------

PLANTED = {"Naam": "Jantje Geheimnaam", "E-mail": "jantje.geheim@voorbeeld.example",
           "Telefoon": "06-98765432", "IP-adres": "203.0.113.77"}


def test_identifying_columns_are_dropped_and_their_values_appear_nowhere(tmp_path):
    header = [*PLANTED, *COLUMNS]
    body = [[f"{v}{i}" for v in PLANTED.values()] + row for i, row in enumerate(BODY)]
    responses = ingest(tmp_path, header, body)
    text = h.all_text(responses)
    for value in PLANTED.values():
        assert value not in text
    assert not set(PLANTED) & set(responses.frame.columns)
    dropped = {f.column for f in responses.findings if f.kind == "identifying_column"}
    assert dropped == set(PLANTED)
    assert responses.used == N


def test_contact_details_in_open_answers_are_masked(tmp_path):
    body = copy_body()
    body[0][col("open_goed")] = "Mail me gerust: piet.de.vries+scan@zorg-regio.nl"
    body[1][col("open_beter")] = "Bel 06-12345678 of +31 20 123 4567 voor uitleg"
    responses = ingest(tmp_path, COLUMNS, body)
    text = h.all_text(responses)
    for secret in ("piet.de.vries", "zorg-regio.nl", "12345678", "123 4567"):
        assert secret not in text
    assert responses.frame.loc[2, "open_goed"] == "Mail me gerust: [e-mailadres]"
    assert "[telefoonnummer]" in responses.frame.loc[3, "open_beter"]


def test_contact_details_in_an_unreadable_cell_are_not_quoted_in_findings(tmp_path):
    body = copy_body()
    body[0][col("ACT1")] = "mail jan.jansen@example.org"
    responses = ingest(tmp_path, COLUMNS, body)
    assert [(f.row, f.column) for f in responses.findings] == [(2, "ACT1")]
    assert "jan.jansen@example.org" not in h.all_text(responses)


# --- formats and waves ---------------------------------------------------------------------

def test_xlsx_gives_the_same_frame_as_csv(tmp_path, baseline):
    body = [[int(v) if v.isdigit() else v for v in row] for row in BODY]
    coalition = h.coalition_xlsx(tmp_path, COLUMNS, body, first_sheet=None)
    responses = ingest_file(coalition.waves[h.WAVE], coalition, h.WAVE)
    assert responses.findings == []
    assert_frame_equal(responses.frame, baseline.frame)


def test_ingest_coalition_reads_every_wave_oldest_first(tmp_path):
    coalition = h.coalition_csv(tmp_path, COLUMNS, BODY)
    (coalition.folder / "2025.csv").write_bytes(h.csv_bytes(COLUMNS, BODY[:5], delimiter=";", encoding="cp1252"))
    from pipeline.core.coalition import load_coalition
    waves = ingest_coalition(load_coalition(coalition.folder))
    assert list(waves) == ["2025", "2026"]
    assert (waves["2025"].received, waves["2026"].received) == (5, N)
    assert all(r.wave == w for w, r in waves.items())


def test_names_from_the_name_column_are_masked_in_open_answers(tmp_path):
    columns = ["Naam", *COLUMNS]
    body = [["", *row] for row in copy_body()]
    body[0][0], body[1][0] = "Jan de Vries", "Wil Bakker"
    body[2][1 + col("open_beter")] = "Jan de Vries en mevrouw Bakker trekken alles; ik wil meer ruimte"
    responses = ingest(tmp_path, columns, body)
    answer = responses.frame.loc[4, "open_beter"]
    assert answer == "[naam] en mevrouw [naam] trekken alles; ik wil meer ruimte"
    assert "Naam" not in responses.frame.columns


# --- survey tools' wording and layout ----------------------------------------------------------

SYNONYMS = [("Helemaal mee eens", 5.0), ("Zeer eens", 5.0), ("helemaal MEE oneens", 1.0), ("Mee oneens", 2.0),
            ("Niet eens, niet oneens", 3.0), ("Mee eens", 4.0), ("Strongly agree", 5.0), ("Somewhat disagree", 2.0),
            ("Neither agree nor disagree", 3.0), ("A4", 4.0), ("a1", 1.0)]


def test_likert_wordings_of_survey_tools_and_answer_codes(tmp_path):
    body = [list(BODY[i % N]) for i in range(len(SYNONYMS))]
    for i, row in enumerate(body):
        row[col("respondent_id")] = f"S{i}"
        row[col("ACT1")] = SYNONYMS[i][0]
    responses = ingest(tmp_path, COLUMNS, body)
    assert responses.findings == []
    assert list(responses.frame["ACT1"]) == [v for _, v in SYNONYMS]


def test_unreadable_answers_give_one_finding_per_column_with_count_and_examples(tmp_path):
    body = copy_body()
    bad = ["Redelijk eens", "7", "Redelijk eens", "misschien", "A9", "0"]
    for row, value in zip(body, bad):
        row[col("ACT2")] = value
    body[3][col("actortype")] = "ziekenhuisje"
    responses = ingest(tmp_path, COLUMNS, body)
    act2 = [f for f in responses.findings if f.column == "ACT2"]
    assert len(act2) == 1
    message = act2[0].message
    assert message.startswith("6 answers cannot be read: 'Redelijk eens' (row 2), '7' (row 3), 'misschien' (row 5), …")
    assert "'A9'" not in message          # three examples, not every cell
    assert "synonyms" in message and "netwerkscan-2026.yaml" in message   # what to do about it
    assert act2[0].row is None and act2[0].severity is Severity.ERROR
    single = next(f for f in responses.findings if f.column == "actortype")
    assert single.row == 5 and single.message.startswith("answer cannot be read: 'ziekenhuisje' (row 5)")
    assert responses.frame["ACT2"].iloc[:6].isna().all()
    assert responses.used == N


def test_many_unreadable_answers_quote_the_first_ones_in_file_order(tmp_path):
    """However many cells of a column cannot be read, its finding quotes the first of them in
    the file's order (pandera, which ran the cell pass before, reordered more than 16)."""
    body = copy_body()
    for n, row in enumerate(body):
        row[col("ACT1")] = ["ja", "nee", "x"][n % 3]
        row[col("ACT2")] = f"antwoord {n % 7}"
        row[col("ACT3")] = str(6 + n % 5)
    findings = {f.column: f.message.split(";")[0] for f in ingest(tmp_path, COLUMNS, body).findings}
    assert findings["ACT1"] == f"{N} answers cannot be read: 'ja' (row 2), 'nee' (row 3), 'x' (row 4)"
    assert findings["ACT2"] == (f"{N} answers cannot be read: 'antwoord 0' (row 2), 'antwoord 1' (row 3), "
                                "'antwoord 2' (row 4), …")
    assert findings["ACT3"] == f"{N} answers cannot be read: '6' (row 2), '7' (row 3), '8' (row 4), …"


@pytest.mark.parametrize("spelling", ["rel_vertrouwen__{name}", "rel_vertrouwen [{name}]", "REL_VERTROUWEN__{upper}",
                                      "{question} [{name}]", "{question} - {name}", "relvertrouwen[{compact}]"])
def test_relation_grid_headed_by_organisation_names(tmp_path, baseline, spelling):
    header = list(COLUMNS)
    for code, name, _ in h.ORGS:
        header[col(f"rel_vertrouwen__{code}")] = spelling.format(
            name=name, upper=name.upper(), compact=code.replace("-", ""),
            question=INST.questions["rel_vertrouwen"].text("nl"))
    responses = ingest(tmp_path, header)
    assert [f for f in responses.findings if f.kind == "unknown_column"] == []
    assert_frame_equal(h.sorted_frame(responses.frame), h.sorted_frame(baseline.frame))


@pytest.mark.parametrize("where", [0, 1, 3])
def test_header_rows_in_the_first_rows_are_never_respondents(tmp_path, baseline, where):
    texts = [INST.text_of(c, "en") if (c in INST.items or c in INST.questions) else "" for c in COLUMNS]
    import_ids = [f'{{"ImportId":"QID{i}"}}' for i in range(len(COLUMNS))]
    body = copy_body()
    body[where:where] = [texts, [""] * len(COLUMNS), import_ids]
    responses = ingest(tmp_path, COLUMNS, body)
    assert responses.received == responses.used == N
    assert responses.findings == []
    assert_frame_equal(responses.frame.reset_index(drop=True), baseline.frame.reset_index(drop=True))


def test_a_guessed_encoding_is_one_warning_that_names_it(tmp_path):
    body = copy_body()
    body[0][col("open_goed")] = "Coördinatie en ideeën"
    responses = ingest(tmp_path, COLUMNS, body, encoding="cp1252")
    assert [(f.kind, f.severity) for f in responses.findings] == [("encoding_guessed", Severity.WARNING)]
    assert "cp1252" in responses.findings[0].message
    assert responses.frame.loc[2, "open_goed"] == "Coördinatie en ideeën"


def test_a_respondent_column_with_names_is_masked_in_open_answers(tmp_path):
    header = list(COLUMNS)
    header[col("respondent_id")] = "Respondent"
    body = copy_body()
    body[0][col("respondent_id")] = "Marieke van Dam"
    body[1][col("open_beter")] = "Marieke trekt alles; van Dam ook"
    responses = ingest(tmp_path, header, body)
    assert responses.frame.loc[3, "open_beter"] == "[naam] trekt alles; van [naam] ook"
    assert "Marieke" not in h.all_text(responses)


@pytest.mark.parametrize(("cell", "code"), [
    ("Network administrative organisation (NAO): a separate organisation facilitates and coordinates the network",
     "netwerkbureau"),
    ("NAO", "netwerkbureau"), ("network office", "netwerkbureau"), ("Netwerkbureau", "netwerkbureau"),
    ("Shared governance", "zelfregulerend"), ("Self-governing", "zelfregulerend"),
])
def test_governance_answers_in_todays_and_earlier_english_wording(cell, code):
    """The questionnaire now says what the report says (NAO, shared governance); files exported
    with the earlier wording ("Network office", "Self-governing") still read the same."""
    from pipeline.ingest.answers import choice_value, option_lookup

    lookup = option_lookup(INST.options(INST.questions["regievorm"]))
    assert choice_value(cell, lookup, INST) == code
