"""Turning one answer cell into the value the instrument means.

Answers arrive as numbers ("4", "4,0"), as labels in Dutch or English in any case
("Eens", "AGREE"), as another common wording from the scale's synonyms ("Helemaal mee
eens"), as "4 - Eens", as LimeSurvey's answer codes (A1 is the first answer in the
instrument's order), or as "weet niet": the last is missing, never a score. A cell that
cannot be read is returned unchanged, so that validation can name it."""

from __future__ import annotations

import math
import re

from pipeline.core.instrument import Instrument, Option, Scale

LEADING_NUMBER = re.compile(r"^(\d+)\s*[-–:.)=]\s*\D")
ANSWER_CODE = re.compile(r"^a(\d{1,3})$")    # LimeSurvey's default answer codes A1, A2, …
MULTI_SPLIT = re.compile(r"\s*[;|\n]\s*")
TRUE_WORDS = {"1", "1.0", "ja", "yes", "y", "x", "true", "waar", "waar/true"}
FALSE_WORDS = {"0", "0.0", "nee", "no", "false", "onwaar"}


class Unreadable(str):
    """The original cell text of an answer that fits nothing; validation reports it."""


def number(text: str) -> float | None:
    """A finite number, or None; "nan" and "inf" are no answer anyone gave, so they stay text."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def is_missing(text: str | None, instrument: Instrument) -> bool:
    return text is None or text.strip().lower() in instrument.missing_labels


def scale_value(text: str | None, scale: Scale, instrument: Instrument) -> float | Unreadable | None:
    if text is None or is_missing(text, instrument):
        return None
    value = number(text)
    if value is not None:
        return value
    lowered = " ".join(text.split()).lower()
    for labels in scale.labels.values():
        for offset, label in enumerate(labels):
            if lowered == label.lower():
                return float(scale.min + offset)
    if lowered in scale.synonyms:
        return float(scale.synonyms[lowered])
    code = ANSWER_CODE.match(lowered)
    if code and 1 <= int(code.group(1)) <= len(scale.values):
        return float(scale.min + int(code.group(1)) - 1)
    leading = LEADING_NUMBER.match(lowered)
    if leading:
        return float(leading.group(1))
    return Unreadable(text)


def _option_keys(option: Option) -> set[str]:
    keys = {option.code.lower(), *option.synonyms}
    for lang in ("nl", "en"):
        label = option.text(lang).lower()
        keys.add(label)
        keys.add(label.split(":")[0].strip())  # "Netwerkbureau: een aparte ..." is also "netwerkbureau"
    return keys


def option_lookup(options: tuple[Option, ...]) -> dict[str, str]:
    """Every accepted spelling of an option, lower case, to its code; A1, A2, … by position."""
    lookup = {f"a{n}": option.code for n, option in enumerate(options, start=1)}
    lookup.update({key: option.code for option in options for key in _option_keys(option)})
    return lookup


def choice_value(text: str | None, lookup: dict[str, str], instrument: Instrument) -> str | Unreadable | None:
    if text is None or is_missing(text, instrument):
        return None
    return lookup.get(" ".join(text.split()).lower(), Unreadable(text))


def multi_value(text: str | None, lookup: dict[str, str], instrument: Instrument) -> frozenset[str] | Unreadable | None:
    """A delimited multiple-choice cell ("ggz; gemeente") as a set of option codes."""
    if text is None or is_missing(text, instrument):
        return None
    parts = [p for p in MULTI_SPLIT.split(text.strip()) if p]
    if len(parts) == 1 and "," in parts[0] and parts[0].lower() not in lookup:
        parts = [p.strip() for p in parts[0].split(",") if p.strip()]
    codes = [lookup.get(" ".join(p.split()).lower()) for p in parts]
    known = [code for code in codes if code is not None]
    if len(known) < len(codes):
        return Unreadable(text)
    return frozenset(known)


def flag_value(text: str | None) -> int | Unreadable | None:
    """One 0/1 column of a multiple-choice question ("ja", "x", "1", empty)."""
    if text is None:
        return None
    lowered = text.strip().lower()
    if lowered in TRUE_WORDS:
        return 1
    if lowered in FALSE_WORDS:
        return 0
    return Unreadable(text)
