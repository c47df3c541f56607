"""Help text for the proposal form: what to write, and what judges look for (from the rubric)."""

from dataclasses import dataclass

from civic_challenge.domain.proposals import FIELD_CRITERIA

WHAT_TO_WRITE = {
    "statement": "The challenge your proposal answers; it sets the proposal's main theme.",
    "secondary_themes": "Other themes your pilot would also help with, if any.",
    "title": "A short name for your pilot that says what it does.",
    "summary": "Your pilot in a few sentences: what, for whom, where. Judges read this first.",
    "problem": "The problem for Londoners, and the evidence that it matters.",
    "solution": "What you will build or run, and what is new about it.",
    "impact": "Who benefits, how many, and how you will measure the difference.",
    "milestones": "What happens month by month during the pilot, and the main risks.",
    "amount": "In pounds, for example 15000. It cannot exceed the award ceiling.",
    "pilot_boroughs": "The London boroughs where the pilot would run.",
    "attachment": "Optional: one PDF of at most 10 MB (a plan, letters of support).",
    "consent": "Required to submit.",
}


@dataclass(frozen=True)
class CriterionText:
    key: str
    name: str
    guidance: str


def field_help(criteria: list[CriterionText]) -> dict[str, str]:
    """Each field's help: what to write, then the rubric lines judges apply to it.

    Criteria no field names (a rubric with keys of its own) are listed on the summary, so every
    criterion is seen somewhere.
    """
    by_key = {c.key: c for c in criteria}
    used = {key for keys in FIELD_CRITERIA.values() for key in keys if key in by_key}
    helps = {}
    for name, text in WHAT_TO_WRITE.items():
        keys = FIELD_CRITERIA.get(name, ())
        if name == "summary":
            keys = tuple(c.key for c in criteria if c.key not in used)
        looked_for = [by_key[key] for key in keys if key in by_key]
        lines = [f"Judges look for {c.name}: {c.guidance}".rstrip(": ") for c in looked_for]
        helps[name] = "  \n".join([text, *lines])
    return helps
