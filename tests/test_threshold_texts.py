"""Every sentence of the report that states a threshold prints the value in force for that
coalition (its own `settings:`), never the default written into the text."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.report.brand import load_brand
from pipeline.report.portfolio import legend_bands, unreadable_row
from pipeline.report.steps import analyse_folder, report_html
from pipeline.tools.example_data import EXAMPLE_SPECS, write_coalition

OWN_SETTINGS = ("settings: {anonymity_threshold: 6, completeness_threshold: 0.6, min_items_per_construct: 0.75, "
                "bands: {strength: 4.2, attention: 3.3}, network: {tie_intensity: 1.5, high_trust: 2.5}}\n")
EXPECTED = {
    "nl": ["Een gemiddelde vanaf 4,2 is een sterk punt, van 3,3 tot 4,2 een aandachtspunt",
           "onder 3,3 een zorgpunt", "ten minste 60% van de uitspraken is beantwoord",
           "ten minste 75% van de uitspraken",
           "groepen met minder dan 6 deelnemers", "samenwerking van 1,5 of hoger", "gemiddelde van 2,5 of hoger",
           "gemiddeld 1,5 of hoger"],
    "en": ["A mean of 4.2 or higher is a strength, from 3.3 to 4.2 it needs attention", "below 3.3 it is a concern",
           "at least 60% of the statements are answered", "at least 75% of its statements",
           "groups with fewer than 6 participants", "collaboration of 1.5 or more", "a mean of 2.5 or more",
           "mean collaboration is 1.5 or more"],
}
DEFAULTS = {"nl": ["4,0 of hoger", "onder 3,0", "de helft", "van 3 of hoger"],
            "en": ["4.0 or higher", "below 3.0", " half of", "of 3 or more"]}   # " half": not "on behalf of"


class _Chart:
    """A chart stand-in: the texts are under test here, not the drawings."""

    def __getattr__(self, name: str) -> str:
        return ""


class _Charts(dict):
    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> _Chart:
        return _Chart()


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    spec = next(s for s in EXAMPLE_SPECS if s.slug == "wijkzorg-oosterbroek")
    folder = write_coalition(spec, tmp_path_factory.mktemp("inputs"), seed=5)
    path = folder / "coalition.yaml"
    path.write_text(path.read_text(encoding="utf-8") + OWN_SETTINGS, encoding="utf-8")
    return analyse_folder(folder)[-1]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_threshold_sentences_print_the_coalitions_own_settings(result, lang):
    html = report_html(result, _Charts(), load_instrument(), load_brand(), Translator(lang))
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    for sentence in EXPECTED[lang]:
        assert sentence in text, sentence
    for default in DEFAULTS[lang]:
        assert default not in text, default


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_locale_text_writes_a_band_threshold_literally(lang):
    texts = Translator(lang).strings
    literal = re.compile(r"\b[34][.,]0\b")
    assert [key for key, text in texts.items() if literal.search(str(text))] == []


def test_the_portfolio_legend_takes_the_bands_most_coalitions_use_and_names_the_others():
    def row(slug: str, strength: float, attention: float):
        return replace(unreadable_row(slug), withheld=None, used=20, bands=(strength, attention))

    bands, own = legend_bands([row("a", 4.2, 3.3), row("b", 4.2, 3.3), row("c", 4.0, 3.0)])
    assert bands == (4.2, 3.3) and [r.slug for r in own] == ["c"]
    assert legend_bands([]) == ((4.0, 3.0), [])
