"""The batch's record: one entry per coalition with status, row counts, timings and hashes.

Hashes make re-runs incremental: a coalition is rendered again only when its inputs or the
recipe (notebook, templates, brand, instrument, package version, language) changed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path

from pipeline import __version__
from pipeline.core.files import write_text

MANIFEST_VERSION = "1.0"


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_hash(paths: list[Path]) -> str:
    """One hash over the names and contents of all files under the given paths."""
    digest = hashlib.sha256()
    for root in paths:
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if root.is_dir() else [root]
        for path in files:
            digest.update(str(path.relative_to(root.parent)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class Status(StrEnum):
    """How a coalition's job ended; the manifest holds the value."""

    OK = "ok"
    FAILED = "failed"                   # the notebook raised, or the job broke outside it
    NOT_RENDERED = "not_rendered"       # fewer usable responses than the anonymity threshold
    TIMED_OUT = "timed_out"
    CRASHED = "crashed"                 # the kernel or the worker died


@dataclass
class Entry:
    slug: str
    status: Status
    error: str | None = None
    failed_cell: int | None = None
    received: int | None = None
    used: int | None = None
    rejected: int | None = None
    data_errors: int = 0
    seconds: float = 0.0
    input_hash: str = ""
    recipe_hash: str = ""
    draft: bool = True                  # not signed off in commentary.md: every page of the report says so
    outputs: dict[str, str] = field(default_factory=dict)   # file name -> sha256
    warnings: list[str] = field(default_factory=list)       # distinct warning lines its kernel printed
    # the kernel that ran it: host, pid, its how-manieth notebook (run), seconds spent starting
    # it for this job, and its resident and peak resident memory in MB after the job
    kernel: dict[str, str | float | int | None] = field(default_factory=dict)


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)
    # coalitions the reference store could not take in (slug -> why): no comparison counts them
    reference_left_out: dict[str, str] = field(default_factory=dict)
    version: str = MANIFEST_VERSION
    netwerkscan: str = __version__

    @classmethod
    def load(cls, path: Path) -> Manifest:
        if not path.is_file():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls({e["slug"]: Entry(**(e | {"status": Status(e["status"])})) for e in raw.get("coalitions", [])},
                       dict(raw.get("reference_left_out", {})))
        except (ValueError, TypeError, KeyError):
            return cls()  # an unreadable manifest only costs a full re-run

    def save(self, path: Path) -> None:
        doc = {"manifest_version": self.version, "netwerkscan": self.netwerkscan,
               "coalitions": [asdict(e) for e in sorted(self.entries.values(), key=lambda e: e.slug)],
               "reference_left_out": dict(sorted(self.reference_left_out.items()))}
        text = json.dumps(doc, indent=2, ensure_ascii=False)
        write_text(path, text)
