"""Small tables of the result for the notebook: what an analyst wants to see at a glance."""

from __future__ import annotations

import pandas as pd

from pipeline.analysis.result import CoalitionResult
from pipeline.core.instrument import Instrument


def construct_table(result: CoalitionResult, instrument: Instrument, group: str | None = None,
                    lang: str = "nl") -> pd.DataFrame:
    rows = []
    for code, construct in instrument.constructs.items():
        if group and construct.group != group:
            continue
        s = result.constructs[code]
        rows.append({"construct": construct.name(lang), "n": s.n, "mean": s.mean, "sd": s.sd,
                     "ci_low": s.ci_low, "ci_high": s.ci_high, "pct_agree": s.pct_agree, "band": s.band,
                     "alpha": result.reliability[code].alpha})
    return pd.DataFrame(rows).set_index("construct").round(2)


def response_table(result: CoalitionResult) -> pd.DataFrame:
    r = result.response
    rows = {"received": r.received, "used": r.used, "rejected": r.rejected,
            **{f"rejected: {k}": v for k, v in r.rejections_by_reason.items()}}
    return pd.DataFrame({"responses": rows})


def roles_table(result: CoalitionResult) -> pd.DataFrame:
    rows = [{"role": role, "fulfilment": result.constructs[f.construct].mean, "status": f.status,
             "main holders": ", ".join(f.main_holders), "nobody": f.nobody, "takes role": f.takes_role}
            for role, f in result.roles.items()]
    return pd.DataFrame(rows).set_index("role").round(2)


def governance_table(result: CoalitionResult) -> pd.DataFrame:
    """The four conditions, their level and the modes they point to; the verdict in the header."""
    g = result.governance
    rows = [{"condition": p.name, "value": p.value, "level": p.level, "fits": ", ".join(p.fits)}
            for p in g.predictors]
    table = pd.DataFrame(rows).set_index("condition").round(2)
    table.columns.name = f"declared {g.declared}, seen {g.seen_mode}, fitting {g.fitting}"
    return table


def network_table(result: CoalitionResult) -> pd.DataFrame:
    n = result.network
    if n is None:   # the relation questions were not asked or not answered
        return pd.DataFrame({"network": {"relation questions": result.measured.network.value}})
    figures = {"organisations": n.organisations, "responding organisations": n.responding_organisations,
               "ties": len(n.ties), "ties with strength shown (k raters)": sum(t.intensity is not None for t in n.ties),
               "density": n.density,
               "centralisation": n.centralisation, "reciprocity": n.reciprocity,
               "trust density": n.trust_density, "mean trust": n.mean_trust, "components": n.components}
    return pd.DataFrame({"network": figures}).round(2)


def advice_table(result: CoalitionResult, lang: str = "nl") -> pd.DataFrame:
    rows = [{"kind": a.diagnosis.kind, "subject": a.diagnosis.subject, "title": a.title[lang],
             "quotes": len(a.quotes)} for a in result.advice]
    return pd.DataFrame(rows)
