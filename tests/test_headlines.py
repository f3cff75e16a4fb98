"""The rules that pick the three things to know on the summary page."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.analysis.advice import Diagnosis, FragmentedEvidence
from pipeline.analysis.comparisons import Change
from pipeline.analysis.headlines import BLOCKS, headlines
from pipeline.analysis.result import CoalitionResult
from pipeline.analysis.scores import Summary
from pipeline.core.instrument import load_instrument
from pipeline.report.steps import analyse_folder
from tests.test_example_data import INPUTS

instrument = load_instrument()
QUALITY = [code for code, c in instrument.constructs.items() if c.is_quality]


@pytest.fixture(scope="module")
def base() -> CoalitionResult:
    """A real result with no news: no changes, every role filled, the mode fits, no diagnoses."""
    _, _, result = analyse_folder(INPUTS / "farmacie-duinstede")
    roles = {k: replace(r, status="filled", nobody=0.05) for k, r in result.roles.items()}
    return replace(result, changes={}, roles=roles, diagnoses=(),
                   governance=replace(result.governance, mismatch=False),
                   response=replace(result.response, received=60, used=60, rejected=0))


def with_blocks(result: CoalitionResult, **means: float) -> CoalitionResult:
    constructs = dict(result.constructs)
    for code, mean in means.items():
        band = result.settings.band(mean)
        constructs[code] = Summary(30, mean, 0.6, mean - 0.2, mean + 0.2, 0.5, {}, band)
    return replace(result, constructs=constructs)


def change(delta: float, significant: bool = True, before: float = 3.5) -> Change:
    """A change as the analysis makes it: clear when significant and at least 0.5 point."""
    return Change("2025", before, delta, 0.01 if significant else 0.4, significant,
                  clear=significant and abs(delta) >= 0.5)


def kinds(result: CoalitionResult) -> list[str]:
    return [h.kind for h in headlines(result, instrument)]


def test_a_clear_fall_leads_and_names_every_falling_block_largest_first(base):
    result = replace(with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5),
                     changes={"actor": change(-0.7), "fundament": change(-0.9), "identiteit": change(-0.6, False),
                              "ambities": change(-0.2)})
    first = headlines(result, instrument)[0]
    assert first.kind == "decline" and first.subjects == ("fundament", "actor") and first.values == (-0.9, -0.7)


def test_three_or_more_roles_falling_clearly_are_named_together(base):
    roles = [c for c in QUALITY if c.startswith("rol_")]
    changes = {code: change(-0.5 - 0.1 * i) for i, code in enumerate(roles)} | {"ecosysteem": change(-0.6)}
    result = replace(with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5), changes=changes)
    first = headlines(result, instrument)[0]
    assert first.kind == "decline" and first.family == "roles" and first.family_size == len(roles)
    assert set(first.subjects) == set(roles) and first.count == len(roles) + 1
    assert first.values[0] == min(changes[c].printed for c in roles)     # largest fall first


def test_two_roles_falling_clearly_are_not_a_family(base):
    roles = [c for c in QUALITY if c.startswith("rol_")][:2]
    changes = {code: change(-0.6) for code in roles}
    result = replace(with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5), changes=changes)
    first = headlines(result, instrument)[0]
    assert first.kind == "decline" and first.family == "" and len(first.subjects) == 1


def test_three_blocks_rising_clearly_are_named_together(base):
    changes = {"actor": change(0.6), "identiteit": change(0.5), "ambities": change(0.7),
               "fundament": change(0.1, False)}
    result = replace(with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5), changes=changes)
    rise = next(h for h in headlines(result, instrument) if h.kind == "rise")
    assert rise.family == "blocks" and rise.subjects == ("ambities", "actor", "identiteit") and rise.family_size == 4


def test_a_reliable_fall_smaller_than_the_relevant_size_is_no_news(base):
    result = replace(with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5),
                     changes={"fundament": change(-0.3)})
    assert "decline" not in kinds(result)


def test_a_fall_chance_explains_is_no_news(base):
    result = replace(with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5),
                     changes={"fundament": change(-0.5, significant=False)})
    assert "decline" not in kinds(result)


def test_everything_rising_clearly_is_one_headline_with_the_largest_rise(base):
    changes = {code: change(0.2) for code in QUALITY} | {"ambities": change(0.7)}
    found = headlines(replace(with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5),
                              changes=changes), instrument)
    assert found[0].kind == "all_rose" and found[0].subjects == ("ambities",) and found[0].count == len(QUALITY)
    assert "rise" not in [h.kind for h in found]


def test_the_clearly_largest_rise_is_the_one_named(base):
    changes = {"actor": change(0.2), "identiteit": change(0.6), "fundament": change(0.1, False)}
    found = headlines(replace(with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5),
                              changes=changes), instrument)
    rise = next(h for h in found if h.kind == "rise")
    assert rise.subjects == ("identiteit",)


def test_a_missing_role_wins_over_a_mid_band_score(base):
    roles = dict(base.roles)
    roles["verkenner"] = replace(roles["verkenner"], status="unfilled", nobody=0.45)
    found = kinds(replace(with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5), roles=roles))
    assert found.index("role_unfilled") < found.index("weakest_block")


def test_a_block_in_the_concern_band_wins_over_a_rise(base):
    result = replace(with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=2.6),
                     changes={"actor": change(0.6)})
    found = headlines(result, instrument)
    assert [h.kind for h in found][:2] == ["weakest_block", "rise"] and found[0].subjects == ("fundament",)


def test_blocks_that_print_the_same_are_named_together(base):
    found = headlines(with_blocks(base, actor=3.32, identiteit=3.8, ambities=3.6, fundament=3.28), instrument)
    weakest = next(h for h in found if h.kind == "weakest_block")
    assert weakest.subjects == ("actor", "fundament") and weakest.values == (3.3,)


def test_few_usable_responses_are_a_headline_and_never_more_than_three(base):
    result = replace(with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5),
                     response=replace(base.response, received=12, used=8, rejected=4), participation=None)
    found = kinds(result)
    assert "low_response" in found and len(found) == 3 and len(set(found)) == 3


def test_a_quiet_network_reads_its_weakest_and_strongest_block(base):
    found = kinds(with_blocks(base, **dict.fromkeys(BLOCKS, 3.5) | {"actor": 3.9, "fundament": 3.2}))
    assert found == ["weakest_block", "strongest_block"]


def test_a_network_not_measured_is_never_called_fragmented(base):
    fragmented = Diagnosis("periphery", "network", FragmentedEvidence(("a",), ("A",), 1))   # loose organisations
    blocks = with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5)
    assert "fragmented" in kinds(replace(blocks, diagnoses=(fragmented,)))
    assert "fragmented" not in kinds(replace(blocks, diagnoses=(fragmented,), network=None))


def test_a_network_in_parts_is_told_as_split_before_its_loose_organisations(base):
    assert base.network is not None
    parts = Diagnosis("fragmented", "network", FragmentedEvidence(("a", "b"), ("A", "B"), 2))
    loose = Diagnosis("periphery", "network", FragmentedEvidence(("a",), ("A",), 2))
    blocks = with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5)
    split = replace(blocks, diagnoses=(parts, loose), network=replace(base.network, components=2))
    found = headlines(split, instrument, shown=10)
    assert [h.count for h in found if h.kind == "split"] == [2]
    assert "fragmented" not in [h.kind for h in found]
    assert "split" not in kinds(replace(split, network=None))


def with_rate(result: CoalitionResult, respondents: int, invited: int | None) -> CoalitionResult:
    rate = respondents / invited if invited else None
    return replace(result, participation=replace(result.participation, respondents=respondents, invited=invited,
                                                 rate=rate),
                   response=replace(result.response, received=respondents, used=respondents, rejected=0))


def test_with_the_invited_known_a_low_response_is_fewer_than_half_of_them(base):
    quiet = with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5)
    low = next(h for h in headlines(with_rate(quiet, 34, 80), instrument) if h.kind == "low_response")
    assert low.subjects == ("invited",) and low.count == 34 and low.values == (34 / 80, 80)
    assert "low_response" not in kinds(with_rate(quiet, 40, 80))            # half answered: no headline
    # few people, but most of the few invited: a small network, not a low response
    assert "low_response" not in kinds(with_rate(quiet, 8, 9))
    # no rate (an organisation without `invited:`): the count of usable responses decides, as before
    assert "low_response" in kinds(with_rate(quiet, 8, None))


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "30 van de 70 genodigden (43%) gaven bruikbare antwoorden."),
    ("en", "30 of the 70 people invited (43%) gave usable responses."),
])
def test_the_low_response_sentence_counts_against_the_invited(base, lang, expected):
    from pipeline.core.i18n import Translator
    from pipeline.report.summary_page import leads

    quiet = with_rate(with_blocks(base, actor=3.6, identiteit=3.5, ambities=3.4, fundament=3.5), 30, 70)
    low = next(lead for lead in leads(quiet, instrument, Translator(lang)) if lead.kind == "low_response")
    assert low.sentence.startswith(expected) and low.figure == "43%"


def test_no_example_has_a_low_response_headline_the_rules_do_not_give():
    """The documented rule is true of every shipped example: each has its rate and no low response."""
    for folder in sorted(INPUTS.iterdir()):
        _, _, result = analyse_folder(folder)
        found = [h for h in headlines(result, instrument, shown=99) if h.kind == "low_response"]
        rate = result.participation.rate if result.participation else None
        assert bool(found) == (rate is not None and rate < 0.5 or rate is None and (
            result.response.used < 2 * result.settings.anonymity_threshold
            or result.response.used < 0.8 * result.response.received)), folder.name
