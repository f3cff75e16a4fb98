"""`netwerkscan template --format limesurvey`: a survey structure LimeSurvey can import,
whose export's codes map back to every field of the instrument and roster, exactly."""

from __future__ import annotations

import csv
from collections import defaultdict

import ingest_helpers as h

from pipeline.core.instrument import MULTI_SEPARATOR, RELATION_SEPARATOR
from pipeline.ingest import answers
from pipeline.ingest.columns import ColumnResolver
from pipeline.tools.limesurvey import COLUMNS
from pipeline.tools.template_file import template_columns, write_template

INST = h.instrument()


def structure(tmp_path, lang="nl"):
    coalition = h.coalition_csv(tmp_path, ["respondent_id"], [])
    path = write_template(tmp_path / "survey.txt", "limesurvey", lang, coalition)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")   # LimeSurvey's own files are UTF-8 with BOM
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return coalition, rows


def questions(rows):
    """Each question row with its subquestion codes and answer texts, by LimeSurvey's proximity rule."""
    out, current = [], None
    for row in rows:
        if row["class"] == "Q":
            current = {"q": row, "sq": [], "a": []}
            out.append(current)
        elif row["class"] == "SQ":
            current["sq"].append(row["name"])
        elif row["class"] == "A":
            current["a"].append(row["text"])
    return out


def test_structure_has_the_tab_separated_columns_and_one_group_per_section(tmp_path):
    _, rows = structure(tmp_path)
    assert list(rows[0]) == COLUMNS
    assert [r["name"] for r in rows if r["class"] == "G"] == [s.title("nl") for s in INST.sections]
    codes = [r["name"] for r in rows if r["class"] in ("Q", "SQ")]
    assert all(code.isalnum() for code in codes)   # LimeSurvey allows letters and digits only


def test_exported_codes_map_to_every_field_exactly(tmp_path):
    coalition, rows = structure(tmp_path)
    resolver = ColumnResolver(INST, coalition)
    headers = []
    for question in questions(rows):
        name = question["q"]["name"]
        headers += [f"{name}[{sq}]" for sq in question["sq"]] or [name]
    fields = [resolver.resolve(header) for header in headers]
    assert None not in fields and len(set(fields)) == len(fields)
    multi = {q.code for q in INST.questions_of_type("multi")}
    expected = {c for c in template_columns(INST, [o.code for o in coalition.organisations],
                                            themes=bool(coalition.theme_coalitions)) if c not in multi}
    expected |= {f"{q}{MULTI_SEPARATOR}{o.code}" for q in multi for o in INST.options(INST.questions[q])}
    assert set(fields) == expected - {"respondent_id"}


def test_answer_codes_read_back_as_the_answer_they_label(tmp_path):
    coalition, rows = structure(tmp_path, lang="en")
    resolver = ColumnResolver(INST, coalition)
    checked = defaultdict(int)
    for question in questions(rows):
        if not question["a"]:
            continue
        name = question["q"]["name"]
        field = resolver.resolve(f"{name}[{question['sq'][0]}]" if question["sq"] else name)
        base = field.split(RELATION_SEPARATOR)[0]
        for n, text in enumerate(question["a"], start=1):
            if field in INST.items or INST.questions[base].type == "relation":
                scale = INST.scales[INST.items[field].scale if field in INST.items else INST.questions[base].scale]
                assert answers.scale_value(f"A{n}", scale, INST) == answers.scale_value(text, scale, INST)
                checked["scale"] += 1
            elif INST.questions[base].type == "roster":
                assert coalition.organisations[n - 1].name == text
                checked["roster"] += 1
            else:
                lookup = answers.option_lookup(INST.options(INST.questions[base]))
                assert answers.choice_value(f"A{n}", lookup, INST) == answers.choice_value(text, lookup, INST)
                checked["single"] += 1
    assert set(checked) == {"scale", "roster", "single"}


def test_the_survey_makes_the_questionnaire_s_privacy_promise(tmp_path):
    """Respondents online read the same promise as on paper, with the coalition's own k."""
    _, rows = structure(tmp_path, "en")
    description = next(row["text"] for row in rows if row["name"] == "surveyls_description")
    assert "no result that rests on fewer than 5 people" in description
    assert "only reported pooled" in description and "never appear in a report" in description
