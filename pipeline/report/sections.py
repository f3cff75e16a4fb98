"""A firm's or analyst's own section in the report: text, a table and a figure, added from a
notebook cell and printed through the same templates as every other section.

Whatever goes in is made safe here, so a section can never carry markup, scripts or remote
images into the PDF: Markdown is rendered with raw HTML and images switched off (what is
left is escaped text in paragraphs, lists, emphasis and links), table cells are plain text
that the template escapes, and a figure is drawn to SVG and embedded as a data URI."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup
from matplotlib.figure import Figure

from pipeline.report.charts import Chart
from pipeline.report.markdown_text import safe_markdown


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class CustomSection:
    title: str
    body: Markup                      # already made safe by `safe_markdown`
    table: Table | None = None
    figure: Chart | None = None


def _table(frame: pd.DataFrame) -> Table:
    shown = frame.reset_index() if frame.index.name is not None else frame
    return Table(tuple(str(c) for c in shown.columns),
                 tuple(tuple("" if pd.isna(v) else str(v) for v in row) for row in shown.itertuples(index=False)))


def _figure(figure: Figure, title: str, alt: str) -> Chart:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return Chart("custom-" + hashlib.sha256(title.encode()).hexdigest()[:12], title, alt, buffer.getvalue())


def custom_section(title: str, markdown: str = "", table: pd.DataFrame | None = None,
                   figure: Figure | None = None, figure_alt: str = "") -> CustomSection:
    """A section to pass to `write_report(..., sections=[...])`, e.g. from a notebook cell:

        extra = custom_section("Onze eigen analyse", "Wat **opvalt** ...", table=df, figure=fig,
                               figure_alt="Staafdiagram van ...")
    """
    if figure is not None and not figure_alt:
        raise ValueError("a figure needs `figure_alt`: a sentence that says what it shows, for readers who "
                         "cannot see it")
    return CustomSection(title, safe_markdown(markdown), _table(table) if table is not None else None,
                         _figure(figure, title, figure_alt) if figure is not None else None)
