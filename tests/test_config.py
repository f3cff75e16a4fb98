"""Configuration mistakes are caught before any kernel starts, and each message names the
file and the key: coalition.yaml (keys, settings ranges and order), brand.yaml (keys,
colours, fonts, logo), the norm file and the firm's advice.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.analysis.catalogue import load_catalogue
from pipeline.analysis.comparisons import load_norm
from pipeline.core.brand_file import installed_fonts
from pipeline.core.coalition import load_coalition
from pipeline.core.config_check import ConfigProblems
from pipeline.core.paths import DEFAULT_BRAND
from pipeline.core.settings import Settings
from pipeline.report.brand import load_brand
from pipeline.tools.example_data import synthetic_specs, write_coalition


@pytest.fixture
def coalition(tmp_path) -> Path:
    return write_coalition(synthetic_specs(1, respondents=8)[0], tmp_path / "inputs", seed=1)


def with_yaml(folder: Path, extra: str) -> Path:
    path = folder / "coalition.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return folder


def problem_keys(exc: pytest.ExceptionInfo[ConfigProblems]) -> list[str]:
    return [p.key for p in exc.value.problems]


def test_a_misspelled_coalition_key_is_an_error_that_suggests_the_right_one(coalition):
    with pytest.raises(ConfigProblems, match=r"coalition\.yaml: sheeet: unknown key \(did you mean 'sheet'\?\)"):
        load_coalition(with_yaml(coalition, "sheeet: Antwoorden\n"))


@pytest.mark.parametrize("settings, key, why", [
    ("{anonymity_threshold: 1}", "settings.anonymity_threshold", "greater than or equal to 5"),
    ("{bands: {strength: 3.0, attention: 3.5}}", "settings.bands.attention", "must be below bands.strength"),
    ("{bands: {strength: 3.0, attention: 3.0}}", "settings.bands.attention", "must be below bands.strength"),
    ("{completeness_threshold: 1.5}", "settings.completeness_threshold", "less than or equal to 1"),
    ("{completeness_threshold: 0}", "settings.completeness_threshold", "greater than 0"),
    ("{anonymity_treshold: 6}", "settings.anonymity_treshold", "did you mean 'anonymity_threshold'"),
    ("{bands: {strenght: 4.2}}", "settings.bands.strenght", "did you mean 'bands.strength'"),
    ("{advice: {min_findings: 6}}", "settings.advice.min_findings", "must not be above advice.max_findings"),
    ("{gap_finding: veel}", "settings.gap_finding", "valid number"),
])
def test_settings_out_of_range_or_order_name_the_key(coalition, settings, key, why):
    with pytest.raises(ConfigProblems, match="coalition.yaml") as exc:
        load_coalition(with_yaml(coalition, f"settings: {settings}\n"))
    assert problem_keys(exc) == [key]
    assert why in str(exc.value)


def test_good_overrides_are_taken_flat_or_grouped(coalition):
    found = load_coalition(with_yaml(coalition, "settings: {anonymity_threshold: 7, bands: {strength: 4.2}, "
                                                "band_attention: 3.2}\n")).settings
    assert (found.anonymity_threshold, found.band_strength, found.band_attention) == (7, 4.2, 3.2)


def test_every_problem_of_a_coalition_file_is_reported_at_once(coalition):
    with pytest.raises(ConfigProblems) as exc:
        load_coalition(with_yaml(coalition, "sheeet: A\ntimeout: -3\nsettings: {anonymity_threshold: 2}\n"))
    assert sorted(problem_keys(exc)) == ["settings.anonymity_threshold", "sheeet", "timeout"]


def test_the_defaults_are_valid_settings():
    assert Settings().order_problems() == []


@pytest.fixture
def brand(tmp_path) -> Path:
    folder = tmp_path / "brand"
    shutil.copytree(DEFAULT_BRAND, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("old, new, key, why", [
    ('primary: "#1F3A5F"', 'primary: "#0B4F5"', "colours.primary", "'#0B4F5'"),
    ("colours:\n  primary", "colors:\n  primary", "colors", "did you mean 'colours'"),
    ("logo: logo.svg", "logo: missing.svg", "logo", "must be a file inside the brand folder"),
    ("logo: logo.svg", "logo: ../../etc/passwd", "logo", "must be a file inside the brand folder"),
    ("  body: Open Sans", "  body: Comic Sans Nergens", "fonts.body", "'Comic Sans Nergens' is not installed"),
    ("  headings: Open Sans", "  headings: Nergens Serif", "fonts.headings", "not installed"),
    ("  body: Open Sans", "  bodyy: Open Sans", "fonts.bodyy", "did you mean 'body'"),
])
def test_a_bad_brand_names_brand_yaml_and_the_key(brand, old, new, key, why):
    if "not installed" in why and installed_fonts() is None:
        pytest.skip("fontconfig is not installed: fonts cannot be checked")
    edit(brand / "brand.yaml", old, new)
    with pytest.raises(ConfigProblems, match="brand.yaml") as exc:
        load_brand(brand)
    assert problem_keys(exc) == [key]
    assert why in str(exc.value)


def test_the_shipped_brands_are_valid():
    for folder in DEFAULT_BRAND.parent.iterdir():
        assert load_brand(folder).firm


def test_a_bad_norm_names_the_file_and_key(tmp_path):
    path = tmp_path / "norm.yaml"
    path.write_text("name: Landelijk\nconstructs: {actr: 3.6, identiteit: 7}\nsource: CBS\n", encoding="utf-8")
    with pytest.raises(ConfigProblems, match="norm.yaml") as exc:
        load_norm(path)
    assert sorted(problem_keys(exc)) == ["constructs.identiteit", "source"]
    path.write_text("name: Landelijk\nconstructs: {actr: 3.6}\n", encoding="utf-8")
    with pytest.raises(ConfigProblems, match=r"constructs\.actr: not a construct of the instrument "
                                             r"\(did you mean 'actor'\?\)"):
        load_norm(path)


def test_an_advice_override_may_only_replace_entries_of_the_catalogue(brand):
    (brand / "advice.yaml").write_text("construct:\n  actor:\n    concen:\n      nl: {title: T, text: X}\n",
                                       encoding="utf-8")
    with pytest.raises(ConfigProblems, match=r"advice\.yaml: construct\.actor\.concen: unknown key "
                                             r"\(did you mean 'concern'\?\)"):
        load_catalogue(brand)
    (brand / "advice.yaml").write_text("construct:\n  actor:\n    concern:\n      nl: {title: Eigen titel, text: X}\n",
                                       encoding="utf-8")
    assert load_catalogue(brand).entry("construct.actor.concern")["nl"]["title"] == "Eigen titel"
