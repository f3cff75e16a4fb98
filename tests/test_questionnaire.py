"""The questionnaire a respondent fills in: read back from the PDF with pdftotext, no item
code is printed, every organisation of the roster is a row of both relation grids, trust has
"ken ik niet", and the privacy promise carries the coalition's own anonymity threshold."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from pdf_helpers import pdf_text

from pipeline.core.coalition import Coalition, load_coalition
from pipeline.core.instrument import load_instrument
from pipeline.tools.questionnaire import (
    BLANK_ORGANISATION_ROWS,
    RelationGrid,
    StatementGrid,
    questionnaire_parts,
    write_questionnaire,
)

LINDEVELD = Path(__file__).resolve().parent.parent / "inputs" / "zorgnetwerk-lindeveld"
INSTRUMENT = load_instrument()


@pytest.fixture(scope="module")
def coalition() -> Coalition:
    """Lindeveld with an anonymity threshold of 7, so the promise shows it is the coalition's own."""
    found = load_coalition(LINDEVELD)
    return replace(found, settings=replace(found.settings, anonymity_threshold=7))


def codes_in(text: str) -> set[str]:
    """Every item code, and every question code that is no ordinary word (rel_vertrouwen), found in `text`."""
    codes = [*INSTRUMENT.items, *(c for c in INSTRUMENT.questions if "_" in c), INSTRUMENT.id]
    return {code for code in codes if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text, re.IGNORECASE)}


def test_relation_grids_have_a_row_per_roster_organisation(coalition):
    names = tuple(o.name for o in coalition.organisations)
    parts = [p for section in questionnaire_parts(INSTRUMENT, "nl", names).values() for p in section]
    grids = [p for p in parts if isinstance(p, RelationGrid)]
    assert [g.question.code for g in grids] == ["rel_intensiteit", "rel_vertrouwen"]
    assert all(g.organisations == names for g in grids)
    blank = [p for section in questionnaire_parts(INSTRUMENT, "nl").values() for p in section
             if isinstance(p, RelationGrid)]
    assert all(g.organisations == ("",) * BLANK_ORGANISATION_ROWS for g in blank)
    statements = [item.code for p in parts if isinstance(p, StatementGrid) for _, item in p.items]
    assert sorted(statements) == sorted(INSTRUMENT.items)     # every statement, once


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_printed_questionnaire(coalition, lang, tmp_path):
    text = pdf_text(write_questionnaire(tmp_path / "vragenlijst.pdf", lang, coalition=coalition), layout=False)
    flat = " ".join(text.split())
    assert codes_in(text) == set()
    for organisation in coalition.organisations:      # the roster question and the two grids
        assert flat.count(organisation.name) >= 3, organisation.name
    assert ("Ken ik niet" if lang == "nl" else "Don't know them") in flat
    assert coalition.theme_coalitions and INSTRUMENT.questions["themacoalitie"].text(lang) in flat
    for theme in coalition.theme_coalitions:           # the theme coalition question's options
        assert theme in flat, theme
    assert coalition.name in flat
    promise = {"nl": "minder dan 7 personen", "en": "fewer than 7 people"}[lang]
    assert promise in flat and "5 personen" not in flat and "5 people" not in flat
    for statement in INSTRUMENT.items.values():
        assert " ".join(statement.text(lang).split()) in flat


@pytest.mark.slow
def test_the_command_takes_the_coalition(tmp_path):
    """`netwerkscan questionnaire --coalition DIR`: the roster and the k of coalition.yaml; a
    folder without a readable coalition.yaml is a usage error, not a traceback."""
    from click.testing import CliRunner

    from pipeline.cli import main

    target = tmp_path / "q.pdf"
    result = CliRunner().invoke(main, ["questionnaire", "--lang", "en", "--coalition", str(LINDEVELD),
                                       "--out", str(target)])
    assert result.exit_code == 0, result.output
    flat = " ".join(pdf_text(target, layout=False).split())
    assert "Apotheek De Linde Lindeveld" in flat and "fewer than 5 people" in flat
    (tmp_path / "leeg").mkdir()
    broken = CliRunner().invoke(main, ["questionnaire", "--coalition", str(tmp_path / "leeg"), "--out", str(target)])
    assert broken.exit_code == 2
