"""Conversation starters: two or three open questions per building block and per leadership
role, printed with the block or role for the feedback session in which the coalition reads
its own figures (the way Wilder's inventory gives discussion questions per factor).

The questions are a catalogue (`pipeline/data/catalogue/questions.yaml`, Dutch and English);
a firm replaces any list with a `questions.yaml` of the same shape in its brand folder. A key
that is not in the default catalogue, or a list that is not one to three questions, is a
`ConfigError` naming the file, found before any kernel starts (`pipeline.batch.preflight`).

`block` and `role` hold the questions for a collaboration (task-oriented), also used for a
combination; a learning network (interaction-oriented) gets its own lists under
`leernetwerk`, with the same blocks and roles, because questions about results and projects
do not fit a network that meets to share knowledge."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.core.catalogue_file import read_override
from pipeline.core.config_check import read_mapping
from pipeline.core.errors import ConfigError
from pipeline.core.i18n import LANGUAGES
from pipeline.core.paths import DEFAULT_QUESTIONS

QUESTIONS_FILE = "questions.yaml"
MAX_QUESTIONS = 3
KINDS = ("block", "role")
LEARNING = "leernetwerk"   # the network type with its own lists


@dataclass(frozen=True)
class Questions:
    entries: dict[str, Any]
    source: str

    def of(self, kind: str, code: str, lang: str, network_type: str = "") -> list[str]:
        """The questions for a building block (`kind` "block") or a role ("role") in a network of
        `network_type` (a learning network has its own); none for other kinds."""
        entries = self.entries.get(LEARNING, {}) if network_type == LEARNING else self.entries
        return list(entries.get(kind, {}).get(code, {}).get(lang, []))


def _checked(entries: dict[str, Any], path: Path) -> dict[str, Any]:
    for prefix, section in (("", entries), (f"{LEARNING}.", entries.get(LEARNING) or {})):
        for kind in KINDS:
            for code, langs in (section.get(kind) or {}).items():
                for lang in LANGUAGES:
                    listed = (langs or {}).get(lang)
                    if not (isinstance(listed, list) and 1 <= len(listed) <= MAX_QUESTIONS
                            and all(isinstance(q, str) and q.strip() for q in listed)):
                        raise ConfigError(path, f"{prefix}{kind}.{code}.{lang}: must be a list of 1 to "
                                                f"{MAX_QUESTIONS} questions")
    return entries


def _merged(default: dict[str, Any], firm: dict[str, Any]) -> dict[str, Any]:
    """`firm` laid over `default` key by key; a list replaces the whole list."""
    return {key: _merged(value, firm[key]) if isinstance(value, dict) and isinstance(firm.get(key), dict)
            else firm.get(key, value) for key, value in default.items()}


@lru_cache(maxsize=8)
def load_questions(brand_dir: Path | None = None) -> Questions:
    """The default questions, with the firm's `questions.yaml` from its brand folder laid over them."""
    entries = _checked(read_mapping(DEFAULT_QUESTIONS, "conversation starters"), DEFAULT_QUESTIONS)
    override = Path(brand_dir) / QUESTIONS_FILE if brand_dir else None
    if not (override and override.is_file()):
        return Questions(entries, str(DEFAULT_QUESTIONS))
    firm = read_override(override, entries, "conversation starters")
    return Questions(_checked(_merged(entries, firm), override), str(override))
