"""The consultant's own words in a report: `commentary.md` in the coalition folder.

The figures are an input to a conversation; the advisor adds what interviews and
observations taught them, and signs the report off. Until it is signed off the report is a
draft: every page says so, the manifest records it and `netwerkscan run --final` refuses it.

Layout of commentary.md (all of it optional, the file too):

    ---
    author: Anna de Vries
    approved_by: Anna de Vries          # set when the report is signed off
    approved_on: 2026-11-20
    ---
    Text before the first `##` heading is the foreword.

    ## samenvatting
    A note printed with the section whose id is the heading's text.

Front matter is read with `yaml.safe_load`; a key other than the three above, a heading that
is not a section id of the report (`SECTIONS`), or `approved_by` without `approved_on` is a
`ConfigError` naming the file. The text is Markdown rendered by `safe_markdown`: no raw HTML,
no images, so the file cannot carry markup or fetch anything into the PDF."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from markupsafe import Markup

from pipeline.core.config_check import did_you_mean
from pipeline.core.errors import ConfigError
from pipeline.core.yaml_text import load_yaml
from pipeline.report.markdown_text import safe_markdown

COMMENTARY_FILE = "commentary.md"
FRONT_MATTER_KEYS = ("author", "approved_by", "approved_on")
# The report's sections that can carry a note, by the id the template gives them.
SECTIONS = ("samenvatting", "netwerkmodel", "leiderschap", "regie", "gedrag", "netwerkstructuur", "ecosysteem",
            "groepen", "ontwikkeling", "open-antwoorden", "aanbevelingen")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^##[ \t]+(?P<id>.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Commentary:
    """What the advisor wrote, made safe; an empty one when there is no commentary.md."""

    author: str | None = None
    approved_by: str | None = None
    approved_on: date | None = None
    foreword: Markup | None = None
    notes: dict[str, Markup] = field(default_factory=dict)    # section id -> note
    source: str = COMMENTARY_FILE

    @property
    def draft(self) -> bool:
        """A report nobody signed off is a draft."""
        return not self.approved_by


def load_commentary(coalition_dir: Path | str) -> Commentary:
    """The coalition's commentary.md, checked; an empty (draft) commentary when it has none."""
    path = Path(coalition_dir) / COMMENTARY_FILE
    if not path.is_file():
        return Commentary(source=str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read the commentary: {exc}") from exc
    return parse_commentary(text, path)


def parse_commentary(text: str, path: Path) -> Commentary:
    front, body = _split_front_matter(text, path)
    author, approved_by, approved_on = _front_matter(front, path)
    headings = list(_HEADING.finditer(body))
    unknown = [m["id"] for m in headings if m["id"] not in SECTIONS]
    if unknown:
        raise ConfigError(path, "; ".join(
            f"'## {name}' is not a section of the report{did_you_mean(name, SECTIONS)}" for name in unknown)
            + f"; sections: {', '.join(SECTIONS)}")
    ids = [m["id"] for m in headings]
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    if doubles:
        raise ConfigError(path, f"more than one note for {', '.join(doubles)}")
    foreword = body[:headings[0].start()] if headings else body
    ends = [m.start() for m in headings[1:]] + [len(body)]
    notes = {m["id"]: body[m.end():end] for m, end in zip(headings, ends, strict=False)}
    return Commentary(author, approved_by, approved_on, _markdown(foreword),
                      {k: md for k, v in notes.items() if (md := _markdown(v)) is not None}, str(path))


def _split_front_matter(text: str, path: Path) -> tuple[str, str]:
    if not text.startswith("---"):
        return "", text
    found = _FRONT.match(text)
    if found is None:
        raise ConfigError(path, "the front matter opened with '---' is not closed by a line '---'")
    return found["yaml"], text[found.end():]


def _front_matter(front: str, path: Path) -> tuple[str | None, str | None, date | None]:
    try:
        raw = load_yaml(front) if front.strip() else {}
    except yaml.YAMLError as exc:
        raise ConfigError(path, f"the front matter is not YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(path, f"the front matter must be keys with values: {', '.join(FRONT_MATTER_KEYS)}")
    unknown = [str(k) for k in raw if k not in FRONT_MATTER_KEYS]
    if unknown:
        raise ConfigError(path, "; ".join(f"{k}: unknown key{did_you_mean(k, FRONT_MATTER_KEYS)}" for k in unknown)
                          + f"; known keys: {', '.join(FRONT_MATTER_KEYS)}")
    author, approved_by = _name(raw, "author", path), _name(raw, "approved_by", path)
    approved_on = raw.get("approved_on")
    if approved_on is not None and not isinstance(approved_on, date):
        raise ConfigError(path, f"approved_on: {approved_on!r} is not a date (write it as YYYY-MM-DD)")
    if approved_by and approved_on is None:
        raise ConfigError(path, "approved_on: missing; a report signed off by approved_by needs the date (YYYY-MM-DD)")
    return author, approved_by, approved_on


def _name(raw: dict[object, object], key: str, path: Path) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(path, f"{key}: must be a name, not {value!r}")
    return value.strip() or None


def _markdown(text: str) -> Markup | None:
    return safe_markdown(text) if text.strip() else None
