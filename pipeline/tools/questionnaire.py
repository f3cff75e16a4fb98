"""The instrument as a readable questionnaire PDF, for review with clients."""

from __future__ import annotations

from pathlib import Path

from pipeline import __version__
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument, load_instrument
from pipeline.report.brand import Brand, load_brand
from pipeline.report.render import render_html, write_pdf


def questions_by_section(instrument: Instrument) -> dict[str, list[dict]]:
    """Each section's questions in order: Likert items by their construct's group, then the rest."""
    out: dict[str, list[dict]] = {s.code: [] for s in instrument.sections}
    for item in instrument.items.values():
        out[instrument.section_of_item(item.code)].append({"code": item.code, "item": item, "question": None})
    for question in instrument.questions.values():
        out[question.section].append({"code": question.code, "item": None, "question": question})
    return out


def write_questionnaire(target: Path, lang: str = "nl", brand: Brand | None = None,
                        instrument: Instrument | None = None) -> Path:
    instrument, brand = instrument or load_instrument(), brand or load_brand()
    html = render_html("questionnaire.html.j2", brand.folder, instrument=instrument,
                       sections=questions_by_section(instrument), brand=brand, t=Translator(lang), lang=lang,
                       version=__version__)
    write_pdf(html, target, brand.folder)
    return target
