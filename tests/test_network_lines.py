"""The sentences under the network map: the most connected organisations never cut through a
tie, and a network in separate parts names the parts apart from the largest, in the network
section and in the summary's headline, and keeps their organisations out of the list of
organisations on the edge."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from pipeline.analysis.advice import network_diagnoses
from pipeline.analysis.headlines import Headline
from pipeline.analysis.network import Tie, most_connected
from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.report.summary_page import lead
from pipeline.report.texts import network_lines, recommendations_intro

NAMES = {"ggz": "GGZ Oosterbroek", "ha": "Huisartsencoöperatie Oosterbroek", "vvt": "Zorggroep Oosterbroek",
         "vvt2": "Zorggroep Oosterbroek Noord", "wz": "Welzijn Oosterbroek", "gem": "Gemeente Oosterbroek",
         "zv": "Zorgverzekeraar Zilverduin", "zh": "Oosterbroek Medisch Centrum"}
EDGES = [("ggz", "ha"), ("ggz", "vvt"), ("ggz", "vvt2"), ("ha", "wz"), ("vvt", "vvt2"), ("wz", "gem"),
         ("zv", "zh")]


def ranked(degrees: dict[str, int]) -> list[str]:
    return sorted(degrees, key=lambda c: -degrees[c])


def test_an_organisation_clearly_above_the_rest_is_named_alone():
    degrees = {"ggz": 3, "ha": 2, "vvt": 2, "vvt2": 2, "wz": 1}
    assert most_connected(ranked(degrees), degrees) == ("ggz",)


def test_a_tie_at_the_cut_off_leaves_out_every_tied_organisation():
    degrees = {"a": 6, "b": 6, "c": 5, "d": 5, "e": 2}
    assert most_connected(ranked(degrees), degrees) == ("a", "b")


def test_no_organisation_stands_out_when_all_are_tied_at_the_top():
    degrees = {"a": 4, "b": 4, "c": 4, "d": 4}
    assert most_connected(ranked(degrees), degrees) == ()


def test_few_organisations_with_more_than_one_tie_are_all_named():
    degrees = {"a": 4, "b": 3, "c": 3, "d": 1}
    assert most_connected(ranked(degrees), degrees) == ("a", "b", "c")


def oosterbroek() -> Any:
    degrees = {c: sum(c in e for e in EDGES) for c in NAMES}
    network = SimpleNamespace(
        degrees=degrees, ties=tuple(Tie(a, b, 2.0) for a, b in EDGES), organisations=len(NAMES),
        trust_density=None, mean_trust=None, central=most_connected(ranked(degrees), degrees),
        isolated=tuple(c for c in NAMES if degrees[c] == 0),
        peripheral=tuple(c for c in NAMES if degrees[c] == 1), components=2)
    roster = {c: SimpleNamespace(name=name) for c, name in NAMES.items()}
    return SimpleNamespace(network=network, diagnoses=tuple(network_diagnoses(network, 0.0, NAMES)),
                           coalition=SimpleNamespace(roster=roster), changes={})


@pytest.mark.parametrize(("lang", "central", "parts", "loose"), [
    ("nl", "Meest verbonden organisatie: GGZ Oosterbroek (3 vaste relaties).",
     "Het netwerk valt uiteen in 2 delen zonder vaste werkrelatie ertussen: Oosterbroek Medisch Centrum en "
     "Zorgverzekeraar Zilverduin werken alleen met elkaar.",
     "Organisaties aan de rand van het grootste deel (geen of één vaste relatie): "
     "Gemeente Oosterbroek."),
    ("en", "Most connected organisation: GGZ Oosterbroek (3 working ties).",
     "The network is split into 2 parts with no working tie between them: Oosterbroek Medisch Centrum and "
     "Zorgverzekeraar Zilverduin work only with each other.",
     "Organisations on the edge of the largest part (one working tie or none): "
     "Gemeente Oosterbroek."),
])
def test_a_separate_part_is_named_and_not_on_the_edge(lang, central, parts, loose):
    lines = network_lines(oosterbroek(), Translator(lang))
    assert lines is not None
    assert (lines.central, lines.parts, lines.loose) == (central, parts, loose)


def test_the_summary_headline_names_the_separate_part():
    found = lead(Headline("split", (), (), 2, 0), oosterbroek(), load_instrument(), Translator("nl"))
    assert found.sentence.endswith(": Oosterbroek Medisch Centrum en Zorgverzekeraar Zilverduin werken alleen "
                                   "met elkaar.")
    assert found.figure == "2"


def advice_of(*kinds: str) -> Any:
    return SimpleNamespace(advice=[SimpleNamespace(diagnosis=SimpleNamespace(kind=k)) for k in kinds])


def test_the_order_sentence_names_the_kinds_in_the_order_shown():
    found = recommendations_intro(advice_of("decline", "construct_attention", "construct_attention", "fragmented"),
                                  Translator("nl"))
    assert found.endswith("hier begint de lijst met dalingen sinds de vorige meting, gevolgd door scores die een "
                          "aandachtspunt zijn en het netwerkpatroon (losse delen).")
    english = recommendations_intro(advice_of("governance_mismatch", "periphery"), Translator("en"))
    assert english.endswith("the list starts with the form of governance, followed by the network pattern "
                            "(organisations on the edge).")


def test_every_kind_of_finding_has_its_words_in_the_order_sentence():
    from pipeline.analysis.advice import ORDER
    for lang in ("nl", "en"):
        assert all(Translator(lang)(f"order_{kind}") for kind in ORDER)


def test_equal_parts_are_both_named_and_nobody_is_on_the_edge_of_a_largest_part():
    result = oosterbroek()
    edges = [("zv", "zh"), ("ggz", "ha")]
    codes = ("zv", "zh", "ggz", "ha", "wz")
    degrees = {c: sum(c in e for e in edges) for c in codes}
    network = SimpleNamespace(degrees=degrees, ties=tuple(Tie(a, b, 2.0) for a, b in edges), organisations=5,
                              trust_density=None, mean_trust=None, central=(), isolated=("wz",),
                              peripheral=("zv", "zh", "ggz", "ha"), components=3)
    result.network, result.diagnoses = network, tuple(network_diagnoses(network, 0.0, NAMES))
    lines = network_lines(result, Translator("nl"))
    assert lines is not None and lines.central is None
    assert lines.parts == ("Het netwerk valt uiteen in 2 delen zonder vaste werkrelatie ertussen: GGZ Oosterbroek en "
                           "Huisartsencoöperatie Oosterbroek werken alleen met elkaar; Oosterbroek Medisch Centrum en "
                           "Zorgverzekeraar Zilverduin werken alleen met elkaar.")
    assert lines.loose == "Zonder enige werkrelatie in het netwerk: Welzijn Oosterbroek."
