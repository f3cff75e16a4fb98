"""The report as HTML, without the PDF, for a quick look while editing inputs, templates, the
brand or the consultant's commentary: the same steps as the report, minus the slowest one.
With `watch`, it renders again whenever one of those files changes."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.core.errors import NetwerkscanError
from pipeline.core.files import write_text
from pipeline.core.paths import DEFAULT_BRAND, TEMPLATES_DIR
from pipeline.report.parameters import ReportParameters
from pipeline.report.steps import analyse_coalition, check_anonymity, draw_charts, prepare, read_coalition, report_html

POLL_SECONDS = 0.5


def write_preview(params: ReportParameters, target: Path) -> Path:
    setup = prepare(params)
    coalition, waves = read_coalition(params)
    result = analyse_coalition(coalition, waves, params, setup)
    check_anonymity(result)
    write_text(target, report_html(result, draw_charts(result, setup), setup.instrument, setup.brand, setup.t))
    return target


def watched_folders(params: ReportParameters) -> list[Path]:
    """What shapes a preview: the coalition's folder (answers, coalition.yaml, commentary), the
    templates and the brand."""
    return [Path(params.coalition_dir), TEMPLATES_DIR, Path(params.brand_dir) if params.brand_dir else DEFAULT_BRAND]


def _state(folders: list[Path]) -> tuple[tuple[str, int, int], ...]:
    files = sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def changes(folders: list[Path], poll: float = POLL_SECONDS) -> Iterator[None]:
    """Yields once at the start and then after every change to a file under `folders`."""
    seen = _state(folders)
    yield
    while True:
        time.sleep(poll)
        now = _state(folders)
        if now != seen:
            seen = now
            yield


def watch(params: ReportParameters, target: Path, report: Callable[[str], None]) -> None:
    """Render on every change until interrupted; a render that fails (a file saved half-way,
    say) is reported and the watch goes on."""
    for _ in changes(watched_folders(params)):
        started = time.perf_counter()
        try:
            write_preview(params, target)
            report(f"{target} ({time.perf_counter() - started:.1f} s)")
        except NetwerkscanError as exc:
            report(f"not rendered: {exc}")
