"""Questions for the feedback session: one per building block, made from its reading.

There is no catalogue of discussion questions yet. Until there is, each building block gets
one question about the statement its participants scored lowest, so the session starts where
the coalition itself is least positive. Negatively worded statements are left out, as in the
report's reading: asking whether people recognise a statement they rejected says the opposite
of what the figure means."""

from __future__ import annotations

from pipeline.analysis.result import CoalitionResult
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument, Item


def lowest_statement(result: CoalitionResult, instrument: Instrument, construct: str) -> tuple[Item, float] | None:
    """The positively worded statement with the lowest mean (the first of equals); None when
    no statement has enough answers for a mean."""
    scored = [(mean, n, item) for n, item in enumerate(instrument.items_of(construct))
              if not item.reverse and (mean := result.items[item.code].mean) is not None]
    if not scored:
        return None
    mean, _, item = min(scored, key=lambda entry: entry[:2])
    return item, mean


def discussion_questions(result: CoalitionResult, instrument: Instrument, t: Translator) -> list[str]:
    """One question per building block, in the instrument's order."""
    questions = []
    for block in instrument.constructs_in("bouwsteen"):
        name = block.name(t.lang)
        lowest = lowest_statement(result, instrument, block.code)
        if lowest is None:
            questions.append(t("slides_question_few", block=name))
        else:
            item, mean = lowest
            questions.append(t("slides_question", block=name, text=item.text(t.lang), mean=t.number(mean)))
    return questions
