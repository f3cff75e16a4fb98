"""The charts leave matplotlib as they found it, and their SVG keeps everything it shows."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

from pipeline.report.charts import _lean
from pipeline.tools.example_data import EXAMPLE_SPECS, write_coalition

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def test_importing_and_drawing_the_charts_changes_no_global_state(tmp_path):
    """In a fresh interpreter, as in an analyst's notebook: the backend, every rc setting and
    pyplot's list of open figures are the same after importing the module and drawing every
    chart of a coalition with two waves (so every kind of chart is drawn), and each chart's
    SVG is well-formed."""
    folder = write_coalition(next(s for s in EXAMPLE_SPECS if s.slug == "wijkzorg-oosterbroek"), tmp_path, seed=11)
    script = textwrap.dedent(f"""
        import matplotlib
        backend, before = matplotlib.get_backend(), dict(matplotlib.rcParams)

        import matplotlib.pyplot as plt
        from pipeline.report.charts import report_charts
        from pipeline.report.steps import ReportParameters, analyse_folder, prepare

        setup = prepare(ReportParameters({str(folder)!r}, {str(tmp_path)!r}))
        result = analyse_folder({str(folder)!r})[2]
        charts = report_charts(result, setup.instrument, setup.brand, setup.t)
        assert {{"ontwikkeling", "rolhouders", "netwerkkaart"}} <= set(charts), sorted(charts)
        from xml.etree import ElementTree
        for chart in charts.values():
            ElementTree.fromstring(chart.svg)       # the lean SVG is still well-formed

        assert matplotlib.get_backend() == backend, (backend, matplotlib.get_backend())
        after = dict(matplotlib.rcParams)
        changed = sorted(key for key in before if before[key] != after[key])
        assert not changed, changed
        assert plt.get_fignums() == [], "a chart left a pyplot figure open"
        print("unchanged")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "unchanged"


SVG = """<?xml version="1.0" encoding="utf-8" standalone="no"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt" version="1.1">
 <metadata>
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>
 </metadata>
 <g id="figure_1">
  <g id="axes_1">
   <g id="line2d_1"/>
   <g id="text_1">
    <text x="1" y="2">a &lt;/g&gt; label</text>
   </g>
   <g clip-path="url(#p1)">
    <g id="patch_1">
     <path d="M 0 0
L 1 1
" style="fill: #ffffff"/>
    </g>
   </g>
  </g>
 </g>
</svg>
"""


def tags(svg: str) -> Counter[str]:
    return Counter(element.tag.split("}")[-1] for element in ElementTree.fromstring(svg).iter())


def test_a_lean_svg_keeps_what_is_drawn_and_the_groups_that_do_something():
    lean = _lean(SVG)
    before, after = tags(SVG), tags(lean)
    assert after["text"] == before["text"] == 1
    assert after["path"] == before["path"] == 1
    assert after["g"] == 1                      # only the clipping group is left
    assert "metadata" not in after
    assert 'clip-path="url(#p1)"' in lean and "a &lt;/g&gt; label" in lean
