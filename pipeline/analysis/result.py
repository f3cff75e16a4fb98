"""The typed result of one coalition's analysis: every figure the report shows.

The notebook, the PDF templates, scores.json, the manifest and the portfolio all read this
one object (scores.json is it, written as JSON), so the figures can never disagree."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from pipeline.analysis.advice import Advice, Diagnosis
from pipeline.analysis.comparisons import Change, NormComparison, Position
from pipeline.analysis.governance import Governance
from pipeline.analysis.groups import GroupTable
from pipeline.analysis.network import NetworkStructure
from pipeline.analysis.roles import RoleFilling
from pipeline.analysis.scores import Summary

SCHEMA_VERSION = "2.0"   # docs/scores.md describes every field; bump on any change to it


@dataclass(frozen=True)
class Reliability:
    alpha: float | None
    item_rest: dict[str, float | None]
    flagged: bool


@dataclass(frozen=True)
class OpenAnswer:
    text: str
    count: int               # respondents who gave this same answer


@dataclass
class CoalitionResult:
    schema_version: str
    instrument: dict[str, str]
    coalition: dict[str, object]
    wave: str
    previous_waves: list[str]
    generated: str
    response: dict[str, object]
    constructs: dict[str, Summary]
    items: dict[str, Summary]
    reliability: dict[str, Reliability]
    groups: dict[str, GroupTable]
    roles: dict[str, RoleFilling]
    governance: Governance
    network: NetworkStructure
    changes: dict[str, Change] = field(default_factory=dict)
    batch: dict[str, Position] = field(default_factory=dict)
    norm_name: str | None = None
    norm: dict[str, NormComparison] = field(default_factory=dict)
    diagnoses: list[Diagnosis] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)
    open_answers: dict[str, list[OpenAnswer]] = field(default_factory=dict)
    settings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)
