"""brand.yaml checked before any report is drawn.

A brand mistake shows in every report of the batch, and inside a kernel it surfaces as a
matplotlib or WeasyPrint message that does not say which file is wrong (a colour `#0B4F5`), or
not at all (a font that is not installed falls back to another, silently). So the batch checks
the brand once, up front: keys, colours, that each font family is installed (fontconfig) and
that the logo is a file in the brand folder; each problem names brand.yaml and its key."""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

from pipeline.core.config_check import parse, read_mapping

BRAND_FILE = "brand.yaml"
COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _colour(value: str) -> str:
    if not COLOUR.match(value):
        raise ValueError("not a colour: expected #RRGGBB or #RGB in hexadecimal digits")
    return value


def _installed(family: str | None) -> str | None:
    """The family, when fontconfig knows it: a report never falls back to another font."""
    installed = installed_fonts()
    if family and installed is not None and family.casefold() not in installed:
        raise ValueError(f"font {family!r} is not installed (fontconfig: fc-list); install it or name an "
                         "installed family")
    return family


Colour = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_colour)]
Font = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_installed)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class Colours(_Strict):
    primary: Colour = "#1F3A5F"      # headings, bars, cover
    secondary: Colour = "#56B4E9"    # accents
    text: Colour = "#1E1E1E"
    muted: Colour = "#6B7280"


class Fonts(_Strict):
    body: Font = "Open Sans"
    headings: Font | None = None     # None: the body font


class BandColours(_Strict):
    strength: Colour | None = None   # None: the Okabe-Ito colour of brand.BAND_COLOURS
    attention: Colour | None = None
    concern: Colour | None = None
    between: Colour | None = None    # a score whose 95% interval crosses a band boundary ("tussen")


class Disclaimer(_Strict):
    nl: str = ""
    en: str = ""


class BrandFile(_Strict):
    firm: Text
    logo: Text
    colours: Colours = Field(default_factory=Colours)
    fonts: Fonts = Field(default_factory=Fonts)
    contact: str = ""
    disclaimer: str | Disclaimer = ""    # one text for every language, or one per language
    band_colours: BandColours = Field(default_factory=BandColours)

    @field_validator("logo")
    @classmethod
    def _logo_in_folder(cls, logo: str, info: ValidationInfo) -> str:
        folder = Path(info.context["folder"]).resolve() if info.context else None
        if folder and (not (folder / logo).resolve().is_file() or folder not in (folder / logo).resolve().parents):
            raise ValueError(f"{logo!r} must be a file inside the brand folder {folder}")
        return logo


def read_brand_file(folder: Path) -> BrandFile:
    """The folder's brand.yaml, checked (keys, colours, fonts, the logo inside `folder`);
    `ConfigProblems` names every wrong key."""
    path = folder / BRAND_FILE
    raw = read_mapping(path, "brand")
    return parse(BrandFile, raw, path, context={"folder": folder})


# read by the kernel reset (`pipeline.batch.kernel.RESET_CODE`): the font list stays, as
# matplotlib's and WeasyPrint's font lookups do (asking fc-list again cost every notebook)
CACHES_OUTLIVE_NOTEBOOKS = True


@lru_cache(maxsize=1)
def installed_fonts() -> frozenset[str] | None:
    """The font families fontconfig knows, case-folded; None when fontconfig is not there
    (then fonts cannot be checked, and WeasyPrint could not find them either)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listing = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, timeout=60,
                                 check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return frozenset(name.strip().casefold() for line in listing.splitlines() for name in line.split(",")
                     if name.strip())
