"""The theme coalition question end to end: asked with the coalition's own theme coalitions
(questionnaire, LimeSurvey, template), read by name or number, a name that is no theme
coalition a finding with row and column, and the breakdown under the anonymity rule."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import ingest_helpers as h
import pytest

from pipeline.analysis.analyse import analyse
from pipeline.analysis.groups import MERGED
from pipeline.core.coalition import Coalition, load_coalition
from pipeline.core.findings import Severity
from pipeline.ingest.columns import ColumnResolver
from pipeline.ingest.responses import ingest_coalition, ingest_file
from pipeline.tools import example_data
from pipeline.tools.limesurvey import limesurvey_code
from pipeline.tools.questionnaire import ChoiceQuestion, questionnaire_parts
from pipeline.tools.template_file import answer_options, template_columns, write_template

INST = h.instrument()
THEMES = ["Wijkteams", "Valpreventie", "Dementievriendelijk"]
RESPONDENTS = 20


def _coalition(tmp_path: Path, themes: list[str], header: list[str], body: list[list[str]]) -> Coalition:
    folder = tmp_path / h.SLUG
    folder.mkdir(parents=True, exist_ok=True)
    spec = dataclasses.replace(h.SPEC, respondents=0, theme_coalitions=themes)
    (folder / "coalition.yaml").write_text(example_data.coalition_yaml(spec), encoding="utf-8")
    (folder / f"{h.WAVE}.csv").write_bytes(h.csv_bytes(header, body))
    return load_coalition(folder)


def _answers() -> tuple[list[str], list[dict[str, object]]]:
    """Twenty complete responses from the example generator (no theme column yet)."""
    spec = dataclasses.replace(h.SPEC, respondents=RESPONDENTS)
    rows = example_data.generate_responses(spec, h.WAVE, INST, seed=h.SEED)
    for row in rows:
        for code in INST.items:
            if row.get(code) is None:
                row[code] = 3
    return example_data.response_columns(spec, INST), rows


def _with_themes(tmp_path: Path, cells: list[str], header: str = "themacoalitie",
                 themes: list[str] = THEMES) -> Coalition:
    columns, rows = _answers()
    body = h.table(columns, rows)
    return _coalition(tmp_path, themes, [*columns, header],
                      [[*line, cell] for line, cell in zip(body, cells, strict=True)])


def _ingest(coalition: Coalition):
    return ingest_file(coalition.waves[h.WAVE], coalition, h.WAVE)


def test_the_question_is_optional_in_the_profile_and_offers_the_coalitions_theme_coalitions():
    question = INST.questions["themacoalitie"]
    assert (question.type, question.section, question.required) == ("theme", "profiel", False)
    assert question.text("nl") == "In welke themacoalitie neemt u vooral deel?"
    assert question.text("en") == "Which theme coalition do you mainly take part in?"


@pytest.mark.parametrize("header", ["themacoalitie", "In welke themacoalitie neemt u vooral deel?",
                                    "Which theme coalition do you mainly take part in?", "THEMACOALITIE"])
def test_the_column_is_read_by_name_any_case_and_by_number(tmp_path, header):
    cells = (["wijkteams", "A2", "Dementievriendelijk ", "a1", ""] * 4)
    responses = _ingest(_with_themes(tmp_path, cells, header))
    assert [f for f in responses.findings if f.severity is Severity.ERROR] == []
    assert "themacoalitie" in responses.asked
    expected = (["Wijkteams", "Valpreventie", "Dementievriendelijk", "Wijkteams", None] * 4)
    got = [None if v is None or v != v else v for v in responses.frame["themacoalitie"]]
    assert got == expected


def test_a_name_that_is_no_theme_coalition_is_a_finding_with_row_and_column(tmp_path):
    cells = ["Wijkteams"] * RESPONDENTS
    cells[3] = "Valpreventei"    # misspelt; spreadsheet row 5 (header is row 1)
    responses = _ingest(_with_themes(tmp_path, cells, "Themacoalitie"))
    [finding] = [f for f in responses.findings if f.column == "Themacoalitie"]
    assert finding.severity is Severity.ERROR and finding.row == 5
    assert "'Valpreventei' (row 5)" in finding.message and "theme_coalitions" in finding.message
    assert str(finding.file).endswith(f"{h.WAVE}.csv")
    assert responses.used == RESPONDENTS           # the answer is missing, the response is used
    assert responses.frame.loc[5, "themacoalitie"] is None
    assert (responses.frame["themacoalitie"].drop(index=5) == "Wijkteams").all()


def test_a_coalition_without_theme_coalitions_ignores_the_column_with_a_finding(tmp_path):
    responses = _ingest(_with_themes(tmp_path, ["Wijkteams"] * RESPONDENTS, themes=[]))
    [finding] = [f for f in responses.findings if f.kind == "no_theme_coalitions"]
    assert finding.column == "themacoalitie" and finding.severity is Severity.WARNING
    assert "themacoalitie" not in responses.frame and "themacoalitie" not in responses.asked


def test_a_file_without_the_column_keeps_working(tmp_path):
    columns, rows = _answers()
    coalition = _coalition(tmp_path, THEMES, columns, h.table(columns, rows))
    responses = _ingest(coalition)
    assert "themacoalitie" not in responses.asked and "themacoalitie" not in responses.frame
    assert not any("themacoalitie" in str(f) for f in responses.findings)
    result = analyse(coalition, ingest_coalition(coalition), advise=False)
    assert result.network_type.themes is None          # not asked is no breakdown, not an empty one
    assert result.network_type.theme_coalitions == tuple(THEMES)


def test_the_breakdown_never_shows_a_theme_coalition_below_k(tmp_path):
    # 12 Wijkteams, 5 Valpreventie, 2 Dementievriendelijk, 1 unanswered; k = 5
    cells = ["Wijkteams"] * 12 + ["a2"] * 5 + ["Dementievriendelijk"] * 2 + [""]
    coalition = _with_themes(tmp_path, cells)
    assert coalition.settings.anonymity_threshold == 5
    result = analyse(coalition, ingest_coalition(coalition), advise=False)
    themes = result.network_type.themes
    assert themes is not None and themes.by == "themacoalitie"
    # the pool of three (2 + 1 unanswered) is below k: the smallest shown group joins it, so
    # Dementievriendelijk is never shown, nor to be worked out from the total
    assert dict(themes.sizes) == {"Wijkteams": 12, MERGED: 8}
    assert "Dementievriendelijk" not in themes.sizes and "Valpreventie" not in themes.sizes
    for construct, counts in themes.counts.items():
        assert all(n >= 5 for n in counts.values()), construct


def test_every_theme_coalition_below_k_leaves_no_breakdown(tmp_path):
    cells = (["Wijkteams"] * 4 + ["Valpreventie"] * 4 + ["Dementievriendelijk"] * 4 + [""] * 8)
    coalition = _with_themes(tmp_path, cells)
    themes = analyse(coalition, ingest_coalition(coalition), advise=False).network_type.themes
    assert themes is not None and dict(themes.sizes) == {}


def test_questionnaire_offers_the_theme_coalitions_a_line_without_a_coalition_none_without_themes():
    def theme_part(themes):
        parts = [p for section in questionnaire_parts(INST, "nl", (), themes).values() for p in section]
        return [p for p in parts if getattr(p, "question", None) is not None and p.question.code == "themacoalitie"]

    [with_themes] = theme_part(tuple(THEMES))
    assert isinstance(with_themes, ChoiceQuestion) and with_themes.options == tuple(THEMES)
    [blank] = theme_part(None)
    assert blank.options == ()                       # printed as a line to write on
    assert theme_part(()) == []                      # the answer would be ignored: not asked


def test_template_and_limesurvey_round_trip_through_ingest(tmp_path):
    columns, rows = _answers()
    coalition = _coalition(tmp_path, THEMES, columns, h.table(columns, rows))
    # the template has the column, with the theme coalitions as its drop-down list
    organisations = [o.code for o in coalition.organisations]
    assert "themacoalitie" in template_columns(INST, organisations)
    assert "themacoalitie" not in template_columns(INST, organisations, themes=False)
    assert answer_options("themacoalitie", INST, "nl", coalition) == THEMES
    out = write_template(tmp_path / "template.csv", "csv", "nl", coalition)
    assert "themacoalitie" in out.read_text(encoding="utf-8-sig").split(";")
    # LimeSurvey: a list question with A1, A2, … in coalition.yaml's order; its export reads back
    survey = write_template(tmp_path / "survey.txt", "limesurvey", "nl", coalition)
    with survey.open(encoding="utf-8-sig", newline="") as handle:
        structure = list(csv.DictReader(handle, delimiter="\t"))
    at = next(i for i, r in enumerate(structure) if r["class"] == "Q" and r["name"] == limesurvey_code("themacoalitie"))
    assert structure[at]["type/scale"] == "L"
    assert [r["text"] for r in structure[at + 1:at + 1 + len(THEMES)]] == THEMES
    assert ColumnResolver(INST, coalition).resolve(limesurvey_code("themacoalitie")) == "themacoalitie"
    body = [[*line, f"A{n % len(THEMES) + 1}"] for n, line in enumerate(h.table(columns, rows))]
    exported = _coalition(tmp_path / "export", THEMES, [*columns, limesurvey_code("themacoalitie")], body)
    read = _ingest(exported).frame["themacoalitie"]
    assert list(read) == [THEMES[n % len(THEMES)] for n in range(RESPONDENTS)]


def test_a_coalition_without_theme_coalitions_is_not_asked_the_question(tmp_path):
    columns, rows = _answers()
    coalition = _coalition(tmp_path, [], columns, h.table(columns, rows))
    survey = write_template(tmp_path / "survey.txt", "limesurvey", "nl", coalition)
    assert limesurvey_code("themacoalitie") not in survey.read_text(encoding="utf-8-sig")
    out = write_template(tmp_path / "template.csv", "csv", "nl", coalition)
    assert "themacoalitie" not in out.read_text(encoding="utf-8-sig")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_shows_the_breakdown_by_theme_coalition(tmp_path, lang):
    from pipeline.core.i18n import Translator
    from pipeline.report.brand import load_brand
    from pipeline.report.charts import report_charts
    from pipeline.report.steps import analyse_folder, report_html

    cells = ["Wijkteams"] * 12 + ["a2"] * 5 + ["Dementievriendelijk"] * 2 + [""]
    coalition = _with_themes(tmp_path, cells)
    _, _, result = analyse_folder(coalition.folder)
    t, brand = Translator(lang), load_brand(None)
    html = report_html(result, report_charts(result, INST, brand, t), INST, brand, t)
    table = html[html.index(t("theme_breakdown")):]
    table = table[:table.index("</table>")]
    assert ">Wijkteams<" in table and f">{t('group_overig_klein')}<" in table
    assert "Dementievriendelijk" not in table and "Valpreventie" not in table and MERGED not in table
