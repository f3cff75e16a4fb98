"""An empty responses file with the right headers, for a firm's survey tool.

Headers are the item codes (stable across languages); the second sheet of the Excel
version lists each question's text, and every answer cell gets a drop-down list of the
answers the instrument accepts. For LimeSurvey it writes the survey itself (see
tools.limesurvey), so that the tool's export comes back with codes ingest maps exactly."""

from __future__ import annotations

import csv
from pathlib import Path

from pipeline.core.coalition import Coalition
from pipeline.core.instrument import (
    RELATION_SEPARATOR,
    RESPONDENT_ID,
    Instrument,
    load_instrument,
)
from pipeline.core.xlsx import save_reproducibly
from pipeline.tools.limesurvey import write_limesurvey


def template_columns(instrument: Instrument, organisations: list[str] | tuple[str, ...] = (),
                     themes: bool = True) -> list[str]:
    """Every column a responses file can have; relation columns need the roster's codes.
    `themes` False: a coalition without theme coalitions, whose theme column would be ignored."""
    columns = [RESPONDENT_ID]
    for q in instrument.questions.values():
        if q.type == "theme" and not themes:
            continue
        if q.type == "relation":
            columns += [f"{q.code}{RELATION_SEPARATOR}{code}" for code in organisations]
        elif q.type != "open":
            columns.append(q.code)
        if q.code == "positie":
            columns += list(instrument.items)
    return columns + [q.code for q in instrument.questions_of_type("open")]


def answer_options(column: str, instrument: Instrument, lang: str, coalition: Coalition | None) -> list[str]:
    base = column.split(RELATION_SEPARATOR)[0]
    scale_code = instrument.items[column].scale if column in instrument.items else (
        instrument.questions[base].scale if base in instrument.questions else None)
    if scale_code:
        scale = instrument.scales[scale_code]
        return [*scale.labels[lang], scale.missing(lang)]
    question = instrument.questions.get(column)
    if question is None or question.type in ("open", "multi"):
        return []
    if question.type == "roster":
        return [o.code for o in coalition.organisations] if coalition else []
    if question.type == "theme":
        return list(coalition.theme_coalitions) if coalition else []
    return [o.code for o in instrument.options(question)]


def write_template(out: Path, fmt: str = "csv", lang: str = "nl", coalition: Coalition | None = None,
                   instrument: Instrument | None = None) -> Path:
    instrument = instrument or load_instrument()
    if fmt == "limesurvey":
        return write_limesurvey(out, instrument, lang, coalition)
    columns = template_columns(instrument, [o.code for o in coalition.organisations] if coalition else (),
                               themes=coalition is None or bool(coalition.theme_coalitions))
    if fmt == "csv":
        with out.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, delimiter=";").writerow(columns)
        return out
    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Antwoorden" if lang == "nl" else "Responses"
    sheet.append(columns)
    lists = book.create_sheet("Antwoordopties" if lang == "nl" else "Answer options")
    texts = book.create_sheet("Vragen" if lang == "nl" else "Questions")
    texts.append(["code", "tekst" if lang == "nl" else "text"])
    for n, column in enumerate(columns, start=1):
        base = column.split(RELATION_SEPARATOR)[0]
        if column in instrument.items or base in instrument.questions:
            texts.append([column, instrument.text_of(column if column in instrument.items else base, lang)])
        options = answer_options(column, instrument, lang, coalition)
        if not options:
            continue
        letter = get_column_letter(n)
        for row, option in enumerate(options, start=1):
            lists[f"{letter}{row}"] = option
        validation = DataValidation(type="list", formula1=f"='{lists.title}'!${letter}$1:${letter}${len(options)}",
                                    allow_blank=True)
        sheet.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}1000")
    save_reproducibly(book, out)
    return out
