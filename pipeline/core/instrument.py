"""The survey instrument, loaded from its versioned YAML definition.

The YAML file is the single source of truth for ingest (which columns, which answers),
scoring (which items form a construct, which are reverse-coded), the response template,
the questionnaire and the report's appendix. Nothing else in the package hard-codes an
item."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.core.errors import ConfigError
from pipeline.core.paths import INSTRUMENT_DIR
from pipeline.core.yaml_text import load_yaml

DEFAULT_INSTRUMENT = INSTRUMENT_DIR / "netwerkscan-2026.yaml"
LANGUAGES = ("nl", "en")
RESPONDENT_ID = "respondent_id"
RELATION_SEPARATOR = "__"    # rel_vertrouwen__<organisation code>
MULTI_SEPARATOR = "__"       # wie_strateeg__<option code> for 0/1 columns
QUESTION_TYPES = ("roster", "theme", "single", "multi", "relation", "open")


@dataclass(frozen=True)
class Text:
    nl: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class Scale:
    code: str
    min: int
    max: int
    labels: dict[str, tuple[str, ...]]
    missing: Text
    synonyms: dict[str, int] = field(default_factory=dict)   # other wording, lower case -> value

    @property
    def values(self) -> range:
        return range(self.min, self.max + 1)

    def label(self, value: int, lang: str) -> str:
        return self.labels[lang][value - self.min]


@dataclass(frozen=True)
class Option:
    code: str
    text: Text
    synonyms: tuple[str, ...] = ()    # earlier or other wordings ingest still reads, lower case


@dataclass(frozen=True)
class Construct:
    code: str
    group: str
    name: Text
    question: Text
    description: Text
    kind: str = "quality"    # quality: higher is better | need, profile: neither good nor bad, no band

    @property
    def is_quality(self) -> bool:
        return self.kind == "quality"


@dataclass(frozen=True)
class Item:
    code: str
    construct: str
    scale: str
    reverse: bool
    text: Text


@dataclass(frozen=True)
class Question:
    """A non-Likert question: profile, choice, relation or open answer."""

    code: str
    type: str            # roster | theme | single | multi | relation | open
    # roster: an organisation of coalition.yaml's roster; theme: one of its theme_coalitions
    section: str
    required: bool
    text: Text
    options: str | None = None
    scale: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Section:
    code: str
    title: Text
    instruction: Text


@dataclass
class Instrument:
    id: str
    version: str
    title: Text
    intro: Text
    missing_labels: frozenset[str]
    identifying_columns: frozenset[str]
    metadata_columns: frozenset[str]
    scales: dict[str, Scale]
    option_sets: dict[str, tuple[Option, ...]]
    constructs: dict[str, Construct]
    items: dict[str, Item]
    questions: dict[str, Question]
    sections: tuple[Section, ...]
    source: Path = field(default=DEFAULT_INSTRUMENT)

    def items_of(self, construct: str) -> list[Item]:
        return [i for i in self.items.values() if i.construct == construct]

    def constructs_in(self, group: str) -> list[Construct]:
        return [c for c in self.constructs.values() if c.group == group]

    def questions_of_type(self, kind: str) -> list[Question]:
        return [q for q in self.questions.values() if q.type == kind]

    def options(self, question: Question) -> tuple[Option, ...]:
        return self.option_sets[question.options] if question.options else ()

    def option_text(self, option_set: str, code: str, lang: str) -> str:
        for option in self.option_sets[option_set]:
            if option.code == code:
                return option.text(lang)
        return code

    def section_of_item(self, code: str) -> str:
        """The questionnaire section an item is asked in: its construct's group, by the
        section's name where the two differ."""
        group = self.constructs[self.items[code].construct].group
        return {"bouwsteen": "bouwstenen", "rol": "rollen"}.get(group, group)

    def text_of(self, code: str, lang: str) -> str:
        """The question text of any item or question code, for column matching and reports."""
        if code in self.items:
            return self.items[code].text(lang)
        return self.questions[code].text(lang)


def _text(node: object, where: str, path: Path) -> Text:
    if not isinstance(node, dict) or not all(isinstance(node.get(k), str) and node[k] for k in LANGUAGES):
        raise ConfigError(path, f"{where}: needs non-empty 'nl' and 'en' texts")
    return Text(nl=node["nl"].strip(), en=node["en"].strip())


def _parse(raw: dict[str, Any], path: Path) -> Instrument:
    scales = {}
    for code, s in raw["scales"].items():
        labels = {lang: tuple(s["labels"][lang]) for lang in LANGUAGES}
        if any(len(v) != s["max"] - s["min"] + 1 for v in labels.values()):
            raise ConfigError(path, f"scale {code}: needs one label per value {s['min']}..{s['max']}")
        synonyms = {" ".join(str(word).split()).lower(): int(value)
                    for value, words in (s.get("synonyms") or {}).items() for word in words}
        if any(not s["min"] <= value <= s["max"] for value in synonyms.values()):
            raise ConfigError(path, f"scale {code}: a synonym names a value outside {s['min']}..{s['max']}")
        scales[code] = Scale(code, int(s["min"]), int(s["max"]), labels, _text(s["missing"], f"scale {code}", path),
                             synonyms)
    option_sets = {
        name: tuple(Option(o["code"], _text(o, f"option {name}.{o['code']}", path),
                           tuple(" ".join(str(w).split()).lower() for w in o.get("synonyms") or ())) for o in options)
        for name, options in raw["option_sets"].items()
    }
    constructs = {
        c["code"]: Construct(
            c["code"], c["group"], _text(c, f"construct {c['code']}", path),
            _text(c["question"], f"construct {c['code']} question", path),
            _text(c["description"], f"construct {c['code']} description", path),
            c.get("kind", "quality"),
        )
        for c in raw["constructs"]
    }
    items: dict[str, Item] = {}
    for i in raw["items"]:
        if i["construct"] not in constructs:
            raise ConfigError(path, f"item {i['code']}: unknown construct {i['construct']!r}")
        if i["scale"] not in scales:
            raise ConfigError(path, f"item {i['code']}: unknown scale {i['scale']!r}")
        if i["code"] in items:
            raise ConfigError(path, f"item {i['code']} is defined twice")
        items[i["code"]] = Item(i["code"], i["construct"], i["scale"], bool(i.get("reverse", False)),
                                _text(i, f"item {i['code']}", path))
    questions: dict[str, Question] = {}
    for q in raw["questions"]:
        if q["code"] in questions or q["code"] in items:
            raise ConfigError(path, f"question {q['code']} is defined twice")
        if q["type"] not in QUESTION_TYPES:
            raise ConfigError(path, f"question {q['code']}: unknown type {q['type']!r} "
                                    f"(one of {', '.join(QUESTION_TYPES)})")
        if q.get("options") and q["options"] not in option_sets:
            raise ConfigError(path, f"question {q['code']}: unknown option set {q['options']!r}")
        questions[q["code"]] = Question(
            q["code"], q["type"], q["section"], bool(q.get("required", False)),
            _text(q, f"question {q['code']}", path), q.get("options"), q.get("scale"), q.get("role"),
        )
    sections = tuple(
        Section(s["code"], _text(s, f"section {s['code']}", path),
                _text(s["instruction"], f"section {s['code']}", path))
        for s in raw["sections"]
    )
    return Instrument(
        id=raw["id"], version=str(raw["version"]), title=_text(raw["title"], "title", path),
        intro=_text(raw["intro"], "intro", path),
        missing_labels=frozenset(m.strip().lower() for m in raw["missing_labels"]),
        identifying_columns=frozenset(c.strip().lower() for c in raw["identifying_columns"]),
        metadata_columns=frozenset(c.strip().lower() for c in raw.get("metadata_columns", [])),
        scales=scales, option_sets=option_sets, constructs=constructs, items=items,
        questions=questions, sections=sections, source=path,
    )


@lru_cache(maxsize=8)
def load_instrument(path: Path | str = DEFAULT_INSTRUMENT) -> Instrument:
    """Load and check an instrument definition; cached, because every step asks for it."""
    path = Path(path)
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(path, f"cannot read the instrument: {exc}") from exc
    try:
        return _parse(raw, path)
    except (KeyError, TypeError) as exc:
        raise ConfigError(path, f"the instrument definition is incomplete: missing {exc}") from exc
