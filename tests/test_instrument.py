"""The instrument covers every construct of the domain, in Dutch and English."""

from __future__ import annotations

import pytest
import yaml

from pipeline.core.errors import ConfigError
from pipeline.core.instrument import DEFAULT_INSTRUMENT, load_instrument

instrument = load_instrument()


def items(construct: str):
    return instrument.items_of(construct)


@pytest.mark.parametrize("block", ["actor", "identiteit", "ambities", "fundament"])
def test_building_blocks_have_five_items_one_reversed(block):
    assert instrument.constructs[block].group == "bouwsteen"
    assert len(items(block)) >= 5
    assert any(i.reverse for i in items(block))


@pytest.mark.parametrize("role", ["strateeg", "ontwikkelaar", "verkenner", "procesmanager"])
def test_roles_have_fulfilment_items_and_a_who_question(role):
    assert len(items(f"rol_{role}")) >= 3
    who = instrument.questions[f"wie_{role}"]
    assert who.type == "multi" and who.role == role
    codes = {o.code for o in instrument.options(who)}
    assert "niemand" in codes
    assert {o.code for o in instrument.option_sets["actortype"]} <= codes
    assert {o.code for o in instrument.option_sets["positie"]} <= codes


def test_every_listed_construct_and_question_is_present():
    for construct in ["vertrouwen", "doelconsensus", "netwerkcompetenties", "interactiegericht", "taakgericht",
                      "gedeelde_verantwoordelijkheid"]:
        assert len(items(construct)) >= 2, construct
    for cluster in ["gedrag_persoonlijk", "gedrag_relaties", "gedrag_proces", "gedrag_inhoud"]:
        assert len(items(cluster)) >= 2, cluster
    assert len(items("ecosysteem")) >= 4
    for code in ["organisatie", "actortype", "basis", "betrokkenheid", "positie", "eigen_rollen", "regievorm",
                 "open_goed", "open_beter", "open_prioriteit"]:
        assert code in instrument.questions, code
    assert {o.code for o in instrument.option_sets["actortype"]} == {
        "huisartsen", "ziekenhuis", "zorgverzekeraar", "vvt", "ggz", "gemeente", "welzijn", "burgers", "apotheek",
        "overig"}
    actortypes = [o.code for o in instrument.option_sets["actortype"]]
    holders = [o.code for o in instrument.option_sets["rolhouder"]]
    assert holders[:len(actortypes)] == actortypes           # every actor type can hold a role, in the same order
    assert actortypes[-1] == "overig"
    assert {o.code for o in instrument.option_sets["regievorm"]} == {
        "netwerkbureau", "zelfregulerend", "leidende_organisatie", "weet_niet"}
    relation = {q.code: q.scale for q in instrument.questions_of_type("relation")}
    assert instrument.scales[relation["rel_intensiteit"]].values == range(0, 4)
    assert instrument.scales[relation["rel_vertrouwen"]].values == range(1, 5)


def test_every_text_is_in_dutch_and_english():
    texts = [i.text for i in instrument.items.values()] + [q.text for q in instrument.questions.values()]
    texts += [c.name for c in instrument.constructs.values()] + [o.text for s in instrument.option_sets.values()
                                                                  for o in s]
    for text in texts:
        assert text.nl.strip() and text.en.strip(), text
    assert instrument.scales["agree5"].labels["nl"][3] == "Eens"
    assert "weet niet" in instrument.missing_labels


def test_a_broken_definition_is_a_clear_error(tmp_path):
    raw = yaml.safe_load(DEFAULT_INSTRUMENT.read_text(encoding="utf-8"))
    raw["items"][0]["construct"] = "bestaat_niet"
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown construct 'bestaat_niet'"):
        load_instrument(path)


def test_synonyms_never_contradict_the_labels():
    scale = instrument.scales["agree5"]
    assert scale.synonyms["helemaal mee eens"] == 5 and scale.synonyms["mee oneens"] == 2
    for value in scale.values:
        for lang in ("nl", "en"):
            assert scale.synonyms.get(scale.label(value, lang).lower(), value) == value


def test_a_synonym_outside_the_scale_is_a_clear_error(tmp_path):
    raw = yaml.safe_load(DEFAULT_INSTRUMENT.read_text(encoding="utf-8"))
    raw["scales"]["agree5"]["synonyms"][6] = ["Meer dan eens"]
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match="synonym"):
        load_instrument(path)


def test_a_question_of_an_unknown_type_is_a_clear_error(tmp_path):
    """Every tool that walks the questions handles each type; a new one must be added there first."""
    raw = yaml.safe_load(DEFAULT_INSTRUMENT.read_text(encoding="utf-8"))
    raw["questions"][0]["type"] = "themes"
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown type 'themes'"):
        load_instrument(path)
