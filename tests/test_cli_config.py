"""The command line on bad configuration: exit code 2 for a bad brand or norm, before any
folder is written or kernel started; a bad coalition.yaml fails that coalition only; the
messages name file and key; --json gives scripts one object on stdout. No notebook runs
here (in-process, with click's runner)."""

from __future__ import annotations

import json
import shutil
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.batch.lock import output_lock
from pipeline.cli import main
from pipeline.core.paths import DEFAULT_BRAND
from tests.survey_files import tiny_inputs


@pytest.fixture(autouse=True)
def signal_handlers():
    """`run` installs its Ctrl-C and SIGTERM handlers; the test process gets its own back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.fixture
def inputs(tmp_path) -> Path:
    return tiny_inputs(tmp_path / "inputs", 2, respondents=10)[0].parent


@pytest.fixture
def bad_brand(tmp_path) -> Path:
    folder = tmp_path / "brand"
    shutil.copytree(DEFAULT_BRAND, folder)
    text = (folder / "brand.yaml").read_text(encoding="utf-8")
    (folder / "brand.yaml").write_text(text.replace('"#1F3A5F"', '"#0B4F5"'), encoding="utf-8")
    return folder


def netwerkscan(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_bad_brand_stops_the_run_with_exit_2_before_anything_starts(inputs, bad_brand, tmp_path):
    out = tmp_path / "out"
    result = netwerkscan("run", str(inputs), "--out", str(out), "--brand", str(bad_brand), "--json")
    assert result.exit_code == 2, result.output
    assert f"{bad_brand / 'brand.yaml'}: colours.primary: not a colour" in result.stderr
    assert not out.exists()                                   # no lock, no manifest, no kernel
    summary = json.loads(result.stdout)
    assert summary["exit_code"] == 2
    assert summary["config_errors"][0]["problems"][0]["key"] == "colours.primary"


def test_a_bad_norm_stops_the_run_with_exit_2(inputs, tmp_path):
    (inputs / "norm.yaml").write_text("name: Landelijk\nconstructs: {actr: 3.5}\n", encoding="utf-8")
    result = netwerkscan("run", str(inputs), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "norm.yaml: constructs.actr: not a construct of the instrument (did you mean 'actor'?)" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_bad_coalition_yaml_fails_that_coalition_without_a_kernel(inputs, tmp_path):
    bad = sorted(inputs.iterdir())[0]
    (bad / "coalition.yaml").write_text((bad / "coalition.yaml").read_text(encoding="utf-8")
                                        + "settings: {anonymity_threshold: 1}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = netwerkscan("run", str(inputs), "--out", str(out), "--only", bad.name, "--json", "-q")
    assert result.exit_code == 1
    assert "coalition.yaml: settings.anonymity_threshold: Input should be greater than or equal to 5" in result.stderr
    summary = json.loads(result.stdout)
    assert summary["counts"] == {"coalitions": 1, "rendered": 0, "unchanged": 0, "problems": 1}
    [coalition] = summary["coalitions"]
    assert coalition["status"] == "failed" and coalition["outputs"] == [] and not coalition["rendered"]
    assert not list(out.glob("*/*.ipynb"))                    # no notebook was executed
    assert "0 rendered, 1 not made; 0 of 1 coalitions without problems" in result.stderr


def test_validate_reports_the_configuration_and_every_coalition(inputs, bad_brand):
    bad = sorted(inputs.iterdir())[1]
    (bad / "coalition.yaml").write_text((bad / "coalition.yaml").read_text(encoding="utf-8")
                                        + "sheeet: Antwoorden\nsettings: {bands: {strength: 3, attention: 4}}\n",
                                        encoding="utf-8")
    result = netwerkscan("validate", str(inputs), "--brand", str(bad_brand))
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert f"ERROR {bad_brand / 'brand.yaml'}: colours.primary: not a colour: expected #RRGGBB or #RGB in " \
           "hexadecimal digits (found '#0B4F5')" in lines
    assert f"  ERROR {bad / 'coalition.yaml'}: sheeet: unknown key (did you mean 'sheet'?); known keys: " \
           "declared_mode, lead_organisation, name, network_office, network_type, organisations, region, " \
           "settings, sheet, theme_coalitions, timeout" in lines
    assert f"  ERROR {bad / 'coalition.yaml'}: settings.bands.attention: 4.0 must be below bands.strength " \
           "(3.0)" in lines
    as_json = json.loads(netwerkscan("validate", str(inputs), "--json").stdout)
    assert as_json["exit_code"] == 1 and as_json["config_errors"] == []
    assert {c["slug"]: c["status"] for c in as_json["coalitions"]}[bad.name] == "unusable"


def test_quiet_and_verbose_exclude_each_other(inputs):
    assert netwerkscan("run", str(inputs), "-q", "-v").exit_code == 2


def test_a_bad_brand_for_the_questionnaire_is_a_usage_error(bad_brand, tmp_path):
    result = netwerkscan("questionnaire", "--brand", str(bad_brand), "--out", str(tmp_path / "q.pdf"))
    assert result.exit_code == 2 and "brand.yaml: colours.primary: not a colour" in result.stderr
    assert not (tmp_path / "q.pdf").exists()


def test_a_run_on_a_locked_output_folder_says_so_in_json(inputs, tmp_path):
    out = tmp_path / "out"
    with output_lock(out):
        result = netwerkscan("run", str(inputs), "--out", str(out), "--json", "-q")
    assert result.exit_code == 2
    assert "--wait" in json.loads(result.stdout)["error"]
