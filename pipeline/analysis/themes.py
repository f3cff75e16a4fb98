"""Open answers coded into themes (`data/catalogue/themes.yaml`, a firm's `themes.yaml` laid over it).

A theme is a topic participants write about (trust, decisions, time and money ...), linked to
the constructs it speaks to. An answer belongs to every theme one of whose patterns it
contains; patterns are word sequences, matched without regard to capitals or accents, where
a word may be a stem (`vertrouw*`), a compound's tail (`*overleg`) or a part (`*trouw*`), and a
lone `*` stands for up to three words in between. The coder is measured on a hand-labelled set
(tests/test_themes.py): the patterns favour precision, because an answer quoted under the
wrong advice misleads, while one left uncoded only goes uncounted.

Counts are of respondents, not answers (a respondent who writes about trust in two answers
counts once), and a count below the anonymity threshold is not given: the report says "fewer
than k". A theme is mostly critical when more than half of its respondents wrote about it
critically: in an answer to what could be better or what to tackle first, or in an answer to
what goes well that holds a critical word ("geen", "niet", "gebrek" ...)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.core.catalogue_file import read_override
from pipeline.core.config_check import read_mapping
from pipeline.core.errors import ConfigError
from pipeline.core.i18n import LANGUAGES
from pipeline.core.paths import DATA_DIR

if TYPE_CHECKING:
    import pandas as pd

THEMES_FILE = "themes.yaml"
DEFAULT_THEMES = DATA_DIR / "catalogue" / THEMES_FILE
CRITICAL_QUESTIONS = ("open_beter", "open_prioriteit")   # they ask what is lacking
GAP = r"(?:\S+ ){0,3}"                                   # a lone * in a pattern: up to three words


@dataclass(frozen=True)
class Theme:
    code: str
    links: tuple[str, ...]              # construct codes, `governance` or `network`
    names: Mapping[str, str]            # language -> name
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class ThemeCatalogue:
    themes: Mapping[str, Theme]
    critical: tuple[re.Pattern[str], ...]
    source: str
    measured: tuple[int, float] | None = None   # held-out answers and the precision on them, as stated

    def linked(self, link: str) -> tuple[str, ...]:
        """The themes that speak to a construct (or to `governance`, `network`)."""
        return tuple(code for code, theme in self.themes.items() if link in theme.links)


@dataclass(frozen=True)
class ThemeCount:
    """One theme in the open answers, as the report may show it."""

    respondents: int | None             # None: fewer than the anonymity threshold
    mostly_critical: bool | None        # None with respondents: not said of so few
    contradicts: tuple[str, ...] = ()   # linked constructs in the strength band while mostly critical


def normalised(text: str) -> str:
    """Lower case, accents and punctuation gone, words separated by one space, with a space
    at both ends so that every word is delimited."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return f" {' '.join(re.findall(r'[a-z0-9]+', bare))} "


def _word(word: str) -> str:
    core = re.escape(normalised(word.strip("*")).strip())
    any_chars = r"\S*"
    return (any_chars if word.startswith("*") else "") + core + (any_chars if word.endswith("*") else "")


def compiled(pattern: str) -> re.Pattern[str]:
    """A catalogue pattern as a regular expression over `normalised` text."""
    words = pattern.split()
    if not words or words[0] == "*" or words[-1] == "*":
        raise ValueError(f"a pattern needs a word at both ends: {pattern!r}")
    body = "".join(GAP if w == "*" else f"{_word(w)} " for w in words)
    return re.compile(f" {body}")


def _theme(code: str, raw: Mapping[str, Any]) -> Theme:
    return Theme(code, tuple(str(link) for link in raw.get("links", [])),
                 {lang: str(raw[lang]["name"]) for lang in LANGUAGES},
                 tuple(compiled(str(p)) for lang in LANGUAGES for p in raw[lang].get("patterns", [])))


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


@lru_cache(maxsize=8)
def load_themes(brand_dir: Path | None = None) -> ThemeCatalogue:
    """The default theme catalogue, with the firm's `themes.yaml` from its brand folder laid
    over it (only keys the default has; a list replaces the default list)."""
    raw = read_mapping(DEFAULT_THEMES, "theme catalogue")
    source = DEFAULT_THEMES
    override = Path(brand_dir) / THEMES_FILE if brand_dir else None
    if override and override.is_file():
        changes = read_override(override, raw, "theme catalogue")
        raw = _merged({k: v for k, v in raw.items() if k != "measured" or "measured" in changes}, changes)
        source = override
    try:
        themes = {str(code): _theme(str(code), spec) for code, spec in raw["themes"].items()}
        critical = tuple(compiled(str(p)) for lang in LANGUAGES for p in raw["critical"][lang])
        measured = (int(raw["measured"]["answers"]), float(raw["measured"]["precision"])) if "measured" in raw else None
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ConfigError(source, f"the theme catalogue cannot be used: {exc!r}") from exc
    return ThemeCatalogue(themes, critical, str(source), measured)


def themes_of(text: str, catalogue: ThemeCatalogue) -> tuple[str, ...]:
    """The themes an answer speaks to, in catalogue order."""
    plain = normalised(text)
    return tuple(code for code, theme in catalogue.themes.items() if any(p.search(plain) for p in theme.patterns))


def is_critical(question: str, text: str, catalogue: ThemeCatalogue) -> bool:
    """An answer to what is lacking, or one that says something is lacking."""
    plain = normalised(text)
    return question in CRITICAL_QUESTIONS or any(p.search(plain) for p in catalogue.critical)


def link_of(kind: str, subject: str) -> str:
    """What an advice's diagnosis speaks to, as a theme's `links` name it."""
    if kind.startswith("role_"):
        return f"rol_{subject}"
    if kind == "governance_mismatch":
        return "governance"
    if kind == "low_trust":
        return "vertrouwen"
    if kind == "fragmented":
        return "network"
    return subject


def theme_counts(open_answers: pd.DataFrame, catalogue: ThemeCatalogue, threshold: int,
                 strengths: frozenset[str]) -> dict[str, ThemeCount]:
    """Per theme the respondents who wrote about it (one row of `open_answers` is one
    respondent), under the anonymity `threshold`; `strengths`: the constructs in the strength
    band, for the contradiction note."""
    about: dict[str, set[int]] = {code: set() for code in catalogue.themes}
    critical: dict[str, set[int]] = {code: set() for code in catalogue.themes}
    for row, (_, answers) in enumerate(open_answers.iterrows()):
        for question, text in answers.dropna().items():
            for code in themes_of(str(text), catalogue):
                about[code].add(row)
                if is_critical(str(question), str(text), catalogue):
                    critical[code].add(row)
    out = {}
    for code, people in about.items():
        if len(people) < threshold:
            out[code] = ThemeCount(None, None)
            continue
        mostly = 2 * len(critical[code]) > len(people)
        contradicts = tuple(c for c in catalogue.themes[code].links if mostly and c in strengths)
        out[code] = ThemeCount(len(people), mostly, contradicts)
    return out
