"""Every survey tool's export of the same answers reads to the same scores as the plain
numeric file it was made from (tests/fixtures/make_exports.py writes them)."""

from __future__ import annotations

import shutil
from pathlib import Path

import ingest_helpers as h
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_series_equal

from pipeline.analysis.scores import flipped, respondent_scores
from pipeline.core.coalition import load_coalition
from pipeline.core.findings import Severity
from pipeline.ingest.responses import ingest_file

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
INST = h.instrument()
TOOLS = ["qualtrics.csv", "limesurvey.csv", "microsoft-forms.xlsx", "google-forms.csv", "excel-unicode.txt"]
# What each tool adds about people; dropped at the door and named in one warning each.
IDENTIFYING = {
    "qualtrics.csv": {"IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "LocationLatitude",
                      "LocationLongitude"},
    "limesurvey.csv": {"token", "ipaddr", "refurl", "firstname", "lastname", "email"},
    "microsoft-forms.xlsx": {"Email", "Name"},
    "google-forms.csv": {"E-mailadres"},
    "excel-unicode.txt": set(),
}
PEOPLE_DETAILS = ["Jansen", "Pieter", "anna.jansen@zorg.example", "192.0.2.10", "198.51.100.1", "tok0000"]


def ingest_export(tmp_path: Path, name: str, source: Path = EXPORTS):
    folder = tmp_path / h.SLUG
    h.write_yaml(folder)
    shutil.copy(source / name, folder / f"{h.WAVE}{Path(name).suffix}")
    coalition = load_coalition(folder)
    return ingest_file(coalition.waves[h.WAVE], coalition, h.WAVE)


def scores(frame: pd.DataFrame) -> pd.DataFrame:
    return respondent_scores(flipped(frame, INST), INST, min_share=0.5).reset_index(drop=True)


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    responses = ingest_export(tmp_path_factory.mktemp("plain"), "plain.csv")
    assert responses.findings == [] and responses.received == responses.used
    return responses


@pytest.mark.parametrize("name", TOOLS)
def test_each_export_reads_to_the_plain_files_scores(tmp_path, plain, name):
    responses = ingest_export(tmp_path, name)
    assert [str(f) for f in responses.findings if f.severity is Severity.ERROR] == []
    assert [f.column for f in responses.findings if f.kind == "unknown_column"] == []
    assert responses.received == responses.used == plain.used   # header rows are not respondents
    assert_frame_equal(scores(responses.frame), scores(plain.frame))
    assert_series_equal(scores(responses.frame).mean(), scores(plain.frame).mean())
    # not only the statements: profile, roles, relations and open answers come through the same
    assert_frame_equal(h.sorted_frame(responses.frame).reset_index(drop=True),
                       h.sorted_frame(plain.frame).reset_index(drop=True))


@pytest.mark.parametrize("name", TOOLS)
def test_each_exports_details_of_people_are_dropped(tmp_path, name):
    responses = ingest_export(tmp_path, name)
    assert {f.column for f in responses.findings if f.kind == "identifying_column"} == IDENTIFYING[name]
    text = h.all_text(responses)
    for detail in PEOPLE_DETAILS:
        assert detail not in text


def test_qualtrics_header_rows_are_not_counted_wherever_they_sit(tmp_path, plain):
    """The ImportId row above the question texts, and a blank line between them."""
    lines = (EXPORTS / "qualtrics.csv").read_bytes().split(b"\r\n")
    moved = b"\r\n".join([lines[0], lines[2], b"", lines[1], *lines[3:]])
    (tmp_path / "qualtrics.csv").write_bytes(moved)
    responses = ingest_export(tmp_path, "qualtrics.csv", source=tmp_path)
    assert responses.received == responses.used == plain.used
    assert responses.received == responses.used + responses.rejected


def test_google_forms_rows_get_generated_ids(tmp_path):
    responses = ingest_export(tmp_path, "google-forms.csv")
    assert "respondent_id" not in responses.frame
    assert list(responses.frame.index) == list(range(2, responses.used + 2))
