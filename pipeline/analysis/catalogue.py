"""The advice catalogue: the texts of every diagnosis in every language (`data/advice.yaml`),
with the firm's own `advice.yaml` from its brand folder laid over it.

Apart from `pipeline.analysis.advice`, which chooses and fills the entries, so that checking a
batch's configuration (`pipeline.batch.preflight`) reads the catalogue without loading the
analysis (pandas, SciPy, networkx: most of a second before the batch's kernels can start)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.core.catalogue_file import read_override
from pipeline.core.errors import ConfigError
from pipeline.core.i18n import LANGUAGES
from pipeline.core.paths import DEFAULT_CATALOGUE
from pipeline.core.yaml_text import load_yaml

CATALOGUE_FILE = "advice.yaml"
YamlMapping = dict[str, Any]   # a parsed YAML mapping: its shape is checked where it is read


@dataclass(frozen=True)
class Catalogue:
    entries: YamlMapping
    source: str

    def _find(self, key: str) -> YamlMapping | None:
        node: object = self.entries
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else None

    def entry(self, key: str) -> YamlMapping:
        node = self._find(key)
        if node is None or not all(lang in node for lang in LANGUAGES):
            raise ConfigError(Path(self.source), f"the advice catalogue has no entry {key!r} in {', '.join(LANGUAGES)}")
        return node

    def variant(self, key: str, network_type: str | None) -> str:
        """The entry's variant for a network type (`<key>.<type>`) when the catalogue has one."""
        typed = f"{key}.{network_type}"
        node = self._find(typed) if network_type else None
        return typed if node is not None and all(lang in node for lang in LANGUAGES) else key

    def choice(self, key: str, lang: str, name: str, allowed: tuple[str, ...]) -> str:
        """An entry's `owner` or `horizon` in one language, which must be one of `allowed`."""
        value = self.entry(key)[lang].get(name)
        if value not in allowed:
            raise ConfigError(Path(self.source), f"{key}.{lang}.{name}: {value!r} is not one of {', '.join(allowed)}")
        return str(value)


def _merged(base: YamlMapping, override: YamlMapping) -> YamlMapping:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _read_yaml(path: Path) -> YamlMapping:
    try:
        raw = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(path, f"cannot read the advice catalogue: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(path, "the advice catalogue must be a mapping")
    return raw


@lru_cache(maxsize=8)
def load_catalogue(brand_dir: Path | None = None) -> Catalogue:
    """The default catalogue, with the firm's `advice.yaml` from its brand folder laid over it."""
    entries = _read_yaml(DEFAULT_CATALOGUE)
    override = Path(brand_dir) / CATALOGUE_FILE if brand_dir else None
    if override and override.is_file():
        entries = _merged(entries, read_override(override, entries))
        return Catalogue(entries, str(override))
    return Catalogue(entries, str(DEFAULT_CATALOGUE))
