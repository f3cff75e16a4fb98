"""Response per organisation and actor type, and the protected profile distributions."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.analysis.participation import MERGED, participation, protected_distribution
from pipeline.core.coalition import Organisation

ORGS = (Organisation("a", "A", "gemeente", 10), Organisation("b", "B", "gemeente", 4),
        Organisation("c", "C", "ggz", 6))
OPTIONS = {"basis": ["persoonlijke_titel", "namens_organisatie", "namens_achterban"],
           "betrokkenheid": ["kern", "actief", "betrokken", "op_afstand"]}


def frame(orgs: list[str], basis: list[str | None]) -> pd.DataFrame:
    return pd.DataFrame({"organisatie": orgs, "basis": basis})


def test_rates_per_organisation_type_and_overall():
    found = participation(frame(["a"] * 6 + ["b"] * 2, ["namens_organisatie"] * 8), ORGS, OPTIONS, 5)
    assert found.respondents == 8 and found.invited == 20 and found.rate == pytest.approx(0.4)
    assert found.organisations["a"].rate == pytest.approx(0.6)
    assert found.actortypes["gemeente"].respondents == 8 and found.actortypes["gemeente"].rate == pytest.approx(8 / 14)
    assert found.actortypes["ggz"].rate == 0
    assert found.responding == 2 and found.not_responding == ("c",)
    assert "betrokkenheid" not in found.profile          # not in the file: not asked, not zero


def test_more_respondents_than_invited_is_a_finding_without_a_rate():
    found = participation(frame(["b"] * 5, [None] * 5), ORGS, OPTIONS, 5)
    assert found.more_than_invited == ("b",)
    assert found.organisations["b"].rate is None and found.rate is None
    assert found.actortypes["gemeente"].rate is None


def test_without_invited_only_counts():
    orgs = tuple(Organisation(o.code, o.name, o.actortype) for o in ORGS)
    found = participation(frame(["a", "c"], [None, None]), orgs, OPTIONS, 5)
    assert found.invited is None and found.rate is None
    assert found.organisations["c"].respondents == 1


def test_no_category_below_k_and_none_derivable():
    shown = protected_distribution({"x": 12, "y": 3, "z": 7}, 5)
    # y alone (3) would be derivable from the total: the smallest shown category joins it
    assert [(s.category, s.count) for s in shown.shares] == [("x", 12), (MERGED, 10)]
    assert shown.merged == ("y", "z") and shown.grown == ("z",)
    for share in shown.shares:
        assert share.count == 0 or share.count >= 5


def test_small_categories_that_reach_k_together_are_merged_alone():
    shown = protected_distribution({"x": 12, "y": 3, "z": 2, "w": 0}, 5)
    assert [(s.category, s.count) for s in shown.shares] == [("x", 12), ("w", 0), (MERGED, 5)]


def test_fewer_than_k_answers_show_no_distribution():
    assert protected_distribution({"x": 3, "y": 1}, 5).shares == ()
    assert protected_distribution({"x": 5, "y": 0}, 5).shares[0].share == 1.0


def test_invited_is_read_and_a_negative_number_refused(tmp_path):
    from pipeline.core.coalition import load_coalition
    from pipeline.core.config_check import ConfigProblems

    folder = tmp_path / "coalitie"
    folder.mkdir()
    (folder / "2026.csv").write_text("organisatie\n", encoding="utf-8")
    text = ("name: C\nregion: R\nnetwork_type: leernetwerk\ndeclared_mode: zelfregulerend\norganisations:\n"
            "- {code: a, name: A, actortype: gemeente, invited: 12}\n- {code: b, name: B, actortype: ggz}\n")
    (folder / "coalition.yaml").write_text(text, encoding="utf-8")
    assert [o.invited for o in load_coalition(folder).organisations] == [12, None]
    (folder / "coalition.yaml").write_text(text.replace("12", "-1"), encoding="utf-8")
    with pytest.raises(ConfigProblems, match="invited"):
        load_coalition(folder)


def test_more_respondents_than_invited_is_a_warning_at_ingest():
    from pipeline.core.findings import Severity
    from pipeline.ingest.invitations import invitation_findings

    (found,) = invitation_findings(frame(["b"] * 5 + ["a"], [None] * 6), ORGS, "2026.csv")
    assert found.severity is Severity.WARNING and found.kind == "more_than_invited"
    assert "B (b)" in found.message and "4 were invited" in found.message


def test_the_note_says_a_larger_answer_joined_to_protect_a_small_one():
    from pipeline.core.i18n import Translator
    from pipeline.core.instrument import load_instrument
    from pipeline.report.participation_texts import merged_note

    instrument, nl = load_instrument(), Translator("nl")
    grown = protected_distribution({"kern": 12, "betrokken": 3, "op_afstand": 7}, 5)
    assert merged_note("betrokkenheid", grown, instrument, 5, nl) == (
        "Antwoorden die minder dan 5 keer zijn gegeven (betrokken), staan onder ‘overige antwoorden’ samen met "
        "het kleinste andere antwoord (op afstand), zodat niets is terug te rekenen.")
    alone = protected_distribution({"kern": 12, "betrokken": 3, "op_afstand": 2}, 5)
    assert "kleinste andere" not in merged_note("betrokkenheid", alone, instrument, 5, nl)
