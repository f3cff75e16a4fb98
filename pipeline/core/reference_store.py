"""The firm's reference store: every coalition's construct means per wave, kept across runs.

A report compares its coalition with the others the firm has measured, not with whichever
coalitions happen to be in the same run; so every run adds what it scored to one file the firm
keeps (by default `netwerkscan-reference.json` beside the output folder, so that a new output
folder each year still finds the years before). An entry is keyed by coalition and wave: a
re-run replaces its own entries instead of adding copies. The file holds means and counts
only, never answers; it is the firm's, and no report names a coalition from it.

Several runs (each with its own output lock) may share one store, so every change holds an OS
lock on `<store>.lock` from reading to the atomic replace: no update is lost, and no reader
ever sees half a file."""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.errors import ConfigError
from pipeline.core.files import write_text

STORE_FILE = "netwerkscan-reference.json"
STORE_VERSION = 1


@dataclass(frozen=True)
class ConstructMean:
    mean: float
    n: int                    # respondents with a score


@dataclass(frozen=True)
class StoreEntry:
    coalition: str            # the coalition's folder name (slug)
    wave: str
    network_type: str
    input_hash: str           # of the coalition's folder when it was scored
    constructs: Mapping[str, ConstructMean]

    @property
    def key(self) -> tuple[str, str]:
        return self.coalition, self.wave


def default_store(out_dir: Path) -> Path:
    """Beside the output folder, so that it outlives the folder and is shared by the next."""
    return out_dir.resolve().parent / STORE_FILE


def _entry(raw: Mapping[str, object]) -> StoreEntry:
    constructs = raw["constructs"]
    if not isinstance(constructs, dict):
        raise TypeError("constructs must be a mapping")
    return StoreEntry(str(raw["coalition"]), str(raw["wave"]), str(raw["network_type"]), str(raw["input_hash"]),
                      {str(code): ConstructMean(float(v["mean"]), int(v["n"])) for code, v in constructs.items()})


def read_store(path: Path) -> dict[tuple[str, str], StoreEntry]:
    """Every entry of the store by (coalition, wave); none when it does not exist yet."""
    if not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("version") != STORE_VERSION:
            raise ValueError(f"version {raw.get('version')!r}, this version reads {STORE_VERSION}")
        entries = [_entry(e) for e in raw["entries"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(path, f"the reference store cannot be read: {exc}") from exc
    return {e.key: e for e in entries}


def _text(entries: Iterable[StoreEntry]) -> str:
    rows = [{"coalition": e.coalition, "wave": e.wave, "network_type": e.network_type, "input_hash": e.input_hash,
             "constructs": {c: {"mean": m.mean, "n": m.n} for c, m in sorted(e.constructs.items())}}
            for e in sorted(entries, key=lambda e: e.key)]
    return json.dumps({"version": STORE_VERSION, "entries": rows}, ensure_ascii=False, indent=1)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f"{path.name}.lock"), "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)       # short: held while one run reads and replaces the file
        yield


def update_store(path: Path, scored: Mapping[str, Iterable[StoreEntry]]) -> dict[tuple[str, str], StoreEntry]:
    """Replace the entries of each coalition in `scored` (coalition -> its entries, one per
    wave it has now) and keep every other; returns the store as written."""
    with _locked(path):
        entries = read_store(path)
        for coalition, fresh in scored.items():
            new = list(fresh)
            waves = {e.wave for e in new}
            entries = {k: e for k, e in entries.items() if not (k[0] == coalition and k[1] in waves)}
            entries |= {e.key: e for e in new}
        write_text(path, _text(entries.values()))
    return entries


def is_current(entries: Mapping[tuple[str, str], StoreEntry], coalition: str, input_hash: str) -> bool:
    """The store holds the coalition as its folder is now (every wave it has is scored
    together, so one entry with this hash says all are; a wave whose file is gone keeps its
    older entry)."""
    return any(e.input_hash == input_hash for k, e in entries.items() if k[0] == coalition)
