"""The advisor's commentary.md: foreword, notes per section, sign-off, and what is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.core.errors import ConfigError
from pipeline.report.commentary import SECTIONS, load_commentary, parse_commentary

APPROVED = """---
author: Anna de Vries
approved_by: Anna de Vries
approved_on: 2026-11-20
---
In de gesprekken viel **vooral** op dat de huisartsen weinig tijd hebben.

## samenvatting
De daling bij Fundament zagen we ook in de interviews.

## aanbevelingen
Begin met de rolverdeling.
"""


def test_a_folder_without_commentary_gives_an_empty_draft(tmp_path):
    commentary = load_commentary(tmp_path)
    assert commentary.draft and commentary.foreword is None and commentary.notes == {}


def test_front_matter_foreword_and_notes_are_read(tmp_path):
    (tmp_path / "commentary.md").write_text(APPROVED, encoding="utf-8")
    commentary = load_commentary(tmp_path)
    assert not commentary.draft
    assert (commentary.author, commentary.approved_by, commentary.approved_on) == (
        "Anna de Vries", "Anna de Vries", date(2026, 11, 20))
    assert "<strong>vooral</strong>" in commentary.foreword
    assert set(commentary.notes) == {"samenvatting", "aanbevelingen"}
    assert "Fundament" in commentary.notes["samenvatting"] and "rolverdeling" not in commentary.notes["samenvatting"]


def test_an_author_without_approval_is_still_a_draft():
    commentary = parse_commentary("---\nauthor: Anna de Vries\n---\nVoorwoord.\n", Path("commentary.md"))
    assert commentary.draft and commentary.author == "Anna de Vries"


def test_raw_html_and_remote_images_stay_out():
    text = "<script>alert(1)</script>\n\n![logo](https://example.org/x.png)\n\n## regie\n<b>vet</b>"
    commentary = parse_commentary(text, Path("commentary.md"))
    assert "<script>" not in commentary.foreword and "&lt;script&gt;" in commentary.foreword
    assert "<img" not in commentary.foreword and "<b>" not in commentary.notes["regie"]


@pytest.mark.parametrize(("text", "message"), [
    ("---\nauthor: A\napproved: B\n---\n", "approved: unknown key"),
    ("## samenvating\nTekst.\n", "'## samenvating' is not a section of the report (did you mean 'samenvatting'?)"),
    ("## regie\nA.\n## regie\nB.\n", "more than one note for regie"),
    ("---\napproved_by: A\n---\n", "approved_on: missing"),
    ("---\napproved_by: A\napproved_on: gisteren\n---\n", "is not a date"),
    ("---\nauthor: A\n", "not closed"),
    ("---\n- a\n- b\n---\n", "must be keys with values"),
])
def test_mistakes_are_errors_naming_the_file(tmp_path, text, message):
    (tmp_path / "commentary.md").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="commentary.md") as raised:
        load_commentary(tmp_path)
    assert message in str(raised.value)


def test_every_section_id_may_carry_a_note():
    text = "".join(f"## {section}\nNoot bij {section}.\n\n" for section in SECTIONS)
    assert set(parse_commentary(text, Path("commentary.md")).notes) == set(SECTIONS)
