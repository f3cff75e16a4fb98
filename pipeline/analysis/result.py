"""The typed result of one coalition's analysis: every figure the report shows.

The notebook, the PDF templates, scores.json, the manifest and the portfolio all read this
one object (scores.json is it, written by `to_json` and read back by `from_json`), so the
figures can never disagree. Every part is frozen; mappings are typed read-only."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from pipeline.analysis.advice import Advice, Diagnosis
from pipeline.analysis.comparisons import Change, NormComparison
from pipeline.analysis.coverage import Measured
from pipeline.analysis.governance import Governance
from pipeline.analysis.groups import GroupTable
from pipeline.analysis.jsonable import SchemaError, dump, load
from pipeline.analysis.network import NetworkStructure
from pipeline.analysis.network_type import NetworkType
from pipeline.analysis.participation import Participation
from pipeline.analysis.reference import ReferenceComparison
from pipeline.analysis.roles import RoleFilling
from pipeline.analysis.scores import Summary
from pipeline.analysis.themes import ThemeCount
from pipeline.analysis.waves import Development
from pipeline.core.settings import Settings

SCHEMA_VERSION = "3.1"   # docs/scores.md describes every field; bump on any change to it


@dataclass(frozen=True)
class InstrumentRef:
    """Which questionnaire the answers were given to."""

    id: str
    version: str


@dataclass(frozen=True)
class RosterEntry:
    name: str
    actortype: str


@dataclass(frozen=True)
class CoalitionInfo:
    """The coalition as `coalition.yaml` describes it."""

    slug: str
    name: str
    region: str
    network_type: str
    declared_mode: str
    organisations: int                    # how many are on the roster
    roster: Mapping[str, RosterEntry]     # organisation code -> name and actor type
    theme_coalitions: tuple[str, ...]


@dataclass(frozen=True)
class ResponseAccount:
    """What came in and what was used: received = used + rejected."""

    file: str
    received: int
    used: int
    rejected: int
    rejections_by_reason: Mapping[str, int]
    errors: int
    warnings: int


@dataclass(frozen=True)
class Reliability:
    alpha: float | None
    item_rest: Mapping[str, float | None]
    flagged: bool


@dataclass(frozen=True)
class OpenAnswer:
    text: str
    count: int               # respondents who gave this same answer
    themes: tuple[str, ...] = ()   # the themes it is coded into (pipeline.analysis.themes)


@dataclass(frozen=True)
class CoalitionResult:
    schema_version: str
    instrument: InstrumentRef
    coalition: CoalitionInfo
    wave: str
    previous_waves: tuple[str, ...]
    generated: str
    response: ResponseAccount
    constructs: Mapping[str, Summary]
    items: Mapping[str, Summary]
    reliability: Mapping[str, Reliability]
    groups: Mapping[str, GroupTable]
    roles: Mapping[str, RoleFilling]
    governance: Governance
    network: NetworkStructure | None      # None: the relation questions were not asked or not answered
    measured: Measured                    # which optional parts of the questionnaire were measured
    changes: Mapping[str, Change] = field(default_factory=dict)
    not_compared: tuple[str, ...] = ()    # constructs the previous wave did not measure: no change
    # the firm's reference (pipeline.analysis.reference): other coalitions of the same network
    # type in the store (None: no store), and per construct the comparison when at least 5 count
    reference_pool: int | None = None
    reference: Mapping[str, ReferenceComparison] = field(default_factory=dict)
    development: Development | None = None   # mix per wave, trend, roles and governance then and now
    norm_name: str | None = None
    norm: Mapping[str, NormComparison] = field(default_factory=dict)
    diagnoses: tuple[Diagnosis, ...] = ()
    advice: tuple[Advice, ...] = ()
    open_answers: Mapping[str, tuple[OpenAnswer, ...]] = field(default_factory=dict)
    open_themes: Mapping[str, ThemeCount] = field(default_factory=dict)   # theme -> respondents writing on it
    settings: Settings = field(default_factory=Settings)
    network_type: NetworkType | None = None   # interaction- and task-oriented against the declared type
    participation: Participation | None = None   # response per organisation and actor type, basis, betrokkenheid

    def to_json(self) -> str:
        """scores.json: keys sorted, so that two runs on the same answers give the same file."""
        return json.dumps(dump(self), ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> CoalitionResult:
        """A result read back from scores.json; raises SchemaError (a ValueError) when the
        text is not JSON or does not fit this model, field by field, or is of another
        schema version."""
        try:
            raw = json.loads(text)
        except ValueError as exc:
            raise SchemaError("", f"not JSON: {exc}") from exc
        version = raw.get("schema_version") if isinstance(raw, dict) else None
        if version != SCHEMA_VERSION:
            raise SchemaError("schema_version", f"{version!r}, this version reads {SCHEMA_VERSION!r}")
        return load(cls, raw)
