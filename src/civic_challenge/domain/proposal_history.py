"""What changed between submitted versions of a proposal, in the words of the form."""

FIELD_NAMES = {
    "statement": "challenge statement",
    "primary_theme": "primary theme",
    "secondary_themes": "other themes",
    "title": "title",
    "summary": "summary",
    "problem": "problem",
    "solution": "solution",
    "impact": "impact",
    "milestones": "milestones",
    "amount_requested_pence": "amount requested",
    "pilot_boroughs": "pilot boroughs",
    "attachment": "attachment",
}


def changed_fields(before: dict | None, after: dict) -> list[str]:
    """The form's names of the fields that differ; ["first submission"] when there is no before."""
    if before is None:
        return ["first submission"]
    return [name for key, name in FIELD_NAMES.items() if before.get(key) != after.get(key)]


def review_flags(*, changes_after_submit: int, others_visible: bool, conflicted: bool) -> list[str]:
    """Why a review needs a second look: a conflict found later, or edits after submitting
    while the settings let the judge see other judges' totals."""
    flags = []
    if conflicted:
        flags.append("Judge has a conflict with this organisation: this review does not count.")
    if changes_after_submit and others_visible:
        times = "once" if changes_after_submit == 1 else f"{changes_after_submit} times"
        flags.append(f"Changed {times} after submitting, when others' totals could be seen.")
    elif changes_after_submit:
        flags.append(f"Changed {changes_after_submit} time(s) after submitting.")
    return flags
