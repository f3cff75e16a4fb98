"""What respondents are promised about their answers, in one place for every form they fill
in (the questionnaire PDF, the LimeSurvey survey), with the coalition's own anonymity
threshold k: the rules the analysis keeps, so the promise and the report never differ."""

from __future__ import annotations

from pipeline.core.coalition import Coalition
from pipeline.core.i18n import Translator
from pipeline.core.settings import default_settings


def anonymity_threshold(coalition: Coalition | None) -> int:
    """The coalition's k, or the default setting's for a form that is not for one coalition."""
    return (coalition.settings if coalition else default_settings()).anonymity_threshold


def privacy_promise(t: Translator, coalition: Coalition | None) -> list[str]:
    """The promise in sentences: no result on fewer than k people, answers on organisations only
    pooled, names and e-mail addresses never in a report."""
    return [t("questionnaire_privacy_threshold", k=anonymity_threshold(coalition)),
            t("questionnaire_privacy_pooled"), t("questionnaire_privacy_names")]
