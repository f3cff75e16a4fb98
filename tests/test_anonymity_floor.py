"""The anonymity threshold never goes below MIN_ANONYMITY (5), wherever it can be set: the
firm's defaults file, a coalition.yaml, settings built in code or read back from scores.json,
and a breakdown asked for directly."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.analysis.analyse import analyse
from pipeline.analysis.groups import group_table
from pipeline.analysis.jsonable import SchemaError
from pipeline.analysis.result import CoalitionResult
from pipeline.core import settings as settings_module
from pipeline.core.coalition import load_coalition
from pipeline.core.config_check import ConfigProblems
from pipeline.core.settings import MIN_ANONYMITY, Settings, default_settings
from pipeline.ingest.responses import ingest_coalition

INPUTS = Path(__file__).resolve().parents[1] / "inputs"
TOO_LOW = [1, 2, 4, 0, -3]


@pytest.mark.parametrize("value", TOO_LOW)
def test_a_coalition_yaml_cannot_lower_it(tmp_path, value):
    folder = tmp_path / "c"
    shutil.copytree(INPUTS / "farmacie-duinstede", folder)
    yaml_file = folder / "coalition.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8") + f"\nsettings:\n  anonymity_threshold: {value}\n",
                         encoding="utf-8")
    with pytest.raises(ConfigProblems, match="settings.anonymity_threshold"):
        load_coalition(folder)


@pytest.mark.parametrize("value", TOO_LOW)
def test_the_firms_defaults_cannot_lower_it(tmp_path, monkeypatch, value):
    defaults = tmp_path / "defaults.yaml"
    defaults.write_text(f"anonymity_threshold: {value}\n", encoding="utf-8")
    monkeypatch.setattr(settings_module, "DEFAULTS_FILE", defaults)
    default_settings.cache_clear()
    try:
        with pytest.raises(ConfigProblems, match="anonymity_threshold"):
            default_settings()
    finally:
        default_settings.cache_clear()


@pytest.mark.parametrize("value", TOO_LOW)
def test_settings_made_in_code_cannot_lower_it(value):
    with pytest.raises(ValueError, match="at least 5"):
        Settings(anonymity_threshold=value)
    with pytest.raises(ValueError, match="at least 5"):
        dataclasses.replace(Settings(), anonymity_threshold=value)


def test_a_scores_json_with_a_lower_threshold_is_refused():
    coalition = load_coalition(INPUTS / "farmacie-duinstede")
    raw = json.loads(analyse(coalition, ingest_coalition(coalition), advise=False).to_json())
    raw["settings"]["anonymity_threshold"] = 1
    with pytest.raises((SchemaError, ValueError)):
        CoalitionResult.from_json(json.dumps(raw))


@pytest.mark.parametrize("value", TOO_LOW)
def test_a_breakdown_cannot_be_asked_with_a_lower_threshold(value):
    scores = pd.DataFrame({"actor": [3.0] * 12})
    with pytest.raises(ValueError, match="at least 5"):
        group_table(scores, pd.Series(["a"] * 6 + ["b"] * 6), "actortype", value)


def test_the_floor_itself_and_higher_thresholds_are_accepted():
    assert MIN_ANONYMITY == 5
    assert Settings(anonymity_threshold=5).anonymity_threshold == 5
    table = group_table(pd.DataFrame({"actor": [3.0] * 14}), pd.Series(["a"] * 7 + ["b"] * 7), "actortype", 7)
    assert table.sizes == {"a": 7, "b": 7}
