"""The charts leave matplotlib as they found it, and their SVG keeps everything it shows."""

from __future__ import annotations

import base64
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

from pipeline.report.charts import Chart, _lean, _plain, _shared_clips
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


def with_matplotlibs_style_sheet(elements: str) -> str:
    """An SVG as matplotlib writes one: its one rule for every element, then `elements`."""
    return ("""<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt">
 <defs>
  <style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>
 </defs>
""" + elements + "</svg>\n")


def test_a_plain_svg_has_the_styles_weasyprint_would_cascade_as_attributes():
    """matplotlib's rule for every element, under each element's own style; a turn by nothing goes."""
    svg = with_matplotlibs_style_sheet(
        """ <path d="M 0 0" stroke-linejoin="bevel" style="fill: none; stroke-linecap: round"/>
 <text x="1" y="2" transform="rotate(-0 1 2)" style="font-family: 'Open Sans'; fill: #1e1e1e">a &lt; b</text>
 <text x="1" y="2" transform="rotate(-90 1 2)">up</text>
""")
    plain = ElementTree.fromstring(_plain(svg))
    assert "style" not in tags(_plain(svg))
    path, first, second = (element.attrib for element in plain if not element.tag.endswith("defs"))
    assert path == {"d": "M 0 0", "stroke-linejoin": "round", "stroke-linecap": "round", "fill": "none"}
    assert first == {"x": "1", "y": "2", "stroke-linejoin": "round", "stroke-linecap": "butt",
                     "font-family": "'Open Sans'", "fill": "#1e1e1e"}
    assert second["transform"] == "rotate(-90 1 2)"
    assert plain.attrib == ElementTree.fromstring(svg).attrib
    assert _plain(SVG) == SVG                   # without matplotlib's style sheet, nothing to cascade


def test_neighbours_with_the_same_clip_share_one_clipping_group():
    """Only neighbours that name the same clip and are neither moved nor see-through are grouped."""
    svg = """<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt">
 <path d="M 0 0
L 1 1
" clip-path="url(#a)" fill="none"/>
 <path d="M 1 1" clip-path="url(#a)"/>
 <use x="1" y="1" clip-path="url(#a)"/>
 <path d="M 2 2" clip-path="url(#b)"/>
 <path d="M 3 3" clip-path="url(#b)" opacity="0.5"/>
 <text x="1" y="2">a</text>
 <path d="M 4 4" clip-path="url(#b)"/>
</svg>
"""
    shared = ElementTree.fromstring(_shared_clips(svg))
    group, *rest = shared
    assert group.tag.endswith("g") and group.attrib == {"clip-path": "url(#a)"}
    assert [child.attrib.get("d", "use") for child in group] == ["M 0 0 L 1 1 ", "M 1 1", "use"]
    assert not any("clip-path" in child.attrib for child in group)
    assert [(element.tag.split("}")[-1], element.get("clip-path")) for element in rest] == [
        ("path", "url(#b)"), ("path", "url(#b)"), ("text", None), ("path", "url(#b)")]


def test_the_report_gets_the_svg_weasyprint_draws_fastest_and_the_slides_matplotlibs():
    matplotlibs = with_matplotlibs_style_sheet(""" <path d="M 0 0" clip-path="url(#a)" style="fill: none"/>
 <path d="M 1 1" clip-path="url(#a)" style="fill: none"/>
""")
    chart = Chart("c", "title", "alt", matplotlibs)
    assert chart.svg == matplotlibs
    assert base64.b64decode(chart.data_uri.split(",", 1)[1]).decode() == _shared_clips(_plain(matplotlibs))
