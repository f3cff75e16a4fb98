"""Actor-type and role-holder labels inside running text are lower-case in both languages,
but an acronym or a name that starts a label keeps its capitals."""

from __future__ import annotations

import pytest

from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.core.labels import group_in_sentence, in_sentence

instrument = load_instrument()


@pytest.mark.parametrize(("label", "shown"), [
    ("Zorgverzekeraar", "zorgverzekeraar"),
    ("Bestuurders van deelnemende organisaties", "bestuurders van deelnemende organisaties"),
    ("Ouderenzorg (VVT)", "ouderenzorg (VVT)"),
    ("GP organisation", "GP organisation"),
    ("GGZ Oosterbroek", "GGZ Oosterbroek"),
    ("Health insurer", "health insurer"),
    ("", ""),
])
def test_a_label_reads_lower_case_inside_a_sentence(label, shown):
    assert in_sentence(label) == shown


def test_the_owner_of_a_step_names_its_holders_in_lower_case():
    nl, en = Translator("nl"), Translator("en")
    holders = [group_in_sentence(instrument, "rolhouder", c, nl) for c in ("zorgverzekeraar", "bestuurder")]
    assert nl("owner_with_holders", role=nl("owner_ontwikkelaar"), holders=nl.join(holders)) == (
        "Ontwikkelaar, nu vooral: zorgverzekeraar en bestuurders van deelnemende organisaties")
    holders = [group_in_sentence(instrument, "rolhouder", c, en) for c in ("huisartsen", "ggz")]
    assert en.join(holders) == "GP organisation and mental health care (GGZ)"
