"""Shared fixtures: example inputs written by the real generator, and one real batch run."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.tools.example_data import EXAMPLE_SPECS, write_coalition
from tests.command import netwerkscan


def spec(slug: str):
    return next(s for s in EXAMPLE_SPECS if s.slug == slug)


@pytest.fixture(scope="session")
def batch_inputs(tmp_path_factory) -> Path:
    """Two example coalitions (one with two waves, one with planted names and e-mails) and
    one broken coalition whose responses file cannot be read."""
    folder = tmp_path_factory.mktemp("inputs")
    write_coalition(spec("wijkzorg-oosterbroek"), folder, seed=11)
    write_coalition(spec("samenwerking-kempenrode"), folder, seed=12)
    broken = write_coalition(spec("farmacie-duinstede"), folder, seed=13)
    (broken / "2026.csv").write_bytes(b"\x81\x8d not a survey export \x00")
    return folder


@pytest.fixture(scope="session")
def batch_run(batch_inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "reports"    # a folder of its own: its reference store beside it
    result = netwerkscan("run", str(batch_inputs), "--out", str(out), "--workers", "2", "--date", "2026-11-22",
                         "--json")
    return result, out
