"""The Netwerkmodel pages read back from the PDF: the named lead organisation nobody names, the
conditions that do not fit with their figures, claimed against attributed roles, the type of
network, and advice whose stated levels are those of scores.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.report.parameters import ReportParameters
from pipeline.report.steps import make_report
from tests.pdf_helpers import pdf_text

pytestmark = pytest.mark.slow   # real PDFs

INPUTS = Path(__file__).resolve().parent.parent / "inputs"


@pytest.fixture(scope="module")
def acute(tmp_path_factory) -> tuple[str, dict]:
    out = tmp_path_factory.mktemp("acute")
    make_report(ReportParameters(str(INPUTS / "acute-zorg-zuidervaart"), str(out)))
    text = " ".join(pdf_text(out / "acute-zorg-zuidervaart.pdf", layout=False).split())
    return text, json.loads((out / "scores.json").read_text(encoding="utf-8"))


def test_the_lead_organisation_nobody_names_is_flagged_in_the_governance_chapter(acute):
    text, scores = acute
    host = scores["governance"]["host"]
    assert host["code"] == "zv-ziekenhuis" and host["unnamed"] and host["trust_centre"] is False
    assert host["untied"] and "zv-ziekenhuis" in scores["network"]["isolated"]
    chapter = text[text.find("Regie en vorm Netwerken kunnen"):text.find("Gedrag en competenties Netwerkleiders")]
    assert "Leidende organisatie volgens de coalitie: Zuidervaart Medisch Centrum." in chapter
    untied = ("De leidende organisatie heeft geen vaste werkrelatie in het netwerk en wordt door niemand als "
              "rolhouder genoemd.")
    assert untied in chapter
    assert "Zuidervaart Medisch Centrum heeft geen vaste werkrelatie met de andere organisaties" in chapter  # tension
    advice = text[text.find("Aanbevelingen Dit zijn"):text.rfind("Verantwoording")]
    assert untied in advice


def test_the_conditions_that_do_not_fit_are_printed_with_the_figures_of_scores_json(acute):
    text, scores = acute
    predictors = {p["name"]: p for p in scores["governance"]["predictors"]}
    assert scores["governance"]["misfit"] == ["trust_centralisation", "organisations"]
    central = predictors["trust_centralisation"]
    phrase = f"centralisatie van het vertrouwen {central['value']:.2f} (gemiddeld)".replace(".", ",")
    assert central["level"] == "moderate"
    assert f"Niet passend bij een leidende organisatie: {phrase}" in text
    advice = text[text.find("Aanbevelingen Dit zijn"):text.rfind("Verantwoording")]
    assert f"past daar niet bij: {phrase} en aantal organisaties 7 (weinig)" in advice


def test_roles_claimed_and_attributed_and_an_unfilled_role(acute):
    text, scores = acute
    assert scores["roles"]["verkenner"]["status"] == "unfilled"
    assert "Zelf genoemd en door anderen genoemd" in text
    claim = scores["roles"]["strateeg"]["claims"][0]
    assert claim["group"] == "huisartsen" and claim["n"] >= 5
    assert "De rol van verkenner is niet belegd: 80% van de deelnemers ziet niemand in deze rol" in text
    # the example's respondents name only types of party on its roster (a type not on it: tests/test_roles.py)
    assert all(not role["not_in_coalition"] for role in scores["roles"].values())
    assert "een soort partij die niet in deze coalitie zit" not in text


def test_the_type_of_network_against_its_scales(acute):
    text, scores = acute
    assert scores["network_type"]["declared"] == "samenwerkingsverband"
    assert "Gekozen soort netwerk: een samenwerkingsverband." in text
    assert scores["network_type"]["shown"] == "combinatie" and "De antwoorden laten iets anders zien" in text
