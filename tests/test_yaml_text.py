"""The fast YAML reader reads what `yaml.safe_load` reads, and fails as it does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.core.paths import DATA_DIR, TEMPLATES_DIR
from pipeline.core.yaml_text import load_yaml

SHIPPED = sorted([*DATA_DIR.rglob("*.yaml"), *TEMPLATES_DIR.rglob("*.yaml")])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_every_shipped_yaml_file_reads_the_same(path: Path):
    text = path.read_text(encoding="utf-8")
    assert load_yaml(text) == yaml.safe_load(text)


def test_typed_values_read_the_same():
    text = "datum: 2026-11-24\naan: ja\nleeg:\ngetal: 0.50\nlijst: [1, '2', 3e2]\n"
    assert load_yaml(text) == yaml.safe_load(text)


def test_a_broken_document_fails_with_the_line_it_breaks_on():
    with pytest.raises(yaml.YAMLError) as failure:
        load_yaml("naam: Lindeveld\nrollen: [strateeg, verbinder\nregio: Zuid\n")
    assert "line 3" in str(failure.value) and "^" in str(failure.value)


def test_python_objects_are_refused_as_by_safe_load():
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['echo hi']")
