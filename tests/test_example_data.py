"""The shipped inputs are the generator's output, and behave like real coalitions."""

from __future__ import annotations

import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline.core.coalition import load_coalition
from pipeline.core.instrument import load_instrument
from pipeline.ingest.responses import ingest_coalition, ingest_file
from pipeline.report.steps import analyse_folder
from pipeline.tools.example_data import (
    EXAMPLE_SPECS,
    OPEN_ANSWERS,
    generate_responses,
    open_answers,
    write_examples,
)
from pipeline.tools.template_file import template_columns, write_template

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
instrument = load_instrument()


def test_shipped_inputs_are_the_generators_output_byte_for_byte(tmp_path):
    """Excel files included: the same content gives the same bytes, so a regenerated example
    is no change to version control or to the batch's content hashes."""
    write_examples(tmp_path)
    shipped = sorted(p.relative_to(INPUTS) for p in INPUTS.rglob("*") if p.is_file())
    assert shipped == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    for name in shipped:
        assert (INPUTS / name).read_bytes() == (tmp_path / name).read_bytes(), name


@pytest.fixture(scope="module")
def analysed():
    return {spec.slug: analyse_folder(INPUTS / spec.slug) for spec in EXAMPLE_SPECS}


def test_coalitions_are_varied_and_realistic(analysed):
    assert len(analysed) >= 6
    types = {coalition.network_type for coalition, _, _ in analysed.values()}
    assert types == {"leernetwerk", "samenwerkingsverband", "combinatie"}
    assert max(r.response.used for _, _, r in analysed.values()) >= 150
    assert sum(len(c.waves) >= 2 for c, _, _ in analysed.values()) >= 2


def test_items_of_a_construct_hang_together(analysed):
    _, _, big = analysed["zorgnetwerk-lindeveld"]
    for construct, reliability in big.reliability.items():
        assert 0.65 <= reliability.alpha <= 0.92, (construct, reliability.alpha)


def test_designed_situations_are_in_the_data(analysed):
    _, waves, result = analysed["leernetwerk-heidemeer"]
    sizes = waves["2026"].frame["actortype"].value_counts()
    assert (sizes < 5).any()                                 # some actor groups are too small to show
    assert result.groups["actortype"].hidden + sum(result.groups["actortype"].sizes.values()) == result.response.used
    _, waves, _ = analysed["acute-zorg-zuidervaart"]
    nobody = waves["2026"].frame["wie_verkenner__niemand"].mean()
    assert nobody > 0.5                                      # a role that nobody fills
    _, waves, _ = analysed["samenwerking-kempenrode"]
    frame = waves["2026"].frame
    assert (frame["regievorm"] == "zelfregulerend").mean() < 0.6   # members do not see the declared mode
    _, _, result = analysed["wijkzorg-oosterbroek"]
    assert result.changes["identiteit"].change < 0          # two waves, and a decline between them


def test_weet_niet_and_open_answers_are_present():
    rows = generate_responses(EXAMPLE_SPECS[0], "2026", instrument, seed=1)
    cells = [v for row in rows for v in row.values()]
    assert "weet_niet" in cells
    assert any(isinstance(row.get("open_beter"), str) for row in rows)


def test_template_filled_by_the_generator_reads_back_without_findings(tmp_path):
    coalition = load_coalition(INPUTS / "wijkzorg-oosterbroek")
    path = write_template(tmp_path / "2026.csv", "csv", "nl", coalition)
    header = pd.read_csv(path, sep=";", encoding="utf-8-sig").columns.tolist()
    assert header == template_columns(instrument, [o.code for o in coalition.organisations])
    spec = next(s for s in EXAMPLE_SPECS if s.slug == "wijkzorg-oosterbroek")
    rows = [r for r in generate_responses(spec, "2026", instrument, seed=3)
            if sum(isinstance(r[c], int) for c in instrument.items) > 0.6 * len(instrument.items)]
    filled = pd.DataFrame([{c: ("; ".join(v) if isinstance(v, list) else
                                ("weet niet" if v == "weet_niet" else v)) for c, v in r.items()} for r in rows],
                          columns=header)
    filled.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    responses = ingest_file(path, coalition, "2026")
    assert responses.findings == []
    assert responses.used == len(rows)


def test_xlsx_template_has_answer_lists(tmp_path):
    path = write_template(tmp_path / "t.xlsx", "xlsx", "en", load_coalition(INPUTS / "farmacie-duinstede"))
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "respondent_id"
    formulas = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert len(formulas) > len(instrument.items)
    options = book.worksheets[1]
    assert "Strongly agree" in [c.value for row in options.iter_rows() for c in row]


def test_the_same_template_twice_is_the_same_file(tmp_path):
    coalition = load_coalition(INPUTS / "farmacie-duinstede")
    first = write_template(tmp_path / "a.xlsx", "xlsx", "nl", coalition).read_bytes()
    time.sleep(1.1)           # a zip entry's time has two-second steps; the document's, one-second ones
    assert write_template(tmp_path / "b.xlsx", "xlsx", "nl", coalition).read_bytes() == first


def test_all_example_coalitions_ingest_without_errors():
    for spec in EXAMPLE_SPECS:
        coalition = load_coalition(INPUTS / spec.slug)
        for responses in ingest_coalition(coalition).values():
            assert not responses.has_errors, (spec.slug, responses.findings[:3])
            assert responses.received == responses.used + responses.rejected


def test_the_pharmacies_of_duinstede_are_pharmacies_not_other():
    coalition = load_coalition(INPUTS / "farmacie-duinstede")
    kinds = [o.actortype for o in coalition.organisations]
    assert kinds.count("apotheek") == 2 and "overig" not in kinds
    frame = ingest_file(INPUTS / "farmacie-duinstede" / "2026.csv", coalition, instrument).frame
    assert (frame["actortype"] == "apotheek").sum() > 5
    assert frame.filter(like="wie_").columns.str.endswith("__apotheek").any()


# What each example's open answers must and must not talk about: its own field, not another's.
FIELD_WORDS = {
    "farmacie-duinstede": (("medicat", "apothe", "recept"), ("ggz", "wijkteam", "dementie", "seh")),
    "leernetwerk-heidemeer": (("dementie", "leer", "werkbezoek", "intervisie"), ("seh", "medicatie", "ggz")),
    "acute-zorg-zuidervaart": (("seh", "spoed", "acute", "huisartsenpost"), ("dementie", "medicatie", "wijkteam")),
    "wijkzorg-oosterbroek": (("wijk", "valpreventie"), ("seh", "medicatie", "dementie")),
    "samenwerking-kempenrode": (("vertrouwen", "beslist", "spelregels"), ("medicatie", "dementie", "seh")),
}


@pytest.mark.parametrize("slug", sorted(FIELD_WORDS))
def test_each_example_has_open_answers_of_its_own_field(slug):
    spec = next(s for s in EXAMPLE_SPECS if s.slug == slug)
    pool = open_answers(spec)
    assert {q: len(a) for q, a in pool.items()} == {q: len(a) for q, a in OPEN_ANSWERS.items()}  # same draws
    texts = " ".join(a for answers in pool.values() for a in answers).lower()
    own, foreign = FIELD_WORDS[slug]
    assert any(word in texts for word in own), slug
    assert not any(word in texts for word in foreign), slug
    others = {a for s in EXAMPLE_SPECS if s.slug != slug for answers in open_answers(s).values() for a in answers}
    assert len(others & {a for answers in pool.values() for a in answers}) <= 3     # mostly its own


def test_personal_details_in_the_example_answers_are_masked_when_read():
    typed = [a for s in EXAMPLE_SPECS for answers in open_answers(s).values() for a in answers if "@" in a]
    assert len(typed) >= 3
    for slug in ("farmacie-duinstede", "acute-zorg-zuidervaart", "leernetwerk-heidemeer"):
        _, waves, _ = analyse_folder(INPUTS / slug)
        frame = waves["2026"].frame
        answers = frame[[c for c in frame.columns if c.startswith("open_")]].stack().astype(str)
        assert not answers.str.contains("@|06-?\\d{8}", regex=True).any(), slug
