"""The three things a network's director should know first: picked from all the evidence by
fixed rules, so the advisor can say why the summary leads with what it leads with.

Every rule looks at one kind of evidence and gives at most one headline. The headlines are
ranked by the order of the rules below (news first, then what blocks the network, then where
it stands), and the first three are printed:

1. `decline`: one or more constructs fell clearly since the previous wave (`Change.clear`:
   Holm-corrected p < .05 and at least the relevant size as printed, i.e. rounded to one
   decimal): when three or more building blocks, or else three or more leadership roles, fell
   clearly, they are named together as a family (`Headline.family`: "Alle vier
   leiderschapsrollen zijn duidelijk gedaald (−0,5 tot −0,7)"); otherwise every building block
   that fell clearly is named, largest fall first, or when no block fell, the construct that
   fell most; the sentence counts all that fell.
2. `all_rose`: every construct with an earlier score rose more than chance explains
   (Holm-corrected, at least three of them); the sentence says how many of them rose clearly
   and how many slightly (`ChangeLevel`: reliable, but under the relevant size).
3. `role_unfilled`: a leadership role nobody fills (the share naming nobody is at or above
   the coalition's threshold); the one with the largest share naming nobody.
4. `governance_misfit`: every measured condition fits another mode than the declared one, and
   at least one does not fit the declared mode whatever its 95% interval, and none may not fit
   the other mode within its interval.
5. `weakest_block` in the concern band: the lowest of the four building blocks.
6. `low_trust`: few pairs of organisations trust each other a lot (the advice's `low_trust`
   rule), or the trust scale's whole 95% interval lies in the concern band; the sentence
   gives the share of pairs with high trust and, when so, the scale's mean.
7. `rise`: the largest clear rise, when not everything rose; three or more building blocks,
   or else roles, that rose clearly are named together as under `decline`.
8. `split`: the network falls apart in two or more parts with no working tie between them
   (the advice's `fragmented` rule); else `fragmented`: organisations without a working tie
   or with one (the advice's `periphery` rule).
9. `weakest_block` in the attention or strength band.
10. `low_response`: when the coalition says how many people it invited (`invited:` for every
   organisation, so the report has a response rate): fewer than half of the invited gave
   usable responses ("30 of the 70 people invited (43%)"), so the figures may not speak for
   those who did not answer. Without a response rate: fewer usable responses than twice the
   anonymity threshold, or at least a fifth of the received responses not usable: every
   figure rests on thin ground.
11. `strongest_block`: the highest of the four building blocks, so a network without
    news or problems still reads where it is weakest and where strongest.

So a clear fall beats everything, a role nobody fills beats a mid-band score, and a clearly
largest change is the one named. Blocks whose means print the same (one decimal) are named
together, so "the lowest" is never a pick between equals. The module is pure: a result in,
headlines out; the report turns them into sentences."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pipeline.analysis.advice import FragmentedEvidence, TrustEvidence
from pipeline.analysis.comparisons import Change
from pipeline.analysis.result import CoalitionResult
from pipeline.core.instrument import Instrument

BLOCKS = ("actor", "identiteit", "ambities", "fundament")
RULES = ("decline", "all_rose", "role_unfilled", "governance_misfit", "weakest_block_concern", "low_trust", "rise",
         "split",
         "fragmented",
         "weakest_block", "low_response", "strongest_block")
SHOWN = 3
MIN_ALL_ROSE = 3
MIN_FAMILY = 3                   # clear changes in one direction within a family named together
FAMILIES = ("blocks", "roles")   # building blocks first: they are the model's main figures
LOW_RESPONSE_FACTOR = 2          # usable responses below this many times the anonymity threshold
LOW_USABLE_SHARE = 0.8           # below this share of received responses usable
LOW_RATE = 0.5                   # with `invited:` known: usable responses below this share of the invited


@dataclass(frozen=True)
class Headline:
    """One thing to know, with the figures its sentence prints."""

    kind: str                    # one of RULES (the weakest block in the concern band is "weakest_block")
    subjects: tuple[str, ...]    # construct codes, a role, a mode: what the sentence is about
    values: tuple[float, ...]    # its figures, in the order of `subjects` (means, changes, shares)
    count: int = 0               # how many: constructs that rose, loose organisations, usable responses
    rank: int = 0                # position of its rule in RULES: lower comes first
    near: tuple[str, ...] = ()   # weakest/strongest block: the others whose interval overlaps its own
    family: str = ""             # decline/rise: "blocks" or "roles" when a family is named together
    family_size: int = 0         # ... and how many of that family were compared ("alle vier")


def headlines(result: CoalitionResult, instrument: Instrument, shown: int = SHOWN) -> list[Headline]:
    """The `shown` most important headlines, by the rules in the module docstring."""
    found = [h for rule in (_declines, _all_rose, _role_unfilled, _governance, _weakest, _low_trust, _rise,
                            _fragmented,
                            _low_response, _strongest) if (h := rule(result, instrument)) is not None]
    return sorted(found, key=lambda h: h.rank)[:shown]


def _headline(rule: str, subjects: tuple[str, ...], values: tuple[float, ...], count: int = 0) -> Headline:
    return Headline(rule.removesuffix("_concern"), subjects, values, count, RULES.index(rule))


def _quality_changes(result: CoalitionResult, instrument: Instrument) -> dict[str, Change]:
    return {code: c for code, c in result.changes.items()
            if code in instrument.constructs and instrument.constructs[code].is_quality}


def family_of(code: str) -> str:
    return "blocks" if code in BLOCKS else "roles" if code.startswith("rol_") else ""


def _family(changes: dict[str, Change], moved: list[tuple[str, Change]], rule: str) -> Headline | None:
    """Three or more building blocks (else roles) that changed clearly in one direction, named
    together in the order of the questionnaire, largest change first in `values`' range."""
    for family in FAMILIES:
        members = [(code, c) for code, c in moved if family_of(code) == family]
        if len(members) >= MIN_FAMILY:
            members.sort(key=lambda pair: -abs(pair[1].change))
            size = sum(family_of(code) == family for code in changes)
            return replace(_headline(rule, tuple(code for code, _ in members), tuple(c.printed for _, c in members),
                                     len(moved)), family=family, family_size=size)
    return None


def _declines(result: CoalitionResult, instrument: Instrument) -> Headline | None:
    changes = _quality_changes(result, instrument)
    fell = [(code, c) for code, c in changes.items() if c.clear and c.change < 0]
    if not fell:
        return None
    if (together := _family(changes, fell, "decline")) is not None:
        return together
    fell.sort(key=lambda pair: (pair[0] not in BLOCKS, pair[1].change))
    named = [(code, c) for code, c in fell if code in BLOCKS] or fell[:1]
    return _headline("decline", tuple(code for code, _ in named), tuple(c.printed for _, c in named), len(fell))


def _all_rose(result: CoalitionResult, instrument: Instrument) -> Headline | None:
    changes = _quality_changes(result, instrument)
    if len(changes) < MIN_ALL_ROSE or not all(c.significant and c.change > 0 for c in changes.values()):
        return None
    code, largest = max(changes.items(), key=lambda pair: pair[1].change)
    return _headline("all_rose", (code,), (largest.printed,), len(changes))


def _rise(result: CoalitionResult, instrument: Instrument) -> Headline | None:
    changes = _quality_changes(result, instrument)
    rose = [(code, c) for code, c in changes.items() if c.clear and c.change > 0]
    if not rose or _all_rose(result, instrument) is not None:
        return None
    if (together := _family(changes, rose, "rise")) is not None:
        return together
    code, largest = max(rose, key=lambda pair: pair[1].change)
    return _headline("rise", (code,), (largest.printed,), len(rose))


def _role_unfilled(result: CoalitionResult, instrument: Instrument) -> Headline | None:
    unfilled = [r for r in result.roles.values() if r.status == "unfilled" and r.nobody is not None]
    if not unfilled:
        return None
    role = max(unfilled, key=lambda r: r.nobody or 0.0)
    return _headline("role_unfilled", (role.role,), (role.nobody or 0.0,), len(unfilled))


def _governance(result: CoalitionResult, instrument: Instrument) -> Headline | None:
    found = result.governance
    if not found.sure_misfit or found.fitting is None or found.fitting_unsure:
        return None   # a misfit only within a condition's interval is no headline: the data do not say it
    return _headline("governance_misfit", (found.declared, found.fitting), ())


TRUST = "vertrouwen"


def _low_trust(result: CoalitionResult, instrument: Instrument) -> Headline | None:
    """Values: the share of pairs with high trust (-1 when the relations were not asked), then
    the trust scale's mean when its whole interval is a concern (else nothing)."""
    found = next((d for d in result.diagnoses if d.kind == "low_trust"), None)
    scale = result.constructs.get(TRUST)
    concern = scale is not None and scale.mean is not None and scale.band_high == "concern"
    if found is None and not concern:
        return None
    density = found.evidence.trust_density if found is not None and isinstance(found.evidence, TrustEvidence) else -1.0
    values = (density, scale.mean) if concern and scale is not None and scale.mean is not None else (density,)
    return _headline("low_trust", (TRUST,), values)


def _block_means(result: CoalitionResult) -> dict[str, float]:
    return {b: mean for b in BLOCKS if b in result.constructs and (mean := result.constructs[b].mean) is not None}


def _extreme(result: CoalitionResult, lowest: bool) -> tuple[tuple[str, ...], float] | None:
    means = _block_means(result)
    if len(means) < 2:
        return None
    printed = {b: round(m, 1) for b, m in means.items()}
    target = min(printed.values()) if lowest else max(printed.values())
    tied = tuple(b for b in BLOCKS if printed.get(b) == target)
    return (tied, target) if len(tied) < len(means) else None


def _overlapping(result: CoalitionResult, blocks: tuple[str, ...]) -> tuple[str, ...]:
    """The other building blocks whose 95% interval overlaps that of one of `blocks`: "scoort
    het laagst" alone would call a difference clear that the data do not show."""
    def interval(code: str) -> tuple[float, float] | None:
        s = result.constructs.get(code)
        return None if s is None or s.ci_low is None or s.ci_high is None else (s.ci_low, s.ci_high)
    ends = [e for b in blocks if (e := interval(b)) is not None]
    return tuple(b for b in BLOCKS if b not in blocks and b in _block_means(result)
                 and (other := interval(b)) is not None
                 and any(other[0] <= high and low <= other[1] for low, high in ends))


def _weakest(result: CoalitionResult, instrument: Instrument) -> Headline | None:
    found = _extreme(result, lowest=True)
    if found is None:
        return None
    blocks, mean = found
    concern = all(result.constructs[b].band == "concern" for b in blocks)
    return replace(_headline("weakest_block_concern" if concern else "weakest_block", blocks, (mean,)),
                   near=_overlapping(result, blocks))


def _strongest(result: CoalitionResult, instrument: Instrument) -> Headline | None:
    found = _extreme(result, lowest=False)
    return (replace(_headline("strongest_block", found[0], (found[1],)), near=_overlapping(result, found[0]))
            if found else None)


def _fragmented(result: CoalitionResult, instrument: Instrument) -> Headline | None:
    if result.network is None:                            # not measured is not fragmented
        return None
    split = next((d for d in result.diagnoses if d.kind == "fragmented"), None)       # parts without a tie between
    if split is not None and isinstance(split.evidence, FragmentedEvidence):   # counted as the advice counts
        return _headline("split", (), (), split.evidence.components)
    diagnosis = next((d for d in result.diagnoses if d.kind == "periphery"), None)   # the loose organisations
    if diagnosis is None:
        return None
    loose = result.network.isolated + result.network.peripheral
    return _headline("fragmented", tuple(loose), (), len(loose))


def _low_response(result: CoalitionResult, instrument: Instrument) -> Headline | None:
    taking_part = result.participation
    if taking_part is not None and taking_part.rate is not None and taking_part.invited:
        if taking_part.rate >= LOW_RATE:
            return None
        return _headline("low_response", ("invited",), (taking_part.rate, taking_part.invited),
                         taking_part.respondents)
    response, threshold = result.response, result.settings.anonymity_threshold
    usable = response.used / response.received if response.received else 1.0
    if response.used >= LOW_RESPONSE_FACTOR * threshold and usable >= LOW_USABLE_SHARE:
        return None
    return _headline("low_response", (), (usable,), response.used)
