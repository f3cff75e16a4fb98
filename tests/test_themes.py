"""The theme coder: patterns, counts under the anonymity rule, and its precision on
hand-labelled answers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipeline.analysis.themes import compiled, is_critical, load_themes, normalised, theme_counts, themes_of
from pipeline.core.errors import ConfigError

FIXTURES = Path(__file__).parent / "fixtures"


def measured(name: str) -> tuple[float, float, int]:
    """Precision and recall of the coded (answer, theme) pairs against the hand labels: every
    pair the coder finds is a quote the report could show under that theme's advice."""
    answers = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))["answers"]
    catalogue = load_themes()
    found = right = wanted = 0
    for answer in answers:
        got, labels = set(themes_of(answer["text"], catalogue)), set(answer["themes"])
        found, right, wanted = found + len(got), right + len(got & labels), wanted + len(labels)
    return right / found, right / wanted, len(answers)


@pytest.mark.parametrize("name", ["open_answers_labelled.yaml", "open_answers_heldout.yaml"])
def test_quotes_the_coder_would_show_are_about_their_theme(name):
    precision, recall, size = measured(name)
    print(f"{name}: {size} answers, precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.9


def test_the_method_section_cites_what_the_held_out_set_measures():
    precision, _, size = measured("open_answers_heldout.yaml")
    stated = load_themes().measured
    assert stated is not None and stated[0] == size and stated[1] <= precision


def test_the_sets_are_large_and_varied_enough():
    tuned = yaml.safe_load((FIXTURES / "open_answers_labelled.yaml").read_text(encoding="utf-8"))["answers"]
    held = yaml.safe_load((FIXTURES / "open_answers_heldout.yaml").read_text(encoding="utf-8"))["answers"]
    every = tuned + held
    themes = set(load_themes().themes)
    assert len(every) >= 200
    assert all(set(a["themes"]) <= themes for a in every)
    assert sum(not a["themes"] for a in every) >= 20 and sum(len(a["themes"]) > 1 for a in every) >= 40


def test_patterns_ignore_accents_and_capitals_and_match_stems_phrases_and_gaps():
    assert normalised("Coördinatie, CLIËNT!") == " coordinatie client "
    assert compiled("vertrouw*").search(normalised("Wij vertrouwden elkaar"))
    assert compiled("*vertrouw*").search(normalised("Er is wantvertrouwen"))
    assert not compiled("vertrouw*").search(normalised("onvertrouwd"))
    assert compiled("afspraken * nagekomen").search(normalised("afspraken worden niet nagekomen"))
    assert not compiled("afspraken * nagekomen").search(normalised("afspraken worden nu eindelijk wel eens nagekomen"))
    assert compiled("korte lijnen").search(normalised("Korte lijnen!")) and not compiled("korte lijnen").search(
        normalised("korte, heldere lijnen"))


def test_a_negated_answer_keeps_its_theme_and_is_critical():
    catalogue = load_themes()
    assert themes_of("Er is geen vertrouwen in de verzekeraar", catalogue) == ("vertrouwen",)
    assert is_critical("open_goed", "Er is geen vertrouwen in de verzekeraar", catalogue)
    assert not is_critical("open_goed", "Er is veel vertrouwen", catalogue)
    assert is_critical("open_beter", "Meer vertrouwen", catalogue)


def test_counts_are_of_respondents_and_hidden_below_the_threshold():
    catalogue = load_themes()
    rows = [{"open_goed": "Veel vertrouwen", "open_beter": "Meer vertrouwen graag"}]       # one person, twice
    rows += [{"open_beter": f"Geen vertrouwen in partij {i}"} for i in range(4)]
    rows += [{"open_beter": "Te weinig budget"}] * 3
    counts = theme_counts(pd.DataFrame(rows), catalogue, 5, frozenset({"vertrouwen"}))
    assert counts["vertrouwen"].respondents == 5
    assert counts["vertrouwen"].mostly_critical is True
    assert counts["vertrouwen"].contradicts == ("vertrouwen",)
    assert counts["middelen"].respondents is None and counts["middelen"].mostly_critical is None
    assert theme_counts(pd.DataFrame(rows), catalogue, 5, frozenset())["vertrouwen"].contradicts == ()


def test_a_firm_may_change_a_themes_patterns_but_not_invent_a_key(tmp_path):
    (tmp_path / "themes.yaml").write_text("themes:\n  middelen:\n    nl:\n      patterns: [\"knaken\"]\n",
                                          encoding="utf-8")
    firm = load_themes(tmp_path)
    assert themes_of("Te weinig knaken", firm) == ("middelen",)
    assert firm.measured is None                  # changed patterns: the shipped measurement no longer holds
    (tmp_path / "themes.yaml").write_text("themes:\n  midelen:\n    nl:\n      patterns: [\"knaken\"]\n",
                                          encoding="utf-8")
    load_themes.cache_clear()
    with pytest.raises(ConfigError, match="middelen"):
        load_themes(tmp_path)
