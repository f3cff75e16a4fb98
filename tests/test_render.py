"""User text is escaped, and the renderer fetches nothing outside templates/ and the brand."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from pipeline.core.errors import FetchRefusedError
from pipeline.core.i18n import Translator
from pipeline.core.instrument import load_instrument
from pipeline.core.paths import DEFAULT_BRAND, TEMPLATES_DIR
from pipeline.report.brand import load_brand
from pipeline.report.charts import report_charts
from pipeline.report.render import LocalOnlyFetcher, write_pdf
from pipeline.report.steps import analyse_folder, report_html

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
PLANTED = '<script>alert(1)</script><img src="http://example.com/x.png"><img src="file:///etc/passwd">'


def test_fetcher_refuses_network_and_files_elsewhere(tmp_path):
    fetcher = LocalOnlyFetcher([TEMPLATES_DIR, DEFAULT_BRAND])
    for url in ("http://example.com/logo.png", "https://example.com/x.css", "file:///etc/passwd",
                f"file://{TEMPLATES_DIR}/../pyproject.toml"):
        with pytest.raises(FetchRefusedError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4
    response = fetcher.fetch((TEMPLATES_DIR / "report.css").as_uri())
    assert response is not None


@pytest.mark.slow
def test_planted_html_in_user_text_is_printed_not_run(tmp_path):
    folder = shutil.copytree(INPUTS / "farmacie-duinstede", tmp_path / "farmacie-duinstede")
    config = yaml.safe_load((folder / "coalition.yaml").read_text(encoding="utf-8"))
    config["name"] = f"Duinstede {PLANTED}"
    (folder / "coalition.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    instrument, brand, t = load_instrument(), load_brand(), Translator("nl")
    _, _, result = analyse_folder(folder)
    html = report_html(result, report_charts(result, instrument, brand, t), instrument, brand, t)
    assert "<script>" not in html and "&lt;script&gt;" in html
    fetcher = write_pdf(html, tmp_path / "report.pdf", brand.folder)
    assert fetcher.refused == []                                  # nothing was even attempted
    text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True).stdout
    assert "<script>alert(1)</script>" in text.replace("\n", "")
