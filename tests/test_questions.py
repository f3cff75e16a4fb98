"""Conversation starters: complete in both languages, and a firm's questions.yaml laid over them."""

from __future__ import annotations

import pytest

from pipeline.analysis.headlines import BLOCKS
from pipeline.analysis.roles import ROLES
from pipeline.batch.preflight import config_errors
from pipeline.core.errors import ConfigError
from pipeline.report.questions import load_questions


@pytest.mark.parametrize("network_type", ["samenwerkingsverband", "leernetwerk", "combinatie"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_block_and_role_has_two_or_three_questions(lang, network_type):
    questions = load_questions()
    for kind, codes in (("block", BLOCKS), ("role", ROLES)):
        for code in codes:
            asked = questions.of(kind, code, lang, network_type)
            assert 2 <= len(asked) <= 3 and all(q.endswith("?") for q in asked), (kind, code)
            other = questions.of(kind, code, "en" if lang == "nl" else "nl", network_type)
            assert len(other) == len(asked), (kind, code, "both languages ask as many questions")


# Words that belong to a task-oriented network: results to show, projects, who leads which
# ambition. A learning network meets to share knowledge; its questions do not ask for these.
TASK_WORDS = {"nl": ("resultat", "project", "trekt", "mandaat"), "en": ("result", "project", "leads", "mandate")}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_learning_network_is_not_asked_about_results_and_projects(lang):
    questions = load_questions()
    for kind, codes in (("block", BLOCKS), ("role", ROLES)):
        for code in codes:
            for asked in questions.of(kind, code, lang, "leernetwerk"):
                assert not any(word in asked.lower() for word in TASK_WORDS[lang]), (kind, code, asked)
    assert questions.of("block", "ambities", lang, "leernetwerk") != questions.of("block", "ambities", lang)
    assert questions.of("block", "ambities", lang, "combinatie") == questions.of("block", "ambities", lang)


def test_a_firm_replaces_a_learning_network_list_and_keeps_the_collaboration_one(tmp_path):
    (tmp_path / "questions.yaml").write_text(
        'leernetwerk:\n  block:\n    ambities:\n      nl: ["Wat leren we?", "Van wie?"]\n')
    questions = load_questions(tmp_path)
    assert questions.of("block", "ambities", "nl", "leernetwerk") == ["Wat leren we?", "Van wie?"]
    assert questions.of("block", "ambities", "nl") == load_questions().of("block", "ambities", "nl")
    assert questions.of("block", "ambities", "en", "leernetwerk") == load_questions().of(
        "block", "ambities", "en", "leernetwerk")


def test_a_firm_replaces_one_list_and_keeps_the_rest(tmp_path):
    (tmp_path / "questions.yaml").write_text('block:\n  actor:\n    nl: ["Wie mist er?", "Wie beslist?"]\n')
    questions = load_questions(tmp_path)
    assert questions.of("block", "actor", "nl") == ["Wie mist er?", "Wie beslist?"]
    assert questions.of("block", "actor", "en") == load_questions().of("block", "actor", "en")
    assert questions.of("role", "verkenner", "nl") == load_questions().of("role", "verkenner", "nl")


@pytest.mark.parametrize(("text", "message"), [
    ('block:\n  actorr:\n    nl: ["Wie?"]\n', "block.actorr: unknown key (did you mean 'actor'?)"),
    ('role:\n  strateeg:\n    nl: []\n', "role.strateeg.nl: must be a list of 1 to 3 questions"),
    ('role:\n  strateeg:\n    en: "Who?"\n', "role.strateeg.en: must be a list"),
    ('leernetwerk:\n  role:\n    verkenner:\n      nl: []\n', "leernetwerk.role.verkenner.nl: must be a list"),
])
def test_a_wrong_firm_file_is_an_error_before_the_batch_starts(tmp_path, text, message):
    (tmp_path / "brand.yaml").write_text("firm: Testbureau\n")
    (tmp_path / "questions.yaml").write_text(text)
    with pytest.raises(ConfigError, match="questions.yaml") as raised:
        load_questions(tmp_path)
    assert message in str(raised.value)
    assert any("questions.yaml" in str(e) for e in config_errors(tmp_path, None))
