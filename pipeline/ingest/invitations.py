"""The roster's `invited:` against the responses read: more respondents than invited means the
roster or the file is wrong. That is a finding for the analyst (the report gives no rate for
that organisation), not a reason to stop: the answers themselves are fine."""

from __future__ import annotations

import pandas as pd

from pipeline.core.coalition import Organisation
from pipeline.core.findings import Finding, Severity


def invitation_findings(frame: pd.DataFrame, organisations: tuple[Organisation, ...], file: str) -> list[Finding]:
    """A warning per organisation with more used responses than people invited."""
    counts = frame["organisatie"].value_counts() if "organisatie" in frame else pd.Series(dtype=int)
    return [Finding(Severity.WARNING, "more_than_invited", file,
                    f"{int(counts.get(o.code, 0))} responses from {o.name} ({o.code}), but coalition.yaml "
                    f"says {o.invited} were invited; check 'invited' there. No response rate is given for it.")
            for o in organisations if o.invited is not None and int(counts.get(o.code, 0)) > o.invited]
