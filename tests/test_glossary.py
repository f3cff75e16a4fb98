"""The glossary (docs/glossary.md) is what the texts say: a term with a locale key is that
key's text in both languages, and no English text a client reads uses a term the glossary
rules out ("network office", "point of attention", US spellings of its terms)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from pipeline.core.i18n import Translator
from pipeline.core.paths import DATA_DIR

GLOSSARY = Path(__file__).resolve().parent.parent / "docs" / "glossary.md"


def glossary_rows() -> list[dict[str, str]]:
    lines = [line for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    return [dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")))) for line in lines[2:]]


def english_texts(node: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every English string a client can read in a catalogue: under an `en` key, keywords left out
    (they are what respondents may write, such as "network office", not what the report says)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "keywords":
                continue
            if key == "en":
                yield from ((f"{path}.en", text) for text in strings(value))
            else:
                yield from english_texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for value in node:
            yield from english_texts(value, path)


def strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def all_english() -> list[tuple[str, str]]:
    found = [(f"en.yaml:{key}", text) for key, text in Translator("en").strings.items()]
    sources = [*sorted((DATA_DIR / "catalogue").glob("*.yaml")), *sorted((DATA_DIR / "instruments").glob("*.yaml"))]
    for source in sources:
        found += [(f"{source.name}:{where}", text)
                  for where, text in english_texts(yaml.safe_load(source.read_text(encoding="utf-8")))]
    return found


def test_the_glossary_has_its_core_terms():
    english = {row["Nederlands"].split(" (")[0]: row["English"] for row in glossary_rows()}
    assert english["bouwsteen"] == "building block"
    assert english["netwerkbureau"] == "network administrative organisation (NAO)"
    assert english["aandachtspunt"] == "needs attention"
    assert english["leidende organisatie"] == "lead organisation"
    assert english["tussen twee niveaus"] == "borderline"


def test_a_score_between_two_levels_reads_well_in_both_languages():
    """The English joins two labels of different word class ("needs attention", "strength")
    with a slash after "borderline", not with "between ... and ..."; the Dutch keeps "tussen"."""
    assert Translator("en").band_words("attention", "attention", "strength") == "borderline: needs attention / strength"
    assert Translator("nl").band_words("attention", "attention", "strength") == "tussen aandachtspunt en sterk punt"
    assert Translator("en").band_words("strength", "strength", "strength") == "Strength"


@pytest.mark.parametrize("row", [r for r in glossary_rows() if r["Locale key"]], ids=lambda r: r["Locale key"])
def test_the_locale_texts_use_the_glossary_terms(row):
    key = row["Locale key"]
    assert row["Nederlands"].split(" (")[0].lower() in Translator("nl").strings[key].lower()
    assert row["English"].lower() in Translator("en").strings[key].lower()


def test_no_english_text_uses_a_term_the_glossary_rules_out():
    ruled_out = [row["Not"] for row in glossary_rows() if row["Not"]]
    assert "network office" in ruled_out and "point of attention" in ruled_out
    texts = all_english()
    assert len(texts) > 300        # the locale, both catalogues and the instrument were read
    wrong = [(where, term) for where, text in texts for term in ruled_out
             if re.search(rf"\b{re.escape(term)}\b", text, re.IGNORECASE)]
    assert wrong == []
