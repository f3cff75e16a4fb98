"""The lead organisation or network office coalition.yaml names, held against the answers.

Provan & Kenis's lead organisation works when trust is centred on it; a network office
(NAO) exists to do the network's leadership work. So the named host is looked for among the
organisations most trusted (the centres of high trust) and among the holders respondents
name for the four roles: by its actor type, and for a network office also as "the programme
office" (its staff answer as programmabureau). Named by nobody for any role is a finding."""

from __future__ import annotations

from pipeline.analysis.governance import Host
from pipeline.analysis.roles import RoleFilling
from pipeline.analysis.trust import TrustSpread
from pipeline.core.coalition import Coalition

OFFICE_POSITION = "programmabureau"


def declared_host(coalition: Coalition, roles: dict[str, RoleFilling], trust: TrustSpread | None,
                  isolated: tuple[str, ...] | None = None) -> Host | None:
    """The host named in coalition.yaml (the network office when both are named), or None.
    `isolated`: the organisations without any working tie (None: ties not measured), because a
    host nobody works with cannot do the network's leadership work, whatever the mode says."""
    kind, code = (("network_office", coalition.network_office) if coalition.network_office
                  else ("lead_organisation", coalition.lead_organisation))
    if code is None:
        return None
    organisation = next(o for o in coalition.organisations if o.code == code)
    aliases = {organisation.actortype} | ({OFFICE_POSITION} if kind == "network_office" else set())
    named = {role: max((f.holders.get(a, 0.0) for a in aliases), default=0.0)
             for role, f in roles.items() if f.status != "unknown"}
    return Host(code, organisation.name, organisation.actortype, kind,
                None if trust is None or trust.centralisation is None else code in trust.centres,
                named, bool(named) and not any(named.values()), None if isolated is None else code in isolated)
