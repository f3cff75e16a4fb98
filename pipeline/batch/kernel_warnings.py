"""Warnings a report's kernel printed, taken out of the executed notebook.

A warning inside a kernel (matplotlib falling back to another font, a library's deprecation
notice) lands in a stderr output of the executed notebook, where nobody reads it. Each job
collects the distinct warning lines of its notebook into its manifest entry; the command
prints each distinct warning once per run, with the number of coalitions it came from."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

# A Python warning as `warnings` prints it: "/path/to/module.py:12: UserWarning: text".
PYTHON_WARNING = re.compile(r"^.*?:\d+: (?P<warning>[A-Za-z]*Warning: .*)$")
# Other warning lines: logging's "WARNING ..." and matplotlib's "findfont: ... not found".
WARNING_LINE = re.compile(r"warning|findfont", re.IGNORECASE)
MAX_PER_NOTEBOOK = 20       # a warning printed in a loop is one warning, not a flood


def notebook_warnings(path: Path) -> list[str]:
    """The distinct warning lines in the stderr outputs of an executed notebook, in order."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return []
    texts = [output.get("text", "") for cell in cells for output in cell.get("outputs", [])
             if output.get("output_type") == "stream" and output.get("name") == "stderr"]
    return warning_lines("".join(t if isinstance(t, str) else "".join(t) for t in texts))


def warning_lines(stderr: str) -> list[str]:
    found: list[str] = []
    source_line_next = False        # `warnings` prints the offending source line, indented, after a warning
    for raw in stderr.splitlines():
        if source_line_next and raw[:1].isspace():
            source_line_next = False
            continue
        match = PYTHON_WARNING.match(raw.strip())
        source_line_next = match is not None
        line = match["warning"] if match else raw.strip()
        if WARNING_LINE.search(line) and line not in found:
            found.append(line)
    return found[:MAX_PER_NOTEBOOK]


def by_warning(warnings: Iterable[tuple[str, list[str]]]) -> dict[str, list[str]]:
    """(coalition, its warnings) pairs -> each distinct warning with the coalitions it came from."""
    out: dict[str, list[str]] = {}
    for slug, lines in warnings:
        for line in lines:
            out.setdefault(line, []).append(slug)
    return out
