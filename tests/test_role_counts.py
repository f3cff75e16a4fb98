"""Counts of people in the roles chapter follow the report's own rule: below the anonymity
threshold they are "minder dan k"."""

from __future__ import annotations

from dataclasses import replace

from pipeline.core.i18n import Translator
from pipeline.report.model_texts import shown_count, takes_role_cells
from pipeline.report.steps import analyse_folder
from tests.test_example_data import INPUTS


def test_a_count_below_k_is_fewer_than_k():
    nl = Translator("nl")
    assert shown_count(2, 5, nl) == "minder dan 5" and shown_count(0, 5, nl) == "minder dan 5"
    assert shown_count(5, 5, nl) == "5" and shown_count(None, 5, nl) == "–"
    assert shown_count(4, 5, Translator("en")) == "fewer than 5"


def test_the_roles_table_never_prints_a_count_below_k():
    _, _, result = analyse_folder(INPUTS / "farmacie-duinstede")
    k = result.settings.anonymity_threshold
    roles = dict(result.roles)
    roles["verkenner"] = replace(roles["verkenner"], takes_role=k - 1)
    cells = takes_role_cells(replace(result, roles=roles), Translator("nl"))
    assert cells["verkenner"] == f"minder dan {k}"
    assert all(not c.isdigit() or int(c) >= k for c in cells.values())
