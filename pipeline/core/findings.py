"""Findings about input data, shared by ingest, validation, the CLI and the report.

A finding always says where (file, row, column) and what was expected, so that an
analyst can open the file and fix it without reading code."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"      # the row (or the whole file) cannot be used
    WARNING = "warning"  # the data is used, but someone should look


@dataclass(frozen=True)
class Finding:
    severity: Severity
    kind: str            # stable machine name, e.g. "out_of_scale", "missing_column"
    file: str
    message: str
    row: int | None = None      # line number in the file as a spreadsheet shows it (header = 1)
    column: str | None = None

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.severity.value.upper()} {self.location()}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["severity"] = self.severity.value
        return d


@dataclass(frozen=True)
class Rejection:
    """One received row that is not used, and why. Rows are never dropped silently."""

    file: str
    row: int
    reason: str      # stable machine name, e.g. "incomplete", "duplicate_id"
    detail: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)
