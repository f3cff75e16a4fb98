"""The firm's overview of every coalition in an output folder: portfolio.pdf, and the same rows
as data (portfolio.xlsx, portfolio.csv), every scores.json read once for all three. A batch
writes it after its last report on one of its warm kernels (`pipeline.batch.overview`)."""

from __future__ import annotations

from pathlib import Path

from pipeline.core.i18n import Translator
from pipeline.report.brand import load_brand
from pipeline.report.portfolio import folder_rows, write_portfolio
from pipeline.report.portfolio_data import write_portfolio_data


def write_overview(out_dir: Path | str, brand_dir: Path | str | None, lang: str, today: str | None) -> None:
    out_dir, t = Path(out_dir), Translator(lang)
    rows = folder_rows(out_dir, t)
    write_portfolio(out_dir, load_brand(Path(brand_dir) if brand_dir else None), t, today, rows)
    write_portfolio_data(out_dir, t, rows)
