"""The workshop deck read back with python-pptx, made from a real analysis and the report's
real charts: ten slides with their titles in order, every picture a real image with its
alternative text, the brand's colours and fonts, the catalogue's conversation starters, a draft
mark on every slide until the advisor approves, no deck below the anonymity threshold."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from pipeline.analysis.result import CoalitionResult
from pipeline.core.errors import TooFewRespondentsError
from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.core.paths import TEMPLATES_DIR
from pipeline.report.charts import Chart
from pipeline.report.commentary import Commentary
from pipeline.report.discussion import discussion_questions, lowest_statement
from pipeline.report.parameters import ReportParameters
from pipeline.report.questions import load_questions
from pipeline.report.slides import DRAFT_MARK_NAME, write_slides
from pipeline.report.steps import ReportSetup, analyse_folder, draw_charts, prepare

pytestmark = pytest.mark.slow     # draws every chart and rasterises some

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
ZUIDKUST = TEMPLATES_DIR / "brands" / "zuidkust-advies"
SHOWN = ("bouwstenen", "rolhouders", "netwerkkaart")     # the charts the deck shows


@pytest.fixture(scope="module")
def result() -> CoalitionResult:
    _, _, analysed = analyse_folder(INPUTS / "zorgnetwerk-lindeveld")
    return analysed


@pytest.fixture(scope="module", params=[("nl", None), ("en", ZUIDKUST)], ids=["nl-default", "en-zuidkust"])
def made(request, result, tmp_path_factory) -> tuple[ReportSetup, dict[str, Chart], Path]:
    lang, brand_dir = request.param
    setup = prepare(ReportParameters(str(INPUTS / "zorgnetwerk-lindeveld"), "", lang,
                                     str(brand_dir) if brand_dir else None))
    charts = draw_charts(result, setup)
    target = tmp_path_factory.mktemp(lang) / f"{result.coalition.slug}.pptx"
    assert write_slides(result, charts, setup.brand, setup.t, target) == target
    return setup, charts, target


def all_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_ten_slides_with_their_titles_in_order(result, made):
    setup, _, path = made
    t = setup.t
    deck = Presentation(str(path))
    assert [slide.shapes.title.text for slide in deck.slides] == [
        result.coalition.name, t("slides_three_things"), t("slides_blocks"), t("slides_roles"),
        t("slides_governance"), t("slides_network"), t("slides_questions"), t("slides_starters_blocks"),
        t("conversation_roles"), t("slides_next_steps")]
    assert deck.slide_width * 9 == deck.slide_height * 16
    for slide in deck.slides:       # coloured areas lie behind the title, never over it
        shapes = list(slide.shapes)
        areas = [n for n, shape in enumerate(shapes) if shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
        assert areas and max(areas) < shapes.index(slide.shapes.title)
    assert deck.core_properties.language == t.lang and deck.core_properties.author == setup.brand.firm


def test_every_picture_is_an_image_with_alt_text(made):
    setup, charts, path = made
    pictures = [shape for slide in Presentation(str(path)).slides for shape in slide.shapes
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    alts = [shape._element.nvPicPr.cNvPr.get("descr") for shape in pictures]
    assert all(alt and alt.strip() for alt in alts)
    assert alts == [setup.brand.firm, *(charts[name].alt for name in SHOWN)]     # the logo, then the charts
    for shape in pictures:
        image = Image.open(io.BytesIO(shape.image.blob))
        assert image.format == "PNG" and min(image.size) > 100


def test_the_brand_colours_and_fonts_are_used(made):
    setup, _, path = made
    brand = setup.brand
    deck = Presentation(str(path))
    title = deck.slides[1].shapes.title.text_frame.paragraphs[0].runs[0].font
    assert str(title.color.rgb) == brand.primary.lstrip("#").upper() and title.name == brand.heading_font
    fonts = {run.font.name for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
             for paragraph in shape.text_frame.paragraphs for run in paragraph.runs}
    assert fonts == {brand.font, brand.heading_font}
    fills = {str(shape.fill.fore_color.rgb) for slide in deck.slides for shape in slide.shapes
             if shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE}
    assert {brand.primary.lstrip("#").upper(), brand.secondary.lstrip("#").upper()} <= fills


def test_the_slides_say_what_the_result_says(result, made):
    setup, _, path = made
    t, instrument = setup.t, setup.instrument
    slides = list(Presentation(str(path)).slides)
    three = all_text(slides[1])
    assert all(advice.title[t.lang] in three for advice in result.advice[:3])
    assert all(advice.title[t.lang] not in three for advice in result.advice[3:])
    roles = all_text(slides[3])
    for role in result.roles.values():
        assert t("slides_role_line", role=instrument.constructs[role.construct].name(t.lang),
                 status=t(f"role_status_{role.status}")) in roles
    assert t(f"mode_{result.governance.declared}") in all_text(slides[4])
    questions = all_text(slides[6])
    assert questions.count("?") >= 4
    for block in instrument.constructs_in("bouwsteen"):
        item, _ = lowest_statement(result, instrument, block.code)
        assert item.text(t.lang) in questions
    steps = all_text(slides[9])
    assert all(advice.text[t.lang] in steps for advice in result.advice)
    assert "@" not in "\n".join(all_text(slide) for slide in slides[1:])     # nobody's e-mail on a slide


def test_each_question_is_about_the_lowest_positive_statement(result):
    instrument, t = load_instrument(), Translator("nl")
    questions = discussion_questions(result, instrument, t)
    assert len(questions) == len(instrument.constructs_in("bouwsteen"))
    for question, block in zip(questions, instrument.constructs_in("bouwsteen")):
        item, mean = lowest_statement(result, instrument, block.code)
        assert not item.reverse
        assert all(result.items[other.code].mean >= mean for other in instrument.items_of(block.code)
                   if not other.reverse and result.items[other.code].mean is not None)
        assert question == t("slides_question", block=block.name("nl"), text=item.text("nl"), mean=t.number(mean))
    unanswered = {code: replace(summary, mean=None) for code, summary in result.items.items()}
    assert discussion_questions(replace(result, items=unanswered), instrument, t)[0] == t(
        "slides_question_few", block=instrument.constructs_in("bouwsteen")[0].name("nl"))


def test_no_deck_below_the_anonymity_threshold(result, made, tmp_path):
    setup, charts, _ = made
    too_few = replace(result.response, used=result.settings.anonymity_threshold - 1)
    with pytest.raises(TooFewRespondentsError):
        write_slides(replace(result, response=too_few), charts, setup.brand, setup.t, tmp_path / "deck.pptx")
    assert list(tmp_path.iterdir()) == []


def draft_marks(path: Path) -> list[list[str]]:
    """Per slide, the texts of its draft-mark shapes."""
    return [[shape.text_frame.text for shape in slide.shapes if shape.name == DRAFT_MARK_NAME]
            for slide in Presentation(str(path)).slides]


def test_every_slide_is_marked_draft_until_approved(result, made, tmp_path):
    setup, charts, path = made
    assert draft_marks(path) == [[setup.t("draft_mark")]] * 10      # no commentary: a draft
    unsigned = write_slides(result, charts, setup.brand, setup.t, tmp_path / "unsigned.pptx",
                            Commentary(author="A. Adviseur"))
    assert draft_marks(unsigned) == [[setup.t("draft_mark")]] * 10
    signed = write_slides(result, charts, setup.brand, setup.t, tmp_path / "signed.pptx",
                          Commentary(author="A. Adviseur", approved_by="B. Vennoot", approved_on=date(2026, 11, 20)))
    assert draft_marks(signed) == [[]] * 10
    words = "\n".join(all_text(slide) for slide in Presentation(str(signed)).slides)
    assert setup.t("draft_mark") not in words


def test_the_conversation_starters_of_the_catalogue_are_on_their_slides(result, made):
    setup, _, path = made
    t, instrument = setup.t, setup.instrument
    questions = load_questions(setup.brand.folder)
    slides = list(Presentation(str(path)).slides)
    blocks, roles = all_text(slides[7]), all_text(slides[8])
    for block in instrument.constructs_in("bouwsteen"):
        asked = questions.of("block", block.code, t.lang)
        assert asked and block.name(t.lang) in blocks
        assert all(f"• {q}" in blocks for q in asked)
    for code, role in result.roles.items():
        asked = questions.of("role", code, t.lang)
        assert asked and instrument.constructs[role.construct].name(t.lang) in roles
        assert all(f"• {q}" in roles for q in asked)
