"""The response in words: the cover's and summary's response line, and the cells of the
response tables (per organisation and per actor type).

A rate is only given where `invited` is known and consistent (see
`pipeline.analysis.participation`); otherwise the line says how many responded and from how
many organisations, which is true without knowing who was invited."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.analysis.participation import Distribution, Participation, Rate
from pipeline.analysis.result import CoalitionResult
from pipeline.core.i18n import Translator
from pipeline.core.instrument import Instrument
from pipeline.core.labels import group_in_sentence


@dataclass(frozen=True)
class ResponseTexts:
    line: str                      # "161 van 240 genodigden (67%), 9 van 12 organisaties"
    organisations: dict[str, str]  # roster code -> "9 van 12 (75%)", "9" or "geen respons"
    actortypes: dict[str, str]     # actor type -> the same for its organisations together
    merged: dict[str, str]         # profile question -> the note on the answers counted together as "overige"


def rate_cell(rate: Rate, t: Translator) -> str:
    if rate.respondents == 0:
        return t("response_none")
    if rate.rate is None:       # more answers than invited, here or in one of the type's organisations
        over = rate.invited is not None and rate.respondents > rate.invited
        return t("response_over", respondents=rate.respondents, invited=rate.invited) if over \
            else str(rate.respondents)
    return t("response_rate_cell", respondents=rate.respondents, invited=rate.invited, rate=t.percent(rate.rate))


def response_line(p: Participation, organisations: int, t: Translator) -> str:
    orgs = (t("response_orgs_all", organisations=organisations) if p.responding == organisations
            else t("response_orgs", responding=p.responding, organisations=organisations))
    if p.rate is None:
        return t("response_counts", respondents=p.respondents, orgs=orgs)
    return t("response_invited", respondents=p.respondents, invited=p.invited, rate=t.percent(p.rate), orgs=orgs)


def response_texts(result: CoalitionResult, instrument: Instrument, t: Translator) -> ResponseTexts | None:
    """None for a result without participation (a scores.json from before it was measured)."""
    p = result.participation
    if p is None:
        return None
    k = result.settings.anonymity_threshold
    return ResponseTexts(response_line(p, result.coalition.organisations, t),
                         {code: rate_cell(r, t) for code, r in p.organisations.items()},
                         {kind: rate_cell(r, t) for kind, r in p.actortypes.items()},
                         {q: merged_note(q, d, instrument, k, t) for q, d in p.profile.items() if d.merged})


def merged_note(question: str, d: Distribution, instrument: Instrument, k: int, t: Translator) -> str:
    """Which answers stand together as "overige": an answer given k times or more that joined
    to protect a small one is named as such, since "minder dan k keer gegeven" is not true of it."""
    def names(codes: list[str]) -> str:
        return t.join([group_in_sentence(instrument, question, c, t) for c in codes])
    small = [c for c in d.merged if c not in d.grown]
    if not d.grown:
        return t("profile_merged", k=k, names=names(small))
    key = "profile_merged_grown" if len(d.grown) == 1 else "profile_merged_grown_many"
    return t(key, k=k, names=names(small), grown=names(list(d.grown)))
