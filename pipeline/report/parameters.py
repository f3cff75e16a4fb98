"""The report notebook's parameters. A module of its own, free of heavy imports, because the
batch driver builds them for every coalition without drawing or rendering anything itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

FORMATS = ("pdf", "html", "pptx")      # the editions a report can be written in (pptx: workshop slides)


@dataclass(frozen=True)
class ReportParameters:
    """The report notebook's parameters, as papermill injects them (strings and None, since they
    travel as notebook source). One typed object, so that the batch, `make_report` and the
    notebook agree on every name: a test holds the notebook's parameter cell to these fields."""

    coalition_dir: str
    out_dir: str
    lang: str = "nl"                     # nl | en
    brand_dir: str | None = None         # None: the neutral default brand
    today: str | None = None             # ISO date printed on the report; None: today
    reference_file: str | None = None    # the firm's reference store; None: no comparison with other coalitions
    norm_file: str | None = None         # a norm file (name + mean per construct); None: no norm
    formats: str = "pdf"                 # comma-separated: pdf, html (a self-contained edition), pptx (slides)
    settings_overrides: dict[str, Any] | None = None   # settings for this run only, over coalition.yaml's

    @property
    def format_list(self) -> tuple[str, ...]:
        return tuple(f.strip() for f in self.formats.split(",") if f.strip())

    @property
    def report_date(self) -> date | None:
        return date.fromisoformat(self.today) if self.today else None
