"""Report language: the fixed texts per language, and numbers and dates as a reader
of that language writes them ("3,8" and "22 november 2026" in Dutch)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from pipeline.core.bands import BETWEEN, shown_band
from pipeline.core.paths import LOCALE_DIR
from pipeline.core.yaml_text import load_yaml

LANGUAGES = ("nl", "en")
MINUS = "\u2212"
BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB"}   # English as a British reader writes it: 20 November 2026, "a, b and c"


@lru_cache(maxsize=len(LANGUAGES))
def _strings(lang: str) -> dict[str, str]:
    strings: dict[str, str] = load_yaml((LOCALE_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    return strings


class Translator:
    """`t("key", name=...)` gives the text in the report language; missing keys fail loudly."""

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        self.lang = lang
        self.strings = _strings(lang)

    def __call__(self, key: str, **values: object) -> str:
        return self.strings[key].format(**values)

    def number(self, value: float | None, digits: int = 1) -> str:
        """A number as the reader writes it, a negative one with a real minus sign (U+2212),
        not a hyphen; a value that prints as zero has no sign ("0,0", never "−0,0")."""
        if value is None:
            return "–"
        if round(value, digits) == 0:
            value = 0.0
        return format_decimal(value, format=f"0.{'0' * digits}", locale=self.lang).replace("-", MINUS)

    def signed(self, value: float | None, digits: int = 1) -> str:
        """A change with its sign: "+0,3", "−0,2", "0,0"."""
        if value is None:
            return "–"
        return ("+" if round(value, digits) > 0 else "") + self.number(value, digits)

    def percent(self, value: float | None) -> str:
        return "–" if value is None else format_percent(value, format="0%", locale=self.lang)

    def date(self, value: date | str) -> str:
        if isinstance(value, str):
            value = date.fromisoformat(value)
        return format_date(value, format="long", locale=BABEL_LOCALES[self.lang])

    def join(self, items: list[str]) -> str:
        """"a, b en c" in Dutch, "a, b and c" in English."""
        return format_list(items, locale=BABEL_LOCALES[self.lang]) if items else ""

    def band(self, band: str | None) -> str:
        """A band's name; BETWEEN (`shown_band`: the interval crosses a boundary) as a legend names it."""
        return self("band_between_legend") if band == BETWEEN else self(f"band_{band or 'none'}")

    def band_words(self, band: str | None, low: str | None = None, high: str | None = None) -> str:
        """A mean's level in words, the one wording every card, badge and sentence uses: when
        its 95% interval reaches into another band ("tussen aandachtspunt en sterk punt") the
        single band would claim more than the data show."""
        if shown_band(band, low, high) == BETWEEN:
            return self("band_between", low=self.band(low or band).lower(), high=self.band(high or band).lower())
        return self.band(band)
