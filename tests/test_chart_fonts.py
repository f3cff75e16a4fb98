"""The charts' text measurements (`pipeline.report.chart_fonts`) are matplotlib's own, made once
per process: every chart is drawn as with matplotlib's renderer, and a text already measured
is not laid out with FreeType again."""

from __future__ import annotations

from matplotlib.backends.backend_svg import RendererSVG

from pipeline.report import chart_fonts, charts
from pipeline.report.steps import ReportParameters, analyse_folder, prepare
from pipeline.tools.example_data import EXAMPLE_SPECS, write_coalition


def _charts(tmp_path):
    folder = write_coalition(next(s for s in EXAMPLE_SPECS if s.slug == "wijkzorg-oosterbroek"), tmp_path, seed=11)
    setup = prepare(ReportParameters(str(folder), str(tmp_path)))
    result = analyse_folder(str(folder))[2]
    return lambda: {name: chart.svg for name, chart in charts.report_charts(result, setup.instrument, setup.brand,
                                                                           setup.t).items()}


def test_every_chart_is_drawn_as_with_matplotlib_s_own_measuring(tmp_path, monkeypatch):
    """Two waves: every kind of chart, the network map and its labels among them."""
    draw = _charts(tmp_path)
    ours = draw()
    monkeypatch.setattr(charts, "MeasuringRenderer", lambda width, height, out, dpi, **kw: RendererSVG(
        width, height, out, **kw))
    assert draw() == ours
    assert {"ontwikkeling", "netwerkkaart", "rolhouders"} <= set(ours)


def test_a_text_measured_once_is_not_measured_again(tmp_path):
    draw = _charts(tmp_path)
    draw()
    measured = chart_fonts._extent.cache_info().misses
    draw()
    assert chart_fonts._extent.cache_info().misses == measured
