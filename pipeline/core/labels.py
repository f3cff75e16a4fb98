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


def in_sentence(label: str) -> str:
    """A label as it reads inside a running sentence: its first letter lower-case
    ("Zorgverzekeraar" -> "zorgverzekeraar", "Ouderenzorg (VVT)" -> "ouderenzorg (VVT)"), but a
    label that starts with an acronym keeps it ("GP organisation", "GGZ Oosterbroek")."""
    first = label.split(" ", 1)[0]
    if not label or (len(first) > 1 and first[:2].isupper()):
        return label
    return label[0].lower() + label[1:]


def group_in_sentence(instrument: Instrument, option_set: str, code: str, t: Translator) -> str:
    """`group_name` for use inside a sentence (`in_sentence`): every label that goes into
    running text goes through here, in both languages."""
    return in_sentence(group_name(instrument, option_set, code, t))
