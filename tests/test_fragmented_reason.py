"""The sentence behind the advice for a network in pieces is true of the parts: no "grootste
deel" when parts are equally large, and organisations without any tie named too."""

from __future__ import annotations

from pipeline.analysis.advice import FragmentedEvidence
from pipeline.core.i18n import Translator
from pipeline.report.texts import fragmented_reason

nl = Translator("nl")


def test_a_largest_part_names_the_organisations_outside_it():
    e = FragmentedEvidence(("d",), ("D",), 2, (3, 2), ("A", "B", "C", "D", "E"))
    assert fragmented_reason(e, nl) == ("Het netwerk valt uiteen in 2 delen zonder vaste werkrelatie ertussen; "
                                        "buiten het grootste deel: D.")


def test_equal_parts_have_no_largest_and_each_is_named():
    e = FragmentedEvidence(("c", "d"), ("C", "D"), 2, (2, 2), ("A", "B", "C", "D"))
    line = fragmented_reason(e, nl)
    assert "grootste" not in line
    assert line == "Het netwerk valt uiteen in 2 even grote delen zonder vaste werkrelatie ertussen: A en B; C en D."
    assert "equally large parts" in fragmented_reason(e, Translator("en"))


def test_an_organisation_without_any_tie_is_named():
    e = FragmentedEvidence(("c", "d"), ("C", "D"), 2, (2, 2), ("A", "B", "C", "D"), ("H",))
    assert fragmented_reason(e, nl).endswith(" Zonder enige werkrelatie in het netwerk: H.")
