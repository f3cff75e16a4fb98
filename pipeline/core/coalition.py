"""A coalition's folder: its coalition.yaml and one responses file per survey wave.

Layout: INPUT_DIR/<slug>/coalition.yaml and INPUT_DIR/<slug>/<wave>.csv|.xlsx, where the
wave is a year (``2026``) or a year with a round (``2026-2``). The newest wave is the one
reported; earlier waves are used for trends."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from pipeline.core.config_check import ConfigProblems, Problem, did_you_mean, parse, read_mapping
from pipeline.core.errors import ConfigError
from pipeline.core.settings import Settings, default_settings

WAVE_FILE = re.compile(r"^(?P<wave>\d{4}(?:-\d{1,2})?)\.(?P<ext>csv|tsv|txt|xlsx)$", re.IGNORECASE)
GOVERNANCE_MODES = ("zelfregulerend", "leidende_organisatie", "netwerkbureau")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class OrganisationFile(BaseModel):
    """One roster line of coalition.yaml."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    code: Text
    name: Text
    actortype: Text
    invited: Annotated[int, Field(ge=0, strict=True)] | None = None   # people invited; None: not known


class CoalitionFile(BaseModel):
    """coalition.yaml as written: a misspelled key (`sheeet:`) is an error, never ignored.
    The settings are checked by `Settings.updated`, which knows their ranges and order."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    name: Text
    region: Text
    network_type: Literal["leernetwerk", "samenwerkingsverband", "combinatie"]
    declared_mode: Literal["zelfregulerend", "leidende_organisatie", "netwerkbureau"]
    organisations: list[OrganisationFile] = Field(min_length=2)
    theme_coalitions: list[Text] = []
    lead_organisation: Text | None = None   # roster code of the organisation that leads (leidende_organisatie)
    network_office: Text | None = None      # roster code of the network office (netwerkbureau)
    sheet: Text | None = None               # the Excel sheet with the answers; None: the first
    timeout: Annotated[float, Field(gt=0)] | None = None
    settings: dict[str, Any] | None = None

    @field_validator("organisations")
    @classmethod
    def _unique_codes(cls, organisations: list[OrganisationFile]) -> list[OrganisationFile]:
        codes = [o.code for o in organisations]
        doubles = sorted({c for c in codes if codes.count(c) > 1})
        if doubles:
            raise ValueError(f"organisation codes must be unique; more than once: {', '.join(doubles)}")
        return organisations

    def host_problems(self) -> list[Problem]:
        """The lead organisation and network office must be on the roster (did-you-mean)."""
        codes = [o.code for o in self.organisations]
        return [Problem(key, f"{value!r} is not an organisation code of this coalition{did_you_mean(value, codes)}")
                for key, value in (("lead_organisation", self.lead_organisation),
                                   ("network_office", self.network_office)) if value and value not in codes]


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    actortype: str
    invited: int | None = None      # people invited to the survey; fewer than responded is a finding


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
    lead_organisation: str | None = None   # roster code of the leading organisation, if named
    network_office: str | None = None      # roster code of the network office, if named
    sheet: str | None = None          # the Excel sheet with the answers; None: the first
    timeout: float | None = None      # seconds this coalition may take in a batch; None: the batch's --timeout
    settings: Settings = field(default_factory=default_settings)

    @property
    def current_wave(self) -> str:
        return max(self.waves, key=_wave_key)

    @property
    def previous_waves(self) -> list[str]:
        return sorted((w for w in self.waves if w != self.current_wave), key=_wave_key)


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


def load_coalition(folder: Path | str) -> Coalition:
    folder = Path(folder)
    path = folder / "coalition.yaml"
    if not path.is_file():
        raise ConfigError(path, "missing: every coalition folder needs a coalition.yaml")
    raw = read_mapping(path, "coalition file")
    if not SLUG.match(folder.name):
        raise ConfigError(folder, "folder name must be a slug: lower-case letters, digits and hyphens")
    found: list[Problem] = []
    try:
        spec = parse(CoalitionFile, raw, path)
        found += spec.host_problems()
    except ConfigProblems as exc:
        found += exc.problems
    settings = default_settings()
    if isinstance(raw.get("settings"), dict):     # checked also when other keys are wrong: one round of fixes
        try:
            settings = settings.updated(raw["settings"], path, prefix="settings")
        except ConfigProblems as exc:
            found += exc.problems
    if found:
        raise ConfigProblems(path, found)
    waves = find_waves(folder)
    if not waves:
        raise ConfigError(folder, "no responses file: expected e.g. 2026.csv or 2026.xlsx")
    return Coalition(
        slug=folder.name, folder=folder, name=spec.name, region=spec.region, network_type=spec.network_type,
        declared_mode=spec.declared_mode,
        organisations=tuple(Organisation(o.code, o.name, o.actortype, o.invited) for o in spec.organisations),
        waves=waves, theme_coalitions=tuple(spec.theme_coalitions), lead_organisation=spec.lead_organisation,
        network_office=spec.network_office, sheet=spec.sheet, timeout=spec.timeout,
        settings=settings,
    )


def discover_coalitions(input_dir: Path | str) -> list[Path]:
    """Every sub-folder holding a coalition.yaml, sorted by slug."""
    input_dir = Path(input_dir)
    if not input_dir.is_dir():
        raise ConfigError(input_dir, "input folder not found")
    return sorted(p.parent for p in input_dir.glob("*/coalition.yaml"))
