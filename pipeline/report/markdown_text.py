"""Markdown written by people (an advisor's commentary, an analyst's section) as HTML that is
safe to print: raw HTML is switched off, so `<script>` stays text, and images are switched off,
so `![x](http://…)` is never fetched. What is left is escaped text in paragraphs, lists,
emphasis and links. A module of its own, so the batch can check commentary.md without loading
the charts."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).disable("image")


def safe_markdown(text: str) -> Markup:
    return Markup(_MARKDOWN.render(text))
