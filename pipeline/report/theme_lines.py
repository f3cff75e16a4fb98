"""The open-answer section's theme table and notes, as sentences in the report's language
(the counts and the rule behind them: `pipeline.analysis.themes`)."""

from __future__ import annotations

from pipeline.analysis.result import CoalitionResult
from pipeline.analysis.themes import ThemeCatalogue
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument


def theme_rows(result: CoalitionResult, themes: ThemeCatalogue, t: Translator) -> list[tuple[str, int, str]]:
    """Name, respondents and tone of every theme at least k respondents wrote about, most first."""
    rows = [(themes.themes[code].names[t.lang], count.respondents,
             t("theme_tone_critical" if count.mostly_critical else "theme_tone_mixed"))
            for code, count in result.open_themes.items() if count.respondents is not None and code in themes.themes]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def few_line(result: CoalitionResult, themes: ThemeCatalogue, t: Translator) -> str | None:
    """The themes fewer than k respondents wrote about (none of them zero or not: not said)."""
    few = [f"‘{themes.themes[code].names[t.lang].lower()}’" for code, count in result.open_themes.items()
           if count.respondents is None and code in themes.themes]
    return t("themes_few", themes=t.join(few), threshold=result.settings.anonymity_threshold) if few else None


def contradiction_lines(result: CoalitionResult, themes: ThemeCatalogue, instrument: Instrument,
                        t: Translator) -> list[str]:
    """Where most of a theme's respondents are critical while a construct it speaks to is a strength."""
    return [t("theme_contradiction", theme=themes.themes[code].names[t.lang].lower(),
              constructs=t.join([instrument.constructs[c].name(t.lang) for c in count.contradicts]))
            for code, count in result.open_themes.items() if count.contradicts and code in themes.themes]
