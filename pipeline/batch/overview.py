"""Where a batch writes the firm's overview (`pipeline.report.overview`) after its last report.

On a warm kernel, where the workers run in this process: it has WeasyPrint loaded and its fonts
looked up, and this process need not load WeasyPrint or openpyxl (0.6 s, which held the overview
up after the last report). Here, on a Dask cluster (its
workers' kernels may be on other machines), after a run with no report to make, or when the
kernel could not write it (it raises here what went wrong)."""

from __future__ import annotations

from pipeline.batch.options import BatchOptions

# The overview, written on a warm kernel (`ThreadExecutor.write_overview`).
OVERVIEW_CODE = """\
from pipeline.report.overview import write_overview as _netwerkscan_overview
_netwerkscan_overview({out_dir!r}, {brand_dir!r}, {lang!r}, {today!r})
"""


def overview_code(options: BatchOptions) -> str:
    """The code that writes `options`' overview on a kernel (paths absolute: its folder may differ)."""
    brand = str(options.brand_dir.resolve()) if options.brand_dir else None
    return OVERVIEW_CODE.format(out_dir=str(options.out_dir.resolve()), brand_dir=brand, lang=options.lang,
                                today=options.today)


def write_overview_here(options: BatchOptions) -> None:
    """In this process; WeasyPrint and openpyxl are loaded here, after the reports."""
    from pipeline.report.overview import write_overview

    write_overview(options.out_dir, options.brand_dir, options.lang, options.today)
