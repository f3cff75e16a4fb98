"""The norm and change since the previous wave, by hand (other coalitions: test_reference.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.analysis.comparisons import (
    Norm,
    changes_since,
    load_norm,
    norm_comparisons,
    not_compared,
)
from pipeline.analysis.scores import Summary
from pipeline.core.errors import ConfigError


def summary(mean: float, low: float, high: float) -> Summary:
    return Summary(20, mean, 0.5, low, high, 0.5, {}, "attention")


def test_norm_outside_the_interval_is_a_difference():
    found = norm_comparisons({"actor": summary(3.5, 3.2, 3.8), "fundament": summary(3.5, 3.2, 3.8)},
                             Norm("Landelijk", {"actor": 3.0, "fundament": 3.6, "onbekend": 3.0}))
    assert found["actor"].direction == "higher" and found["actor"].difference == pytest.approx(0.5)
    assert found["fundament"].direction is None
    assert "onbekend" not in found


def test_norm_file_is_read_and_a_bad_one_named(tmp_path):
    good = tmp_path / "norm.yaml"
    good.write_text("name: Landelijk 2025\nconstructs: {actor: 3.6}\n", encoding="utf-8")
    assert load_norm(good) == Norm("Landelijk 2025", {"actor": 3.6})
    bad = tmp_path / "bad.yaml"
    bad.write_text("constructs: {actor: hoog}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.yaml"):
        load_norm(bad)


def test_change_since_previous_wave_by_hand():
    now = pd.DataFrame({"actor": [4.0, 4.5, 5.0, 4.5], "fundament": [3.0, 3.1, 2.9, 3.0]})
    before = pd.DataFrame({"actor": [2.0, 2.5, 3.0, 2.5], "fundament": [3.0, 2.9, 3.1, 3.0]})
    found = changes_since(now, before, "2025")
    assert found["actor"].change == pytest.approx(2.0) and found["actor"].previous_mean == pytest.approx(2.5)
    assert found["actor"].significant
    assert found["fundament"].change == pytest.approx(0.0) and not found["fundament"].significant


def test_change_only_for_constructs_both_waves_measured():
    now = pd.DataFrame({"actor": [4.0, 4.5, 5.0], "fundament": [3.0, 3.1, 2.9], "vertrouwen": [3.0, 3.5, 4.0]})
    before = pd.DataFrame({"actor": [2.0, 2.5, 3.0], "fundament": [3.0, 2.9, 3.1]})   # an older questionnaire
    assert set(changes_since(now, before, "2025")) == {"actor", "fundament"}
    assert not_compared(now, before) == ("vertrouwen",)
