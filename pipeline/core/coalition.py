"""A coalition's folder: its coalition.yaml and one responses file per survey wave.

Layout: INPUT_DIR/<slug>/coalition.yaml and INPUT_DIR/<slug>/<wave>.csv|.xlsx, where the
wave is a year (``2026``) or a year with a round (``2026-2``). The newest wave is the one
reported; earlier waves are used for trends."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.core.errors import ConfigError
from pipeline.core.settings import Settings, default_settings

WAVE_FILE = re.compile(r"^(?P<wave>\d{4}(?:-\d{1,2})?)\.(?P<ext>csv|tsv|txt|xlsx)$", re.IGNORECASE)
NETWORK_TYPES = ("leernetwerk", "samenwerkingsverband", "combinatie")
GOVERNANCE_MODES = ("zelfregulerend", "leidende_organisatie", "netwerkbureau")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    actortype: str


@dataclass(frozen=True)
class Coalition:
    slug: str
    folder: Path
    name: str
    region: str
    network_type: str
    declared_mode: str
    organisations: tuple[Organisation, ...]
    waves: dict[str, Path]
    theme_coalitions: tuple[str, ...] = ()
    sheet: str | None = None          # the Excel sheet with the answers; None: the first
    timeout: float | None = None      # seconds this coalition may take in a batch; None: the batch's --timeout
    settings: Settings = field(default_factory=default_settings)

    @property
    def current_wave(self) -> str:
        return max(self.waves, key=_wave_key)

    @property
    def previous_waves(self) -> list[str]:
        return sorted((w for w in self.waves if w != self.current_wave), key=_wave_key)

    def organisation(self, code: str) -> Organisation | None:
        return next((o for o in self.organisations if o.code == code), None)


def _wave_key(wave: str) -> tuple[int, int]:
    year, _, round_ = wave.partition("-")
    return int(year), int(round_ or 0)


def find_waves(folder: Path) -> dict[str, Path]:
    """Responses files by wave; two files for one wave (2026.csv and 2026.xlsx) is an error."""
    waves: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        match = WAVE_FILE.match(path.name)
        if not match or path.name.startswith("~$"):
            continue
        wave = match["wave"]
        if wave in waves:
            raise ConfigError(folder, f"two responses files for wave {wave}: {waves[wave].name} and {path.name}")
        waves[wave] = path
    return waves


def _require(raw: dict[str, Any], key: str, path: Path, allowed: tuple[str, ...] | None = None) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(path, f"'{key}' is required")
    if allowed and value not in allowed:
        raise ConfigError(path, f"'{key}' is {value!r}; expected one of {', '.join(allowed)}")
    return value.strip()


def _positive_number(raw: dict[str, Any], key: str, path: Path) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ConfigError(path, f"'{key}' must be a positive number of seconds, not {value!r}")
    return float(value)


def coalition_timeout(folder: Path) -> float | None:
    """The coalition's own time limit, for planning a batch; None when it has none or its
    coalition.yaml cannot be read (its job then fails and says why)."""
    try:
        return load_coalition(folder).timeout
    except ConfigError:
        return None


def load_coalition(folder: Path | str) -> Coalition:
    folder = Path(folder)
    path = folder / "coalition.yaml"
    if not path.is_file():
        raise ConfigError(path, "missing: every coalition folder needs a coalition.yaml")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(path, f"cannot read: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(path, "must be a mapping of keys to values")
    if not SLUG.match(folder.name):
        raise ConfigError(folder, "folder name must be a slug: lower-case letters, digits and hyphens")
    organisations = []
    for n, org in enumerate(raw.get("organisations") or [], start=1):
        if not isinstance(org, dict) or not all(org.get(k) for k in ("code", "name", "actortype")):
            raise ConfigError(path, f"organisation {n} needs code, name and actortype")
        organisations.append(Organisation(str(org["code"]), str(org["name"]), str(org["actortype"])))
    if len(organisations) < 2:
        raise ConfigError(path, "the roster ('organisations') needs at least two organisations")
    codes = [o.code for o in organisations]
    if len(set(codes)) != len(codes):
        raise ConfigError(path, "organisation codes must be unique")
    waves = find_waves(folder)
    if not waves:
        raise ConfigError(folder, "no responses file: expected e.g. 2026.csv or 2026.xlsx")
    settings = default_settings()
    if raw.get("settings"):
        settings = settings.updated(raw["settings"], path)
    return Coalition(
        slug=folder.name,
        folder=folder,
        name=_require(raw, "name", path),
        region=_require(raw, "region", path),
        network_type=_require(raw, "network_type", path, NETWORK_TYPES),
        declared_mode=_require(raw, "declared_mode", path, GOVERNANCE_MODES),
        organisations=tuple(organisations),
        waves=waves,
        theme_coalitions=tuple(raw.get("theme_coalitions") or ()),
        sheet=str(raw["sheet"]) if raw.get("sheet") else None,
        timeout=_positive_number(raw, "timeout", path),
        settings=settings,
    )


def discover_coalitions(input_dir: Path | str) -> list[Path]:
    """Every sub-folder holding a coalition.yaml, sorted by slug."""
    input_dir = Path(input_dir)
    if not input_dir.is_dir():
        raise ConfigError(input_dir, "input folder not found")
    return sorted(p.parent for p in input_dir.glob("*/coalition.yaml"))
