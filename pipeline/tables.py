"""Small tables of the result for the notebook: what an analyst wants to see at a glance."""

from __future__ import annotations

import pandas as pd

from pipeline.analysis import CoalitionResult
from pipeline.instrument import Instrument


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
    rows = {"received": r["received"], "used": r["used"], "rejected": r["rejected"],
            **{f"rejected: {k}": v for k, v in r["rejections_by_reason"].items()}}
    return pd.DataFrame({"responses": rows})
