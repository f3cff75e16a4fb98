"""Who took part: response per organisation and actor type, and on what footing people take part.

The response rate needs to know how many people were invited, which only the coalition can
say (`invited:` per organisation in coalition.yaml). Without it the report gives respondents
and organisations only. A rate is never above 100%: an organisation with more respondents than
invited is a mistake in the roster or the file, reported as such and given no rate; the
coalition's overall rate is then not given either, nor when an organisation's `invited` is
missing (a total over part of the roster would read as the whole).

Counts of respondents are participation, not answers, and are shown per organisation. The
answers to `basis` (on whose behalf people take part) and `betrokkenheid` (how involved they
are) are answers, so their distributions obey the anonymity rule (k): no category is shown
with fewer than k people. Small categories are merged into one "overige" cell; when that
cell is still below k the smallest shown category joins it, so that no hidden count can be
worked out from the total answered minus the categories shown. With fewer than k answers in
all, no distribution is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from pipeline.core.coalition import Organisation

MERGED = "overige"
PROFILE_QUESTIONS = ("basis", "betrokkenheid")


@dataclass(frozen=True)
class Rate:
    """Respondents against invited people; `rate` is None without a (consistent) `invited`."""

    respondents: int
    invited: int | None
    rate: float | None


@dataclass(frozen=True)
class Share:
    category: str       # the option's code, or "overige" for the merged small categories
    count: int
    share: float        # of those who answered the question


@dataclass(frozen=True)
class Distribution:
    answered: int
    shares: tuple[Share, ...]       # empty when fewer than k people answered
    merged: tuple[str, ...]         # option codes counted together in "overige"
    grown: tuple[str, ...] = ()     # ... of those, the ones given k times or more, added to protect a small one


@dataclass(frozen=True)
class Participation:
    respondents: int
    invited: int | None                  # None unless every organisation on the roster has `invited`
    rate: float | None
    organisations: Mapping[str, Rate]    # roster code -> response of that organisation
    actortypes: Mapping[str, Rate]       # roster actor type -> response of its organisations together
    responding: int                      # organisations with at least one respondent
    not_responding: tuple[str, ...]      # roster codes without respondents
    more_than_invited: tuple[str, ...]   # roster codes with more respondents than invited: no rate
    profile: Mapping[str, Distribution]  # basis, betrokkenheid -> distribution; absent when not asked


def rate(respondents: int, invited: int | None) -> Rate:
    """A rate only where it can be one: invited known, not zero and not below the respondents."""
    usable = invited is not None and 0 < invited and respondents <= invited
    return Rate(respondents, invited, respondents / invited if usable and invited else None)


def combined(rates: Sequence[Rate]) -> Rate:
    """Several organisations' response together; a rate only when each has a usable one."""
    invited = [r.invited for r in rates]
    total = None if any(i is None for i in invited) else sum(i for i in invited if i is not None)
    together = rate(sum(r.respondents for r in rates), total)
    return together if all(r.rate is not None for r in rates) else Rate(together.respondents, total, None)


def protected_distribution(counts: Mapping[str, int], threshold: int) -> Distribution:
    """Counts per category in option order, with every category below `threshold` (but above
    zero) merged into "overige", and that cell grown with the smallest shown categories until it
    reaches the threshold too."""
    answered = sum(counts.values())
    if answered < threshold:
        return Distribution(answered, (), ())
    small = [c for c, n in counts.items() if 0 < n < threshold]
    if small:
        shown = sorted((c for c, n in counts.items() if n >= threshold), key=lambda c: counts[c])
        while sum(counts[c] for c in small) < threshold and shown:
            small.append(shown.pop(0))
    merged = [c for c in counts if c in small]
    cells = [(c, n) for c, n in counts.items() if c not in small]
    if merged:
        cells.append((MERGED, sum(counts[c] for c in merged)))
    return Distribution(answered, tuple(Share(c, n, n / answered) for c, n in cells), tuple(merged),
                        tuple(c for c in merged if counts[c] >= threshold))


def participation(frame: pd.DataFrame, organisations: tuple[Organisation, ...], options: Mapping[str, list[str]],
                  threshold: int) -> Participation:
    """Response and profile of the used respondents; `options`: the option codes of each
    profile question, in the questionnaire's order (a question absent from the file is left out)."""
    counts = frame["organisatie"].value_counts()
    per_org = {o.code: rate(int(counts.get(o.code, 0)), o.invited) for o in organisations}
    types = list(dict.fromkeys(o.actortype for o in organisations))
    per_type = {kind: combined([per_org[o.code] for o in organisations if o.actortype == kind]) for kind in types}
    overall = combined(list(per_org.values()))
    profile = {}
    for question in PROFILE_QUESTIONS:
        if question in frame:
            answers = frame[question].dropna().astype(str).value_counts()
            profile[question] = protected_distribution({c: int(answers.get(c, 0)) for c in options[question]},
                                                       threshold)
    return Participation(
        respondents=int(len(frame)), invited=overall.invited, rate=overall.rate, organisations=per_org,
        actortypes=per_type, responding=sum(r.respondents > 0 for r in per_org.values()),
        not_responding=tuple(code for code, r in per_org.items() if r.respondents == 0),
        more_than_invited=tuple(code for code, r in per_org.items()
                                if r.invited is not None and r.respondents > r.invited),
        profile=profile,
    )
