"""The charts' text measurements, made once per process instead of once per chart.

matplotlib measures a text once per renderer, and every chart has its own renderer, so the
same tick labels, legend entries and group names were laid out with FreeType again for each
chart of each report; and for every text it draws or measures it looks its font up again to
read the line height from the font's tables. Together that was a sixth of drawing a report's
charts (0.12 s). `MeasuringRenderer` keeps both for the life of the process, under the same
key matplotlib's own cache uses (the text and its font properties) without the renderer.

Both depend on nothing but the installed font files, like the font lookups matplotlib and
WeasyPrint keep for a process (`render.font_configuration`), so a warm kernel's reset keeps
them too (`CACHES_OUTLIVE_NOTEBOOKS`): a report is drawn the same in a warm kernel as in a fresh
one (`tests/test_chart_fonts.py`, `tests/test_engines.py`)."""

from __future__ import annotations

import functools
from typing import IO, Any

from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.textpath import TextToPath

# read by the kernel reset (`pipeline.batch.kernel.RESET_CODE`): this module's caches stay
CACHES_OUTLIVE_NOTEBOOKS = True
_TEXT_TO_PATH = TextToPath()


class MeasuringRenderer(RendererSVG):
    """An SVG renderer for a figure of `dpi`, measuring texts through the process's caches."""

    def __init__(self, width: float, height: float, svgwriter: IO[str], dpi: float, **kwargs: Any):
        super().__init__(width, height, svgwriter, **kwargs)
        self._figure_dpi = dpi

    def get_text_width_height_descent(self, s: str, prop: FontProperties, ismath: Any) -> tuple[float, float, float]:
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        return _extent(s, prop.copy())      # a copy: the properties are mutable, and their hash with them

    def _get_font_height_metrics(self, prop: FontProperties) -> tuple[float | None, float | None, float | None]:
        """matplotlib's hook for a backend to give a font's ascent, descent and line gap."""
        return _line_metrics(prop.copy(), self._figure_dpi)


@functools.lru_cache(maxsize=8192)
def _extent(text: str, font: FontProperties) -> tuple[float, float, float]:
    return _TEXT_TO_PATH.get_text_width_height_descent(text, font, False)


@functools.lru_cache(maxsize=256)
def _line_metrics(font: FontProperties, dpi: float) -> tuple[float | None, float | None, float | None]:
    """As `matplotlib.text.Text._get_layout` reads them when a backend does not give them: from
    the OS/2 table, else the hhea table; None, None, None makes it measure "lp" instead."""
    face = get_font(fontManager._find_fonts_by_props(font))
    os2, hhea, head = face.get_sfnt_table("OS/2"), face.get_sfnt_table("hhea"), face.get_sfnt_table("head")
    if head is None:
        return None, None, None
    scale = 1 / head["unitsPerEm"] * font.get_size_in_points() * dpi / 72
    if os2 is not None:
        return os2["sTypoAscender"] * scale, -os2["sTypoDescender"] * scale, os2["sTypoLineGap"] * scale
    if hhea is not None:
        return hhea["ascent"] * scale, -hhea["descent"] * scale, hhea["lineGap"] * scale
    return None, None, None
