"""A WeasyPrint layout that can be changed and laid out again from the page the change touches.

`HTML.render` parses, cascades, builds the boxes and paginates the whole report; laying the
report out again after a chapter is set to flow on (`pipeline.report.pagination`) used to
pay all of that a second (and third) time, though the pages before that chapter come out
the same. `Pagination` keeps the cascade, the box tree and WeasyPrint's own record of where
each page starts (the page maker, which WeasyPrint already uses to lay out only the pages
whose page-based counters changed): a flowing chapter gets its style changed on its box, the
page before it is marked as changed, and the pagination runs again, reusing every page
before it. The steps are those of WeasyPrint 70's `Document._render` and `layout_document`,
split in two (paginate, then finish: bookmarks, strings, margin boxes); a test holds the
pages of the shipped examples to those of a full layout of the flowing report."""

from __future__ import annotations

from collections.abc import Iterator

from weasyprint import DEFAULT_OPTIONS, HTML, Document
from weasyprint.css.computed_values import length
from weasyprint.css.counters import CounterStyle
from weasyprint.css.properties import Dimension
from weasyprint.document import Page
from weasyprint.formatting_structure import boxes
from weasyprint.formatting_structure.build import build_formatting_structure
from weasyprint.html import get_html_metadata
from weasyprint.layout import initialize_page_maker, layout_fixed_boxes
from weasyprint.layout.background import layout_backgrounds
from weasyprint.layout.page import make_all_pages, make_margin_boxes
from weasyprint.pdf import VARIANTS
from weasyprint.pdf.metadata import DocumentMetadata
from weasyprint.text.fonts import FontConfiguration

MAX_LOOPS = 8    # WeasyPrint's passes for page-based counters (the contents page's page numbers)


class Pagination:
    """The pages of one HTML document, laid out; `flow` changes chapters and lays out again."""

    def __init__(self, html: HTML, font_config: FontConfiguration, options: dict[str, object]):
        self.html = html
        self.font_config = font_config
        self.options = {**DEFAULT_OPTIONS, **options}
        if variant := self.options["pdf_variant"]:
            _, properties = VARIANTS[variant]
            for key, value in tuple(self.options.items()):
                if value is None and key in properties:
                    self.options[key] = properties[key]
        counter_style = CounterStyle()
        self.context = Document._build_layout_context(html, font_config, counter_style, {}, self.options)
        self.root = build_formatting_structure(
            html.etree_element, self.context.style_for, self.context.get_image_from_uri, html.base_url,
            self.context.target_collector, counter_style, self.context.footnotes)
        initialize_page_maker(self.context, self.root)
        self.pages: list[boxes.PageBox] = []
        self._paginate()

    def _paginate(self) -> None:
        """WeasyPrint's pagination loop: the pages whose start or content changed are made
        again, the others kept, until the page-based counters settle."""
        context, actual_total_pages = self.context, 0
        original_footnotes: list[object] = []
        for loop in range(MAX_LOOPS):
            if loop > 0:
                context.footnotes = original_footnotes.copy()
            initial_total_pages = actual_total_pages
            if loop == 0:
                original_footnotes = context.footnotes.copy()
            self.pages = list(make_all_pages(context, self.root, self.html, self.pages))
            actual_total_pages = len(self.pages)
            reloop_content = reloop_pages = False
            for _, _, _, page_state, remake_state in context.page_maker:
                page_state[1]["pages"] = [actual_total_pages]
                if remake_state["content_changed"]:
                    reloop_content = True
                if remake_state["pages_wanted"]:
                    reloop_pages = initial_total_pages != actual_total_pages
            if not reloop_content and not reloop_pages:
                break

    def flow(self, chapters: list[str], margin_top: str) -> None:
        """These chapters continue on the page before them, `margin_top` below its content
        (as the rule `#id { break-before: auto; margin-top: ... }` would set them)."""
        first_page = len(self.pages)
        for chapter in chapters:
            box = _box_of(self.root, chapter)
            box.style["break_before"] = "auto"
            box.style["margin_top"] = _length(box, margin_top)
            opening = next(i for i, page in enumerate(self.pages) if chapter in page_anchors(page))
            first_page = min(first_page, max(0, opening - 1))
        self.context.page_maker[first_page][-1]["content_changed"] = True
        self._paginate()
        # The pages that print other pages' numbers (the contents page: `target-counter`) read
        # them again, as in a first layout; WeasyPrint does not see that the chapters moved.
        for (_, css_token), item in self.context.target_collector.counter_lookup_items.items():
            if css_token == "content" and item.missing_target_counters and item.page_maker_index is not None:
                self.context.page_maker[item.page_maker_index][-1]["content_changed"] = True
                item.parse_again(item.cached_page_counter_values)
        self._paginate()

    def document(self) -> Document:
        """The pages with their margin boxes, as `HTML.render` returns them."""
        document = Document([Page(p) for p in _finish(self.context, self.pages)],
                            DocumentMetadata(**get_html_metadata(self.html)), self.html.url_fetcher,
                            self.font_config, {}, self.options["output_intent"])
        document._html = self.html
        return document


def _length(box: boxes.Box, css: str) -> Dimension:
    value, unit = float(css.rstrip("abcdefghijklmnopqrstuvwxyz")), css.lstrip("0123456789.")
    return length(box.style, "margin_top", Dimension(value, unit))


def _box_of(box: boxes.Box, anchor: str) -> boxes.Box:
    found = _find(box, anchor)
    if found is None:
        raise KeyError(f"no box for #{anchor}")
    return found


def _find(box: boxes.Box, anchor: str) -> boxes.Box | None:
    if box.style["anchor"] == anchor:
        return box
    for child in getattr(box, "children", ()):
        if (found := _find(child, anchor)) is not None:
            return found
    return None


def page_anchors(box: boxes.Box) -> Iterator[str]:
    """The anchors (element ids) of a page's boxes."""
    if box.style["anchor"]:
        yield box.style["anchor"]
    for child in getattr(box, "children", ()):
        yield from page_anchors(child)


def _finish(context, pages: list[boxes.PageBox]) -> list[boxes.PageBox]:   # noqa: ANN001
    """The end of WeasyPrint's `layout_document`: bookmarks once per box, strings and counters
    that need the final pagination, fixed boxes, margin boxes and backgrounds."""
    watch_elements: list[object] = []
    watch_elements_before: list[object] = []
    watch_elements_after: list[object] = []
    for i, page in enumerate(pages):
        _, _, _, page_state, _ = context.page_maker[i + 1]
        page_counter_values = page_state[1]
        for child in page.descendants():
            if child.bookmark_label:
                if child.element_tag.endswith("::before"):
                    checklist = watch_elements_before
                elif child.element_tag.endswith("::after"):
                    checklist = watch_elements_after
                else:
                    checklist = watch_elements
                if child.element in checklist:
                    child.bookmark_label = ""
                else:
                    checklist.append(child.element)
            if child.missing_link:
                for (box, css_token), item in context.target_collector.counter_lookup_items.items():
                    if child.missing_link == box and css_token != "content":
                        if css_token == "bookmark-label" and not child.bookmark_label:
                            continue
                        item.parse_again(page_counter_values)
                        if css_token == "bookmark-label":
                            child.bookmark_label = box.bookmark_label
            string_sets = child.string_set
            if string_sets and string_sets != "none":
                for string_name, text in string_sets:
                    context.string_set[string_name][i + 1].append(text)
    for i, page in enumerate(pages):
        root, footnote_area, note_area = page.children
        root.children = [*layout_fixed_boxes(context, pages[:i], page), *root.children,
                         *layout_fixed_boxes(context, pages[i + 1:], page)]
        context.current_page = i + 1
        state = context.page_maker[context.current_page][3]
        children = [root]
        if footnote_area.children:
            children.append(footnote_area)
        if note_area.children:
            children.append(note_area)
        children.extend(make_margin_boxes(context, page, state))
        page.children = tuple(children)
        layout_backgrounds(page, context.get_image_from_uri)
    return pages
