"""What one run did, for the closing line, the exit code and `--json`.

The summary is built from the batch's events as they come, so it says what this run did:
a report counts as rendered only when this run wrote it, not when it was left unchanged or
its coalition failed. Scripts read the same facts as one JSON object."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.batch.jobs import Job
from pipeline.batch.kernel_warnings import by_warning
from pipeline.batch.manifest import Entry
from pipeline.batch.run import MANIFEST, PORTFOLIO


@dataclass
class RunSummary:
    out_dir: Path
    done: dict[str, Entry] = field(default_factory=dict)        # run by this batch (also failed ones)
    unchanged: dict[str, Entry] = field(default_factory=dict)   # left as they were

    def add(self, event: str, job: Job, entry: Entry | None) -> None:
        """Take in one of `run_batch`'s events ('start' carries no entry and is ignored)."""
        if entry is None:
            return
        (self.unchanged if event == "unchanged" else self.done)[job.slug] = entry

    @property
    def entries(self) -> dict[str, Entry]:
        return dict(sorted({**self.unchanged, **self.done}.items()))

    @property
    def rendered(self) -> list[str]:
        return [slug for slug, e in self.done.items() if e.status == "ok"]

    @property
    def problems(self) -> list[str]:
        return [slug for slug, e in self.entries.items() if e.status != "ok" or e.data_errors]

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0

    def warnings(self) -> dict[str, list[str]]:
        """Each distinct warning the kernels of this run printed, with its coalitions."""
        return by_warning((slug, e.warnings) for slug, e in sorted(self.done.items()))

    def closing_line(self) -> str:
        total = len(self.entries)
        if total and len(self.unchanged) == total:
            return (f"nothing to render: all {total} coalitions unchanged (--force renders them again); "
                    f"record in {self.out_dir / MANIFEST}")
        failed = sum(e.status != "ok" for e in self.done.values())
        counts = [f"{len(self.rendered)} rendered", *([f"{len(self.unchanged)} unchanged"] if self.unchanged else []),
                  *([f"{failed} not made"] if failed else [])]
        return (f"{', '.join(counts)}; "
                f"{total - len(self.problems)} of {total} coalitions without problems; reports in {self.out_dir}/, "
                f"record in {self.out_dir / MANIFEST}")

    def as_json(self) -> dict[str, Any]:
        return {
            "command": "run", "exit_code": self.exit_code,
            "counts": {"coalitions": len(self.entries), "rendered": len(self.rendered),
                       "unchanged": len(self.unchanged), "problems": len(self.problems)},
            "coalitions": [self._coalition(slug, e) for slug, e in self.entries.items()],
            "warnings": [{"message": line, "coalitions": slugs} for line, slugs in self.warnings().items()],
            "manifest": str(self.out_dir / MANIFEST), "portfolio": [str(self.out_dir / name) for name in PORTFOLIO],
        }

    def _coalition(self, slug: str, entry: Entry) -> dict[str, Any]:
        return {"slug": slug, "status": entry.status, "rendered": slug in self.rendered,
                "unchanged": slug in self.unchanged, "error": entry.error, "failed_cell": entry.failed_cell,
                "received": entry.received, "used": entry.used, "rejected": entry.rejected,
                "data_errors": entry.data_errors, "draft": entry.draft, "seconds": entry.seconds,
                "warnings": entry.warnings,
                "outputs": [str(self.out_dir / slug / name) for name in sorted(entry.outputs)]}
