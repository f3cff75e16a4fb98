"""One report's own steps, timed, made by the `pipeline` of a given source tree.

    python benchmarks/report_steps.py TREE OUT FOLDER [FOLDER ...]

Imports `pipeline` from TREE (this repository, or a revision's files unpacked by
`batch_throughput.py --before`), makes a report of every FOLDER in one warm process through
the steps every revision since the layout issue has (prepare, read_coalition,
analyse_coalition, draw_charts, report_html, then the PDF as that revision lays it out and writes it), and
prints one JSON line per folder with each step's wall-clock and CPU seconds and the peak
memory. The first folder warms the process up; the caller leaves it out."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

PHASES = ("analysis", "charts", "HTML", "layout", "PDF writing")


def main(tree: Path, out: Path, folders: list[Path]) -> None:
    sys.path.insert(0, str(tree))
    import weasyprint

    from pipeline.core.paths import TEMPLATES_DIR
    from pipeline.report import render, steps
    from pipeline.report.parameters import ReportParameters

    assert Path(steps.__file__).resolve().is_relative_to(tree.resolve()), "pipeline imported from elsewhere"
    options = getattr(render, "PDF_OPTIONS", {})
    for folder in folders:
        params = ReportParameters(str(folder), str(out / folder.name))
        setup = steps.prepare(params)
        marks = [(time.perf_counter(), time.process_time())]
        coalition, waves = steps.read_coalition(params)
        result = steps.analyse_coalition(coalition, waves, params, setup)
        marks.append((time.perf_counter(), time.process_time()))
        charts = steps.draw_charts(result, setup)
        marks.append((time.perf_counter(), time.process_time()))
        html = steps.report_html(result, charts, setup.instrument, setup.brand, setup.t)
        marks.append((time.perf_counter(), time.process_time()))
        fetcher = render.LocalOnlyFetcher([TEMPLATES_DIR, setup.brand.folder])
        if hasattr(render, "layout"):       # a revision with its own layout step (pagination, fonts)
            document = render.layout(html, fetcher)
        else:
            document = weasyprint.HTML(string=html, base_url=str(TEMPLATES_DIR) + "/", url_fetcher=fetcher).render(
                **options)
        marks.append((time.perf_counter(), time.process_time()))
        (out / folder.name).mkdir(parents=True, exist_ok=True)
        target = out / folder.name / f"{folder.name}.pdf"
        if hasattr(render, "write_document"):   # a revision with its own writing step (SVG texts a line at a time)
            render.write_document(document, target)
        else:
            document.write_pdf(target, **options)
        marks.append((time.perf_counter(), time.process_time()))
        wall = {phase: end[0] - start[0] for phase, start, end in zip(PHASES, marks[:-1], marks[1:], strict=True)}
        cpu = {phase: end[1] - start[1] for phase, start, end in zip(PHASES, marks[:-1], marks[1:], strict=True)}
        print(json.dumps({"wall": {**wall, "total": sum(wall.values())}, "cpu": {**cpu, "total": sum(cpu.values())},
                          "pages": len(document.pages),
                          "peak_rss_mb": {"total": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}),
              flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), [Path(f) for f in sys.argv[3:]])
