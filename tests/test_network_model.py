"""A fragmented network told apart from one with a periphery; a learning network read as one."""

from __future__ import annotations

import pandas as pd

from pipeline.analysis.advice import network_diagnoses
from pipeline.analysis.network import NetworkStructure, Tie
from pipeline.analysis.network_type import network_type, shown_type
from pipeline.analysis.scores import Summary

NAMES = {c: c.upper() for c in "abcdefgh"}


def structure(ties: list[tuple[str, str]], codes: str = "abcdefgh") -> NetworkStructure:
    degrees = {c: sum(c in t for t in ties) for c in codes}
    return NetworkStructure(
        organisations=len(codes), responding_organisations=len(codes),
        ties=tuple(Tie(a, b, 2.5) for a, b in ties), density=None, centralisation=None, reciprocity=None,
        trust_density=0.5, mean_trust=3.0, rated_pairs=10, components=0, degrees=degrees, central=(),
        isolated=tuple(c for c in codes if degrees[c] == 0), peripheral=tuple(c for c in codes if degrees[c] == 1),
        layout={})


def kinds(network: NetworkStructure) -> dict[str, tuple[str, ...]]:
    return {d.kind: d.evidence.loose for d in network_diagnoses(network, 0.3, NAMES)}   # type: ignore[union-attr]


def test_two_dense_parts_without_ties_between_them_are_fragmented_not_a_periphery():
    left = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("a", "d")]
    right = [("e", "f"), ("f", "g"), ("g", "h"), ("e", "h"), ("e", "g")]
    found = kinds(structure(left + right))
    assert found == {"fragmented": ("e", "f", "g", "h")}


def test_one_network_with_loose_organisations_is_a_periphery_not_fragmented():
    core = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("a", "d"), ("b", "d")]
    found = kinds(structure(core + [("a", "e"), ("b", "f"), ("c", "g")]))
    assert found == {"periphery": ("h", "e", "f", "g")}      # h has no tie at all, then the single ties


def test_parts_and_a_periphery_can_both_be_true():
    found = kinds(structure([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("f", "g")]))
    assert found["fragmented"] == ("a", "b", "c") and found["periphery"] == ("h", "g")   # outside the largest part


def summary(mean: float) -> Summary:
    return Summary(20, mean, 0.6, mean - 0.3, mean + 0.3, 0.5, {}, None)


def test_a_learning_network_is_read_as_one_with_a_breakdown_by_theme_coalition():
    constructs = {"interactiegericht": summary(4.1), "taakgericht": summary(2.6)}
    frame = pd.DataFrame({"themacoalitie": ["Dementie"] * 6 + ["Mantelzorg"] * 5 + ["Valpreventie"] * 2})
    scores = pd.DataFrame({"interactiegericht": [4.0] * 6 + [3.0] * 5 + [5.0] * 2,
                           "taakgericht": [2.0] * 13})
    found = network_type("leernetwerk", constructs, frame, scores, ("Dementie", "Mantelzorg"), 5)
    assert (found.shown, found.fits) == ("leernetwerk", True)
    assert found.theme_coalitions == ("Dementie", "Mantelzorg")
    # a theme coalition of two is never shown apart, and Mantelzorg joins it in "overig": shown
    # on its own, it would give the two away by subtraction from the total
    assert found.themes is not None and dict(found.themes.sizes) == {"Dementie": 6, "overig_klein": 7}
    assert found.themes.means["interactiegericht"]["overig_klein"] == (5 * 3.0 + 2 * 5.0) / 7
    declared_task = network_type("samenwerkingsverband", constructs, frame, scores, (), 5)
    assert declared_task.fits is False


def test_the_type_the_answers_show():
    assert shown_type(3.4, 4.0) == "samenwerkingsverband"
    assert shown_type(3.9, 3.7) == "combinatie"
    assert shown_type(3.1, 3.3) is None
    assert shown_type(None, 3.3) is None


def test_the_type_is_read_from_the_printed_means():
    # printed 4,2 and 3,7: half a point apart to the reader, though 4.18 - 3.74 is less
    assert shown_type(4.18, 3.74) == "leernetwerk"
    assert shown_type(3.74, 4.18) == "samenwerkingsverband"
    assert shown_type(4.14, 3.66) == "combinatie"       # printed 4,1 and 3,7


def test_an_unreliable_orientation_scale_puts_a_caveat_under_the_conclusion():
    from dataclasses import replace

    from pipeline.analysis.result import Reliability
    from pipeline.core.i18n import Translator
    from pipeline.core.instrument import load_instrument
    from pipeline.report.model_texts import network_type_lines
    from pipeline.report.steps import analyse_folder
    from tests.test_example_data import INPUTS

    _, _, result = analyse_folder(INPUTS / "farmacie-duinstede")
    instrument, nl = load_instrument(), Translator("nl")
    steady = {c: replace(r, flagged=False) for c, r in result.reliability.items()}
    assert not any("Let op" in line for line in network_type_lines(replace(result, reliability=steady), nl, instrument))
    shaky = steady | {"taakgericht": Reliability(0.41, {}, True)}
    lines = network_type_lines(replace(result, reliability=shaky), nl, instrument)
    assert lines[-1].startswith("Let op: de uitspraken over") and "(taakgericht) hangen te weinig samen" in lines[-1]


def test_a_learning_network_working_as_a_collaboration_is_a_finding_a_combination_shown_is_not():
    from pipeline.analysis.advice import network_type_diagnoses
    frame, scores = pd.DataFrame(index=range(3)), pd.DataFrame(index=range(3))
    task_like = network_type("leernetwerk", {"interactiegericht": summary(2.9), "taakgericht": summary(3.8)},
                             frame, scores, (), 5)
    [diagnosis] = network_type_diagnoses(task_like)
    assert (diagnosis.kind, diagnosis.subject) == ("network_type_mismatch", "samenwerkingsverband")
    both = network_type("leernetwerk", {"interactiegericht": summary(3.9), "taakgericht": summary(3.7)},
                        frame, scores, (), 5)
    assert both.shown == "combinatie" and network_type_diagnoses(both) == []
