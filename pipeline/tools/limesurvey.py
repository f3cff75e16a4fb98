"""The instrument as a LimeSurvey survey structure (tab-separated .txt, "Import survey").

A survey built from this file exports with codes that ingest maps exactly: the statements
of a construct are one array question named after their item prefix (``ACT``) with
subquestions ``SQ001``, ``SQ002``, … for ``ACT1``, ``ACT2``, …; every answer list uses
LimeSurvey's default codes ``A1``, ``A2``, … in the instrument's order (``A1`` on the
agreement scale is 1, on the contact scale 0); relation grids have one subquestion per
roster organisation, coded by its roster code without punctuation; question codes are ours
without underscores, because LimeSurvey allows letters and digits only. The theme coalition
question lists the coalition's `theme_coalitions` (A1, A2, … in their order), is typed
without a coalition, and is left out for a coalition that lists none."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from pipeline.core.coalition import Coalition
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument, Question, Scale
from pipeline.tools.privacy_promise import privacy_promise

COLUMNS = ["id", "related_id", "class", "type/scale", "name", "relevance", "text", "help", "language",
           "validation", "mandatory", "other", "default", "same_default"]


def item_subquestion(code: str) -> tuple[str, str]:
    """An item's array question and subquestion: ACT12 is ("ACT", "SQ012")."""
    prefix = code.rstrip("0123456789")
    return prefix, f"SQ{int(code[len(prefix):]):03d}"


def limesurvey_code(code: str) -> str:
    """Letters and digits only, as LimeSurvey requires of question and subquestion codes."""
    return re.sub(r"[\W_]+", "", code)


class _Rows:
    """The rows of the file; every question gets the next id, its subquestions and answers share it."""

    def __init__(self, lang: str):
        self.lang = lang
        self.rows: list[dict[str, str]] = []
        self.question_id = 0

    def add(self, cls: str, kind: str, name: str, text: str, mandatory: str = "", relevance: str = "") -> None:
        row = dict.fromkeys(COLUMNS, "")
        row.update({"class": cls, "type/scale": kind, "name": name, "text": text, "relevance": relevance,
                    "mandatory": mandatory, "language": self.lang if cls != "S" else ""})
        if cls in ("Q", "SQ", "A"):
            if cls == "Q":
                self.question_id += 1
            row["id"] = str(self.question_id)
        self.rows.append(row)

    def question(self, kind: str, name: str, text: str, mandatory: bool = False) -> None:
        self.add("Q", kind, name, text, "Y" if mandatory else "N", relevance="1")

    def answers(self, labels: list[str]) -> None:
        for n, label in enumerate(labels, start=1):
            self.add("A", "0", f"A{n}", label)

    def subquestions(self, rows: list[tuple[str, str]]) -> None:
        for code, text in rows:
            self.add("SQ", "0", code, text, relevance="1")


def _scale_labels(scale: Scale, lang: str) -> list[str]:
    return [scale.label(v, lang) for v in scale.values]


def _question(out: _Rows, question: Question, instrument: Instrument, lang: str, coalition: Coalition | None) -> None:
    code, text = limesurvey_code(question.code), question.text(lang)
    if question.type == "roster" and coalition:
        out.question("L", code, text, question.required)
        out.answers([o.name for o in coalition.organisations])
    elif question.type == "roster":   # no roster given: the organisation is typed, by name or code
        out.question("S", code, text, question.required)
    elif question.type == "theme" and coalition:
        if coalition.theme_coalitions:
            out.question("L", code, text, question.required)
            out.answers(list(coalition.theme_coalitions))
    elif question.type == "theme":   # no coalition given: the theme coalition is typed, by name
        out.question("S", code, text, question.required)
    elif question.type == "single":
        out.question("L", code, text, question.required)
        out.answers([o.text(lang) for o in instrument.options(question)])
    elif question.type == "multi":
        out.question("M", code, text, question.required)
        out.subquestions([(limesurvey_code(o.code), o.text(lang)) for o in instrument.options(question)])
    elif question.type == "relation" and coalition:
        out.question("F", code, text)
        out.subquestions([(limesurvey_code(o.code), o.name) for o in coalition.organisations])
        out.answers(_scale_labels(instrument.scales[question.scale or ""], lang))
    elif question.type == "open":
        out.question("T", code, text)


def _item_arrays(out: _Rows, instrument: Instrument, section: str, lang: str) -> None:
    arrays: dict[str, list[str]] = {}
    for code in instrument.items:
        if instrument.section_of_item(code) == section:
            arrays.setdefault(item_subquestion(code)[0], []).append(code)
    for prefix, codes in arrays.items():
        first = instrument.items[codes[0]]
        out.question("F", prefix, instrument.constructs[first.construct].question(lang))
        out.subquestions([(item_subquestion(c)[1], instrument.items[c].text(lang)) for c in codes])
        out.answers(_scale_labels(instrument.scales[first.scale], lang))


def write_limesurvey(out_path: Path, instrument: Instrument, lang: str, coalition: Coalition | None) -> Path:
    out = _Rows(lang)
    out.add("S", "", "language", lang)
    out.add("S", "", "format", "G")
    out.add("SL", "", "surveyls_title", instrument.title(lang))
    promise = privacy_promise(Translator(lang), coalition)     # the same promise as the questionnaire's
    out.add("SL", "", "surveyls_description", " ".join([instrument.intro(lang), *promise]))
    for section in instrument.sections:
        out.add("G", "", section.title(lang), section.instruction(lang), relevance="1")
        _item_arrays(out, instrument, section.code, lang)
        for question in instrument.questions.values():
            if question.section == section.code:
                _question(out, question, instrument, lang, coalition)
    with out_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        writer.writerows(out.rows)
    return out_path
