"""The instrument as a questionnaire a respondent can read and fill in on paper, or a client
can review before the survey goes out.

What a respondent sees is the questions, never the instrument's codes: statements in grids
with their answer scale as columns, the relation questions as a grid of the coalition's own
organisations (rows: the roster of coalition.yaml; columns: the answer scale, for trust with
"ken ik niet"), and a privacy promise that says what the analysis does: no result that rests
on fewer than the coalition's own anonymity threshold k, answers about organisations only
pooled, names and e-mail addresses never in a report. Without a coalition the organisation
rows are left blank for the client to fill in, and k is the default setting. The theme
coalition question offers the coalition's `theme_coalitions` (a line to write on without a
coalition) and is left out for a coalition that lists none: its answer would be ignored."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count
from pathlib import Path

from pipeline import __version__
from pipeline.core.coalition import Coalition
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument, Item, Question, Scale, load_instrument
from pipeline.report.brand import Brand, load_brand
from pipeline.report.render import render_html, write_pdf
from pipeline.tools.privacy_promise import privacy_promise

BLANK_ORGANISATION_ROWS = 8     # rows to write organisations in when no roster is given


@dataclass(frozen=True)
class StatementGrid:
    """Consecutive statements on the same scale: one row each, the scale's answers as columns."""

    scale: Scale
    items: tuple[tuple[int, Item], ...]      # running number, statement
    kind: str = "statements"


@dataclass(frozen=True)
class RelationGrid:
    """One relation question: a row per organisation of the roster (blank rows without one)."""

    number: int
    question: Question
    scale: Scale
    organisations: tuple[str, ...]
    kind: str = "relation"


@dataclass(frozen=True)
class ChoiceQuestion:
    """One or more boxes to tick; for the roster question the coalition's organisations, for the
    theme question its theme coalitions; no options: a line to write the answer on."""

    number: int
    question: Question
    options: tuple[str, ...]
    kind: str = "choice"


@dataclass(frozen=True)
class OpenQuestion:
    number: int
    question: Question
    kind: str = "open"


Part = StatementGrid | RelationGrid | ChoiceQuestion | OpenQuestion


def questionnaire_parts(instrument: Instrument, lang: str, organisations: tuple[str, ...] = (),
                        themes: tuple[str, ...] | None = None) -> dict[str, list[Part]]:
    """Each section's parts in the order a respondent answers them: the section's statements
    (the instrument's order, consecutive ones on the same scale in one grid), then its other
    questions. Numbers run through the whole questionnaire, so a respondent can refer to one.
    `themes`: the coalition's theme coalitions; None without a coalition (a line to write on),
    empty for a coalition without any (the theme question is left out)."""
    numbers = count(1)
    parts: dict[str, list[Part]] = {s.code: [] for s in instrument.sections}
    for section in instrument.sections:
        out = parts[section.code]
        for item in instrument.items.values():
            if instrument.section_of_item(item.code) != section.code:
                continue
            last = out[-1] if out else None
            if isinstance(last, StatementGrid) and last.scale.code == item.scale:
                out[-1] = StatementGrid(last.scale, (*last.items, (next(numbers), item)))
            else:
                out.append(StatementGrid(instrument.scales[item.scale], ((next(numbers), item),)))
        for question in instrument.questions.values():
            if question.section != section.code:
                continue
            if question.type == "relation" and question.scale is not None:   # the instrument gives each a scale
                rows = organisations or ("",) * BLANK_ORGANISATION_ROWS
                out.append(RelationGrid(next(numbers), question, instrument.scales[question.scale], rows))
            elif question.type == "roster":
                out.append(ChoiceQuestion(next(numbers), question, organisations))
            elif question.type == "theme":
                if themes is None or themes:
                    out.append(ChoiceQuestion(next(numbers), question, themes or ()))
            elif question.type == "open":
                out.append(OpenQuestion(next(numbers), question))
            else:
                out.append(ChoiceQuestion(next(numbers), question,
                                          tuple(o.text(lang) for o in instrument.options(question))))
    return parts


def write_questionnaire(target: Path, lang: str = "nl", brand: Brand | None = None,
                        instrument: Instrument | None = None, coalition: Coalition | None = None) -> Path:
    """The questionnaire PDF; for `coalition`, with its name, its organisations and its k."""
    instrument, brand = instrument or load_instrument(), brand or load_brand()
    organisations = tuple(o.name for o in coalition.organisations) if coalition else ()
    t = Translator(lang)
    html = render_html("questionnaire.html.j2", brand.folder, instrument=instrument,
                       parts=questionnaire_parts(instrument, lang, organisations,
                                                 coalition.theme_coalitions if coalition else None),
                       coalition=coalition,
                       promise=privacy_promise(t, coalition), brand=brand, t=t, lang=lang, version=__version__)
    write_pdf(html, target, brand.folder)
    return target
