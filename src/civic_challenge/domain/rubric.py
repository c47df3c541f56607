"""Rubric rules: what a valid criterion is, and what may still change once reviews exist."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

NAME_MAX = 100
GUIDANCE_MAX = 2000
DESCRIPTOR_MAX = 300
SCALE_LEVELS_MAX = 10


@dataclass(frozen=True)
class CriterionDraft:
    """A criterion as an organiser typed it, before it is stored."""

    name: str
    guidance: str
    weight: float
    scale_min: int
    scale_max: int
    descriptors: tuple[str, ...]
    counts_toward_total: bool = True


def criterion_problems(draft: CriterionDraft) -> dict[str, list[str]]:
    """Every problem with a criterion, by field, all at once (empty lists when it is fine)."""
    problems: dict[str, list[str]] = {"name": [], "guidance": [], "weight": [], "scale": []}
    if not draft.name.strip():
        problems["name"].append("Give the criterion a name, e.g. 'Impact on Londoners'.")
    elif len(draft.name.strip()) > NAME_MAX:
        problems["name"].append(f"Keep the name to {NAME_MAX} characters.")
    if len(draft.guidance) > GUIDANCE_MAX:
        problems["guidance"].append(f"Keep the guidance to {GUIDANCE_MAX} characters.")
    if not draft.weight > 0:
        problems["weight"].append("The weight must be more than 0, e.g. 1 or 2.5.")
    problems["scale"] = _scale_problems(draft)
    problems["descriptors"] = _descriptor_problems(draft) if not problems["scale"] else []
    return problems


def _scale_problems(draft: CriterionDraft) -> list[str]:
    if draft.scale_min < 0:
        return ["The lowest score must be 0 or more."]
    if draft.scale_max <= draft.scale_min:
        return ["The highest score must be above the lowest, e.g. 1 to 5."]
    if draft.scale_max - draft.scale_min + 1 > SCALE_LEVELS_MAX:
        return [f"Use at most {SCALE_LEVELS_MAX} levels, so each can have a descriptor."]
    return []


def _descriptor_problems(draft: CriterionDraft) -> list[str]:
    levels = draft.scale_max - draft.scale_min + 1
    descriptors = [d.strip() for d in draft.descriptors]
    if len(descriptors) != levels or not all(descriptors):
        return [
            f"Describe each of the {levels} levels ({draft.scale_min} to {draft.scale_max}), "
            "one line per level, lowest first."
        ]
    if any(len(d) > DESCRIPTOR_MAX for d in descriptors):
        return [f"Keep each level's descriptor to {DESCRIPTOR_MAX} characters."]
    return []


def descriptor_lines(text: str) -> tuple[str, ...]:
    """One descriptor per non-empty line of a text area."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def criterion_key(name: str, taken: Sequence[str]) -> str:
    """A short stable key from the name ('Value for money' -> 'value-for-money'), made unique."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:34] or "criterion"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def counted_problems(counted_after_change: int) -> list[str]:
    if counted_after_change < 1:
        return ["At least one criterion must count toward the total."]
    return []


def locked_scale_problems(old: tuple[int, int], new: tuple[int, int], submitted: int) -> list[str]:
    """After the first submitted review a scale cannot change: see services.rubric for why."""
    if old == new:
        return []
    return [
        f"The scale stays {old[0]} to {old[1]}: {submitted} submitted reviews scored on it. "
        "Scores cannot be carried to another scale fairly; to stop this criterion counting, "
        "untick 'Counts toward the total' instead."
    ]
