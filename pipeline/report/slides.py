"""The workshop deck: one PowerPoint file per coalition for the feedback session, in the
brand's colours and fonts, with the report's own charts and texts.

Ten slides, always in this order, so an advisor knows where everything is: title, three
things to know, building blocks, roles, governance, network map, questions for discussion,
conversation starters per building block and per role, next steps. "Three things to know"
are the first three advice items and "next steps" all of them, until a shorter summary of a
report exists; the questions for discussion come from `pipeline.report.discussion`, the
conversation starters from the same catalogue the report prints (`pipeline.report.questions`,
with the firm's own `questions.yaml`).

Until the advisor has approved the report (`approved_by` in commentary.md), every slide
carries the same "CONCEPT"/"DRAFT" mark as every page of the PDF: a deck is shown on a
screen and forwarded, and must not pass for the signed report.

PowerPoint cannot show SVG reliably, so each chart is rasterised from its SVG with CairoSVG
(on the cairo library poppler already brings) and keeps the chart's alternative text.
CairoSVG 2.7 and later fetch nothing an SVG points to (no file, no URL), so a brand's logo
cannot make the deck read anything else, just as the PDF's URL fetcher refuses to.
Every slide keeps its title in the layout's title placeholder, so the slide list, outline
view and screen readers name it."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matplotlib.colors import to_hex
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Length, Pt

from pipeline.analysis.result import CoalitionResult
from pipeline.core.errors import TooFewRespondentsError
from pipeline.core.files import atomic_write
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument, load_instrument
from pipeline.report.brand import Brand
from pipeline.report.charts import Chart
from pipeline.report.commentary import Commentary
from pipeline.report.discussion import discussion_questions
from pipeline.report.questions import Questions, load_questions
from pipeline.report.texts import advice_reason, block_reading, governance_verdict

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)     # 16:9, 33.867 × 19.05 cm
MARGIN = Inches(0.6)
BODY_TOP = Inches(1.55)
BODY_BOTTOM = Inches(6.85)
GAP = Inches(0.4)                                # between a chart and its text
DPI = 192                                        # sharp on a projector; a chart is under 100 kB
LOGO_PIXELS = 800                                # a logo's width: SVG logos are sized in pixels, not inches
TITLE_SLIDE, TITLE_ONLY = 0, 5                   # layouts of python-pptx's default template
DRAFT_COLOUR = "#B91C1C"                         # the PDF's draft mark (page_style.draft_css)
DRAFT_MARK_NAME = "Draft mark"                   # the shape's name, so a reader (or a test) finds it


@dataclass(frozen=True)
class Box:
    left: Length
    top: Length
    width: Length
    height: Length


BODY = Box(MARGIN, BODY_TOP, Emu(WIDTH - 2 * MARGIN), Emu(BODY_BOTTOM - BODY_TOP))


def _rgb(colour: str) -> RGBColor:
    """A brand colour (#rrggbb, #rgb or a CSS name) as PowerPoint wants it."""
    return RGBColor.from_string(to_hex(colour).lstrip("#").upper())


def png(svg: str) -> bytes:
    return _rasterised(bytestring=svg.encode("utf-8"), dpi=DPI)


def _rasterised(**source: object) -> bytes:
    import cairosvg  # here, not at the top: only the slides need it, and it takes 0.2 s to import
    data: bytes = cairosvg.svg2png(**source)
    return data


def logo_image(path: Path) -> bytes:
    """The brand's logo as a picture PowerPoint shows: an SVG logo rasterised, others as they are."""
    if path.suffix.lower() != ".svg":
        return path.read_bytes()
    return _rasterised(url=str(path), output_width=LOGO_PIXELS)


class SlideWriter:
    """Draws the slides of one deck in the brand's style."""

    def __init__(self, brand: Brand, footer: str, draft_mark: str | None = None):
        self.brand, self.footer, self.draft_mark = brand, footer, draft_mark
        self.deck: Deck = Presentation()
        self.deck.slide_width, self.deck.slide_height = WIDTH, HEIGHT

    def _fill(self, slide: Slide, box: Box, colour: str) -> None:
        """A plain coloured area behind everything else: the layout's title placeholder is on the
        slide before any shape is added, and would otherwise be hidden under it."""
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, box.left, box.top, box.width, box.height)
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(colour)
        shape.line.fill.background()
        shape.shadow.inherit = False
        tree = shape._element.getparent()
        tree.remove(shape._element)
        tree.insert(2, shape._element)        # after the group's own two properties: the back

    def _style(self, frame: TextFrame, size: float, colour: str, font: str, bold: bool = False) -> None:
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                run.font.name, run.font.size, run.font.bold = font, Pt(size), bold
                run.font.color.rgb = _rgb(colour)

    def text(self, slide: Slide, box: Box, lines: Sequence[str], size: float, colour: str | None = None,
             bold: bool = False, space: float = 6) -> TextFrame:
        frame = slide.shapes.add_textbox(box.left, box.top, box.width, box.height).text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        for n, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.space_after = Pt(space)
        self._style(frame, size, colour or self.brand.text, self.brand.font, bold)
        return frame

    def entries(self, slide: Slide, box: Box, entries: Sequence[tuple[str, str]], size: float) -> None:
        """Headed paragraphs: a bold line in the brand's colour, its text below."""
        frame = slide.shapes.add_textbox(box.left, box.top, box.width, box.height).text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        for n, (head, body) in enumerate(entries):
            first = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            run = first.add_run()
            run.text = head
            run.font.name, run.font.size, run.font.bold = self.brand.heading_font, Pt(size + 4), True
            run.font.color.rgb = _rgb(self.brand.primary)
            first.space_before = Pt(0 if n == 0 else size)
            paragraph = frame.add_paragraph()
            run = paragraph.add_run()
            run.text = body
            run.font.name, run.font.size = self.brand.font, Pt(size)
            run.font.color.rgb = _rgb(self.brand.text)

    def mark_draft(self, slide: Slide) -> None:
        """The draft mark as a stamp in the slide's top right corner, when the deck is a draft: red
        on white with a red border, so it reads on the title slide's colour as on a white slide,
        and above the title's line, so a long title never runs under it."""
        if self.draft_mark is None:
            return
        width = Inches(1.5)
        box = slide.shapes.add_textbox(Emu(WIDTH - MARGIN - width), Inches(0.2), width, Inches(0.3))
        box.name = DRAFT_MARK_NAME
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb("#FFFFFF")
        box.line.color.rgb = _rgb(DRAFT_COLOUR)
        box.line.width = Pt(1.25)
        frame = box.text_frame
        frame.margin_top = frame.margin_bottom = Emu(0)
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.text = self.draft_mark
        frame.paragraphs[0].alignment = PP_ALIGN.CENTER
        self._style(frame, 12, DRAFT_COLOUR, self.brand.heading_font, bold=True)

    def picture(self, slide: Slide, image: bytes, alt: str, box: Box, name: str | None = None) -> None:
        """The image as large as fits in the box, centred, with its alternative text."""
        pixels_wide, pixels_high = Image.open(io.BytesIO(image)).size
        scale = min(box.width / pixels_wide, box.height / pixels_high)
        width, height = int(pixels_wide * scale), int(pixels_high * scale)
        shape = slide.shapes.add_picture(io.BytesIO(image), Emu(box.left + (box.width - width) // 2),
                                         Emu(box.top + (box.height - height) // 2), Emu(width), Emu(height))
        # python-pptx has no public setter for the alternative text: the picture's cNvPr holds it
        properties = shape._element.xpath("./p:nvPicPr/p:cNvPr")[0]
        properties.set("descr", alt)
        if name:
            properties.set("name", name)

    def chart(self, slide: Slide, chart: Chart | None, box: Box) -> None:
        if chart is not None:
            self.picture(slide, png(chart.svg), chart.alt, box, chart.title)

    @staticmethod
    def _heading(slide: Slide, title: str, top: Length, height: Length) -> Any:
        """The layout's title placeholder, across the slide between the margins, with `title` in it."""
        heading = slide.shapes.title
        assert heading is not None, "both layouts the deck uses have a title placeholder"
        heading.left, heading.top, heading.width, heading.height = MARGIN, top, Emu(WIDTH - 2 * MARGIN), height
        heading.text = title
        return heading

    def title_slide(self, title: str, kicker: str, subtitle: str, when: str) -> None:
        slide = self.deck.slides.add_slide(self.deck.slide_layouts[TITLE_SLIDE])
        self._fill(slide, Box(Emu(0), Emu(0), WIDTH, Inches(4.9)), self.brand.primary)
        heading = self._heading(slide, title, Inches(1.7), Inches(1.9))
        heading.text_frame.word_wrap = True
        heading.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        self._style(heading.text_frame, 40, "#FFFFFF", self.brand.heading_font, bold=True)
        # the layout's own subtitle is replaced by text boxes of our own size and place
        for placeholder in list(slide.placeholders):
            if placeholder.placeholder_format.idx != 0:
                placeholder._element.getparent().remove(placeholder._element)
        self.text(slide, Box(MARGIN, Inches(0.9), Emu(WIDTH - 2 * MARGIN), Inches(0.6)), [kicker], 18,
                  self.brand.secondary, bold=True)
        self.text(slide, Box(MARGIN, Inches(3.75), Emu(WIDTH - 2 * MARGIN), Inches(0.8)), [subtitle], 20, "#FFFFFF")
        self.text(slide, Box(MARGIN, Inches(5.3), Inches(7.5), Inches(1.2)),
                  [when, self.brand.firm, self.brand.contact], 14, self.brand.muted, space=2)
        self.picture(slide, logo_image(self.brand.logo), self.brand.firm,
                     Box(Inches(9.3), Inches(5.25), Inches(3.4), Inches(1.6)))
        self.mark_draft(slide)

    def content_slide(self, title: str) -> Slide:
        """A slide with the brand's bar on top, its title, an accent line and the footer."""
        slide = self.deck.slides.add_slide(self.deck.slide_layouts[TITLE_ONLY])
        self._fill(slide, Box(Emu(0), Emu(0), WIDTH, Inches(0.14)), self.brand.primary)
        heading = self._heading(slide, title, Inches(0.35), Inches(0.9))
        heading.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        heading.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
        self._style(heading.text_frame, 30, self.brand.primary, self.brand.heading_font, bold=True)
        self._fill(slide, Box(MARGIN, Inches(1.28), Inches(1.2), Inches(0.06)), self.brand.secondary)
        number = len(self.deck.slides)
        self.text(slide, Box(MARGIN, Inches(7.0), Inches(10), Inches(0.35)), [self.footer], 10, self.brand.muted)
        self.text(slide, Box(Emu(WIDTH - MARGIN - Inches(1)), Inches(7.0), Inches(1), Inches(0.35)),
                  [str(number)], 10, self.brand.muted).paragraphs[0].alignment = PP_ALIGN.RIGHT
        self.mark_draft(slide)
        return slide

    def starters(self, slide: Slide, topics: Sequence[tuple[str, Sequence[str]]]) -> None:
        """Conversation starters in two columns: per topic its name, then one line per question."""
        columns = _split(BODY, 0.5)
        for n, column in enumerate(columns):
            frame = slide.shapes.add_textbox(column.left, column.top, column.width, column.height).text_frame
            frame.word_wrap = True
            frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
            for m, (name, asked) in enumerate(topics[n::2]):
                head = frame.paragraphs[0] if m == 0 else frame.add_paragraph()
                head.text = name
                head.space_before = Pt(0 if m == 0 else 14)
                head.space_after = Pt(4)
                for run in head.runs:
                    run.font.name, run.font.size, run.font.bold = self.brand.heading_font, Pt(17), True
                    run.font.color.rgb = _rgb(self.brand.primary)
                for question in asked:
                    line = frame.add_paragraph()
                    line.text = f"• {question}"
                    line.space_after = Pt(4)
                    for run in line.runs:
                        run.font.name, run.font.size = self.brand.font, Pt(13)
                        run.font.color.rgb = _rgb(self.brand.text)


def _split(box: Box, share: float) -> tuple[Box, Box]:
    """The box as a left part of `share` of its width and a right part, with a gap between."""
    left = int((box.width - GAP) * share)
    return (Box(box.left, box.top, Emu(left), box.height),
            Box(Emu(box.left + left + GAP), box.top, Emu(box.width - left - GAP), box.height))


def _mode(mode: str | None, t: Translator) -> str:
    """A governance mode as the report's sentences name it: spelled out ("a network administrative
    organisation (NAO)"), since the deck has no introduction that defines the short titles."""
    return t(f"mode_{mode}") if mode else t("mode_title_none")


def deck(result: CoalitionResult, charts: dict[str, Chart], brand: Brand, t: Translator,
         instrument: Instrument, questions: Questions, draft: bool = True) -> Deck:
    """The ten slides of one coalition's feedback session, each marked as a draft when `draft`."""
    coalition = result.coalition
    writer = SlideWriter(brand, f"{brand.firm} · {coalition.name}", t("draft_mark") if draft else None)
    writer.title_slide(coalition.name, t("slides_kicker"),
                       t("slides_subtitle", region=coalition.region, wave=result.wave),
                       t.date(result.generated))

    slide = writer.content_slide(t("slides_three_things"))
    writer.entries(slide, BODY, [(f"{n}. {a.title[t.lang]}", advice_reason(a, result, instrument, t))
                                 for n, a in enumerate(result.advice[:3], start=1)], 20)

    slide = writer.content_slide(t("slides_blocks"))
    top = Box(BODY.left, BODY.top, BODY.width, Inches(3.5))
    writer.chart(slide, charts.get("bouwstenen"), top)
    blocks = [c.code for c in instrument.constructs_in("bouwsteen")]
    writer.text(slide, Box(BODY.left, Inches(5.2), BODY.width, Inches(1.65)),
                [block_reading(result, b, instrument, t).score for b in blocks], 16, space=3)

    slide = writer.content_slide(t("slides_roles"))
    chart_box, text_box = _split(BODY, 0.66)
    writer.chart(slide, charts.get("rolhouders"), chart_box)
    writer.text(slide, text_box, [t("slides_role_line", role=instrument.constructs[role.construct].name(t.lang),
                                    status=t(f"role_status_{role.status}")) for role in result.roles.values()], 18,
                space=12)

    slide = writer.content_slide(t("slides_governance"))
    found = result.governance
    writer.text(slide, Box(BODY.left, BODY.top, BODY.width, Inches(2.4)), [
        t("slides_governance_declared", mode=_mode(found.declared, t)),
        t("slides_governance_seen", mode=_mode(found.seen_mode, t), share=t.percent(found.agreement)),
        t("slides_governance_fitting", mode=t("fitting_none_short")
          if found.fitting is None and (found.fit or found.misfit) else _mode(found.fitting, t)),
    ], 22, space=14)
    writer.text(slide, Box(BODY.left, Inches(4.3), BODY.width, Inches(2.2)), [governance_verdict(result, t)], 22,
                brand.primary, bold=True)

    slide = writer.content_slide(t("slides_network"))
    chart_box, text_box = _split(BODY, 0.64)
    writer.chart(slide, charts.get("netwerkkaart"), chart_box)
    net = result.network
    if net is None:     # relations not asked or not answered: say so, show no figures
        writer.text(slide, BODY, [t(f"{result.measured.network.value}_network")], 18)
    else:
        writer.text(slide, text_box, [
            t("slides_network_size", organisations=net.organisations, ties=len(net.ties)),
            t("slides_figure", label=t("fig_density"), value=t.percent(net.density),
              meaning=t("fig_density_meaning")),
            t("slides_figure", label=t("fig_trust_density"), value=t.percent(net.trust_density),
              meaning=t("fig_trust_density_meaning")),
        ], 16, space=12)

    slide = writer.content_slide(t("slides_questions"))
    writer.text(slide, BODY, [f"{n}. {q}" for n, q in enumerate(discussion_questions(result, instrument, t), 1)],
                20, space=18)

    slide = writer.content_slide(t("slides_starters_blocks"))
    kind = result.coalition.network_type
    writer.starters(slide, [(block.name(t.lang), questions.of("block", block.code, t.lang, kind))
                            for block in instrument.constructs_in("bouwsteen")
                            if questions.of("block", block.code, t.lang, kind)])
    slide = writer.content_slide(t("conversation_roles"))
    writer.starters(slide, [(instrument.constructs[role.construct].name(t.lang),
                             questions.of("role", code, t.lang, kind))
                            for code, role in result.roles.items() if questions.of("role", code, t.lang, kind)])

    slide = writer.content_slide(t("slides_next_steps"))
    if result.advice:
        writer.entries(slide, BODY, [(a.title[t.lang], a.text[t.lang]) for a in result.advice],
                       14 if len(result.advice) <= 3 else 12)     # up to five: the smaller size fits them
    else:
        writer.text(slide, BODY, [t("slides_no_advice")], 18)

    properties = writer.deck.core_properties
    properties.title = f"{coalition.name}: {t('slides_kicker')}"
    properties.author = properties.last_modified_by = brand.firm
    properties.language = t.lang
    return writer.deck


def write_slides(result: CoalitionResult, charts: dict[str, Chart], brand: Brand, t: Translator,
                 target: Path | str, commentary: Commentary | None = None) -> Path:
    """Write the deck to `target` (atomically). Like the PDF, never for a coalition below its
    anonymity threshold, and a draft on every slide until the advisor's `commentary` is approved
    (no commentary is a draft, as for the PDF). The instrument is the one the report was made
    with (it is cached)."""
    used, threshold = result.response.used, result.settings.anonymity_threshold
    if used < threshold:
        raise TooFewRespondentsError(f"{result.coalition.name}: only {used} usable responses, fewer than the "
                                     f"anonymity threshold of {threshold}; no slides are made")
    target = Path(target)
    draft = commentary is None or commentary.draft
    slides = deck(result, charts, brand, t, load_instrument(), load_questions(brand.folder), draft)
    atomic_write(target, lambda tmp: slides.save(str(tmp)))
    return target
