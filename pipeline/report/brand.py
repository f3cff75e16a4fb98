"""A firm's house style from one folder: brand.yaml plus its logo.

Every colour and font of the report and its charts comes from here, so a firm changes its
look without touching a template. Fonts are named, never shipped: they must be installed
on the system (see scripts/setup.sh) and WeasyPrint embeds them in each PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.core.errors import ConfigError
from pipeline.core.paths import DEFAULT_BRAND

# Okabe-Ito colours: distinguishable with every common form of colour blindness.
BAND_COLOURS = {"strength": "#009E73", "attention": "#E69F00", "concern": "#D55E00"}


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


def _per_language(value: object) -> dict[str, str]:
    """A text given once serves every language; a mapping gives one per language."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return {"nl": str(value), "en": str(value)}


def load_brand(folder: Path | str | None = None) -> Brand:
    folder = Path(folder or DEFAULT_BRAND).resolve()
    path = folder / "brand.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(path, f"cannot read the brand: {exc}") from exc
    colours = raw.get("colours") or {}
    fonts = raw.get("fonts") or {}
    try:
        logo = (folder / raw["logo"]).resolve()
        brand = Brand(
            folder=folder, firm=str(raw["firm"]), logo=logo,
            primary=colours.get("primary", "#1F3A5F"), secondary=colours.get("secondary", "#56B4E9"),
            text=colours.get("text", "#1E1E1E"), muted=colours.get("muted", "#6B7280"),
            font=fonts.get("body", "Open Sans"), heading_font=fonts.get("headings", fonts.get("body", "Open Sans")),
            contact=str(raw.get("contact", "")), disclaimer=_per_language(raw.get("disclaimer", "")),
            bands={**BAND_COLOURS, **(raw.get("band_colours") or {})},
        )
    except KeyError as exc:
        raise ConfigError(path, f"'{exc.args[0]}' is required") from exc
    if not logo.is_file() or folder not in logo.parents:
        raise ConfigError(path, f"logo {raw['logo']!r} must be a file inside the brand folder")
    return brand
