"""The three tensions of Provan & Kenis, where the data speak to them.

Every governance mode handles efficiency vs inclusiveness, internal vs external legitimacy
and flexibility vs stability in its own way; a report that names a mode should say what the
coalition gives up with it. Only what the scan measures is read here (rules in
docs/scores.md); flexibility vs stability has no measure in the instrument and is never
claimed from the data."""

from __future__ import annotations

from dataclasses import replace

from pipeline.analysis.governance import LEAD, NAO, SHARED, Governance, Tension

EFFICIENCY, LEGITIMACY = "efficiency_inclusiveness", "internal_external_legitimacy"


def with_tensions(found: Governance, parts: int | None = None, density: float | None = None,
                  low_density: float | None = None) -> Governance:
    return replace(found, tensions=tensions(found, parts, density, low_density))


def tensions(found: Governance, parts: int | None = None, density: float | None = None,
             low_density: float | None = None) -> tuple[Tension, ...]:
    """The tensions the data speak to for the declared mode, by the rules in the docstrings.
    `parts`, `density`: the network's parts and the share of pairs with a working tie, when
    ties were measured; `low_density`: below it the network is sparse."""
    level = {p.name: p.level for p in found.predictors}
    out: list[Tension] = []
    # shared governance asks everyone to work with everyone: a network in loose parts, or with
    # few working ties, cannot steer together, however dense the trust between the pairs rated
    if found.declared == SHARED and parts is not None and parts > 1:
        out.append(Tension(EFFICIENCY, "shared_parts"))
    elif (found.declared == SHARED and density is not None and low_density is not None
          and density < low_density):
        out.append(Tension(EFFICIENCY, "shared_sparse"))
    # shared governance involves everyone: with more than a few organisations that costs speed
    if found.declared == SHARED and level["organisations"] in ("moderate", "many"):
        out.append(Tension(EFFICIENCY, "shared_size"))
    # a host decides fast; in a small network with dense trust it gives up inclusiveness it could afford
    if found.declared in (LEAD, NAO) and level["organisations"] == "few" and level["trust_density"] == "high":
        out.append(Tension(EFFICIENCY, "host_small_trusting"))
    # internal legitimacy: members who see another mode than the declared one do not carry it
    seen_differs = found.seen_mode is not None and found.seen_mode != found.declared
    if seen_differs:
        out.append(Tension(LEGITIMACY, "seen_differs"))
    # a host nobody works with has no standing inside, whatever the others see
    if found.declared in (LEAD, NAO) and found.host is not None and found.host.untied:
        out.append(Tension(LEGITIMACY, "host_untied"))
    # a lead organisation's legitimacy inside rests on the others' trust in it
    elif not seen_differs and found.declared == LEAD and found.host is not None and found.host.trust_centre is False:
        out.append(Tension(LEGITIMACY, "lead_not_trusted"))
    return tuple(out)
