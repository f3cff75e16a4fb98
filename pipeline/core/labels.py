"""Short names for answer options and groups, as the report and the advice texts use them."""

from __future__ import annotations

from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument


def option_label(text: str) -> str:
    """'Netwerkbureau: een aparte organisatie ...' -> 'Netwerkbureau': the short name."""
    return text.split(":")[0]


def group_name(instrument: Instrument, option_set: str, code: str, t: Translator) -> str:
    """An actor group, position or role holder by name; merged small groups by their label."""
    for option in instrument.option_sets.get(option_set, ()):
        if option.code == code:
            return option_label(option.text(t.lang))
    return t(f"group_{code}")
