"""The language of a quoted open answer, guessed from its function words, so that a Dutch
answer quoted in an English report (or the other way round) says so: "(in Dutch)".

Respondents answer in the language they like, and the report quotes them verbatim. Function
words ("de", "het", "niet"; "the", "not", "with") are what short texts in these two languages
differ in most reliably; words both languages use ("in", "is", "we", "over") count for
neither. A text with no telling word, or as many of each, has no language (None): better no
mark than a wrong one. Only Dutch and English are told apart, the report's two languages."""

from __future__ import annotations

import re

STOP_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset("""de het een en van niet dat die er te voor met zijn wordt worden ook maar nog bij naar om
        aan geen wat wie hoe meer veel onze ons wij ik jij je u zij deze dit als dan tussen tijdens echt heel goed
        nu al kan moet hebben heeft zou door waar elkaar samen weinig vaak altijd mijn""".split()),
    "en": frozenset("""the a an and of not that this these to for with are be been it its more what who how our
        us you they there their between during really very good now can should have has would too but still at on
        by from no much often always my each other together little where which""".split()),
}
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def quote_language(text: str) -> str | None:
    """"nl" or "en" when one language's function words outnumber the other's; else None."""
    words = [w.lower() for w in WORD.findall(text)]
    counts = {lang: sum(w in stop for w in words) for lang, stop in STOP_WORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    if counts[best] == 0 or list(counts.values()).count(counts[best]) > 1:
        return None
    return best


def language_note(text: str, report_lang: str) -> str | None:
    """The key of the note for a quote in another language than the report ("quote_in_nl"), or None."""
    found = quote_language(text)
    return f"quote_in_{found}" if found and found != report_lang else None
