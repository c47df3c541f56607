"""Rules for a judge's review: what a draft may hold, what a submission needs, when judging is
open, and when a judge may see other judges' scores."""

import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from civic_challenge.domain.scoring import CriterionScale
from civic_challenge.domain.terms import Confidence, Phase, ScoreVisibility

COMMENT_MIN = 30
COMMENT_MAX = 2000
NOTE_MAX = 2000
REASON_MIN = 10
REASON_MAX = 500


def judging_open(phase: str, judging_closes_at: datetime, now: datetime) -> bool:
    return phase == Phase.JUDGING.value and now < judging_closes_at


def review_problems(
    scores: Mapping[str, int | None],
    criteria: Sequence[CriterionScale],
    *,
    confidence: str | None,
    comment: str,
    note: str,
    submitting: bool,
) -> dict[str, list[str]]:
    """Every problem, by field ('score:<key>', 'confidence', 'comment', 'note'), all at once.

    A draft may leave things out; a submission needs every counted criterion scored, a
    confidence and a comment for the applicant of at least COMMENT_MIN characters.
    """
    problems: dict[str, list[str]] = {}
    known = {c.key for c in criteria}
    for key in scores:
        if key not in known:
            problems[f"score:{key}"] = ["This criterion is no longer in the rubric. Reload."]
    for criterion in criteria:
        problems[f"score:{criterion.key}"] = _score_problems(
            scores.get(criterion.key), criterion, submitting
        )
    problems["confidence"] = _confidence_problems(confidence, submitting)
    problems["comment"] = _comment_problems(comment.strip(), submitting)
    if len(note) > NOTE_MAX:
        problems["note"] = [f"Keep the note for the panel to {NOTE_MAX} characters."]
    return {field: messages for field, messages in problems.items() if messages}


def _score_problems(score: int | None, criterion: CriterionScale, submitting: bool) -> list[str]:
    low, high = criterion.scale_min, criterion.scale_max
    if score is None:
        if submitting and criterion.counts_toward_total:
            return [f"Score this criterion ({low} to {high}) before submitting."]
        return []
    if not low <= score <= high:
        return [f"A score must be between {low} and {high}; {score} is outside the scale."]
    return []


def _confidence_problems(confidence: str | None, submitting: bool) -> list[str]:
    if confidence is None:
        return ["Say how confident you are before submitting."] if submitting else []
    if confidence not in {c.value for c in Confidence}:
        return ["Choose low, medium or high confidence."]
    return []


def _comment_problems(comment: str, submitting: bool) -> list[str]:
    if len(comment) > COMMENT_MAX:
        return [
            f"Keep the comment for the applicant to {COMMENT_MAX} characters; "
            f"it has {len(comment)}."
        ]
    if submitting and len(comment) < COMMENT_MIN:
        return [
            f"Write at least {COMMENT_MIN} characters for the applicant (so far {len(comment)}): "
            "what was strong, and what would make it stronger."
        ]
    return []


def reason_problems(reason: str, *, what: str = "reason") -> list[str]:
    text = reason.strip()
    if len(text) < REASON_MIN:
        return [f"Give a {what} of at least {REASON_MIN} characters."]
    if len(text) > REASON_MAX:
        return [f"Keep the {what} to {REASON_MAX} characters."]
    return []


def may_see_other_scores(visibility: str, own_submitted: bool) -> bool:
    if visibility == ScoreVisibility.ALWAYS.value:
        return True
    return visibility == ScoreVisibility.AFTER_OWN.value and own_submitted


def redact(text: str, name: str) -> str:
    """Under blind review, the applicant's own words may name them: put a neutral phrase in."""
    if not name.strip():
        return text
    return re.sub(re.escape(name.strip()), "[the applicant]", text, flags=re.IGNORECASE)
