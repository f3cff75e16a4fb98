"""A firm's house style from one folder: brand.yaml plus its logo.

Every colour and font of the report and its charts comes from here, so a firm changes its
look without touching a template. Fonts are named, never shipped: they must be installed
on the system (see scripts/setup.sh) and WeasyPrint embeds them in each PDF. brand.yaml is
checked by `pipeline.core.brand_file` (keys, colours, installed fonts, logo)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.core.bands import shown_band
from pipeline.core.brand_file import read_brand_file
from pipeline.core.paths import DEFAULT_BRAND

# Okabe-Ito colours: distinguishable with every common form of colour blindness; "between" (a
# score whose interval crosses a boundary, "tussen" in the text) a neutral grey-blue that is
# neither, and stays apart from them and from the grey of "too few answers" (tests/test_colours.py).
BAND_COLOURS = {"strength": "#009E73", "attention": "#E69F00", "concern": "#D55E00", "between": "#8DA3BF"}


@dataclass(frozen=True)
class Brand:
    folder: Path
    firm: str
    logo: Path
    primary: str
    secondary: str
    text: str
    muted: str
    font: str
    heading_font: str
    contact: str
    disclaimer: dict[str, str]          # per report language
    bands: dict[str, str]


def load_brand(folder: Path | str | None = None) -> Brand:
    """The brand of `folder` (default: the neutral one), checked by `read_brand_file`."""
    folder = Path(folder or DEFAULT_BRAND).resolve()
    spec = read_brand_file(folder)
    colours, disclaimer = spec.colours, spec.disclaimer
    return Brand(
        folder=folder, firm=spec.firm, logo=(folder / spec.logo).resolve(),
        primary=colours.primary, secondary=colours.secondary, text=colours.text, muted=colours.muted,
        font=spec.fonts.body, heading_font=spec.fonts.headings or spec.fonts.body,
        contact=spec.contact,
        disclaimer={"nl": disclaimer, "en": disclaimer} if isinstance(disclaimer, str) else disclaimer.model_dump(),
        bands={**BAND_COLOURS, **spec.band_colours.model_dump(exclude_none=True)},
    )


def band_colour(brand: Brand, band: str | None, low: str | None, high: str | None, default: str) -> str:
    """The colour of a score, the one rule for every tile, badge, bar and cell: its band's when
    the 95% interval lies within that band, the "between" colour when it crosses a boundary
    (the score the text calls "tussen ..."), `default` when there is no band."""
    shown = shown_band(band, low, high)
    return brand.bands[shown] if shown else default
