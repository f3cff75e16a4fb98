"""Emoji out of the text a page prints.

Respondents type emoji in open answers ("Goede start 👍🏽"), and no font the report embeds
(the brand's, DejaVu, Noto) draws them: WeasyPrint would print an empty box. They are
taken out of everything the templates print, together with the invisible characters that
build them (skin tones, variation selectors, zero-width joiners, flag tags). Symbols the
fonts do draw (✓, →, €, ½) stay. The whole answer is kept in scores.json."""

from __future__ import annotations

import re

from markupsafe import Markup

EMOJI = re.compile(
    "["
    "\U0001F000-\U0001FAFF"     # pictographs, emoticons, transport, flags, skin tones
    "\U000E0020-\U000E007F"     # tag characters of subdivision flags
    "\uFE0E\uFE0F"              # text/emoji presentation selectors
    "\u200D"                    # zero-width joiner of combined emoji
    "\u20E3"                    # combining keycap
    "]+"
)
SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")


def printable(value: object) -> object:
    """`value` as a page can print it; Jinja calls this on every expression it outputs, so
    trusted markup (charts, the page style) stays markup and nothing else changes type."""
    if not isinstance(value, str) or not EMOJI.search(value):
        return value
    cleaned = SPACES.sub(" ", EMOJI.sub("", value))
    return Markup(cleaned) if isinstance(value, Markup) else cleaned
