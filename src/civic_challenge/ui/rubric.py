"""The Rubric page's parts: the criteria as judges will see them, and the criterion form, drawn
from the criterion's version (ui.form_versions)."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import streamlit as st

from civic_challenge.domain.reviews import REASON_MAX
from civic_challenge.domain.rubric import (
    GUIDANCE_MAX,
    NAME_MAX,
    CriterionDraft,
    descriptor_lines,
)
from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.rubric import (
    CriterionView,
    RubricView,
    remove_criterion,
    reset_criterion,
    save_criterion,
)
from civic_challenge.ui import feedback, limited_text
from civic_challenge.ui import form_versions as versions
from civic_challenge.ui.text import plain

FORM = "criterion"
NEW = 0
LABELS = {
    "name": "Name",
    "guidance": "Guidance for judges",
    "weight": "Weight",
    "scale": "Scale",
    "descriptors": "Level descriptors",
    "counts": "Counts toward the total",
}


@dataclass(frozen=True)
class CriterionForm:
    submitted: bool
    criterion_id: int | None
    draft: CriterionDraft
    reason: str


def show(rubric: RubricView) -> None:
    if rubric.locked:
        st.warning(
            f"Locked: {rubric.submitted_reviews} reviews have been submitted. Changes now need a "
            "reset with a reason, and every total is recomputed.",
            icon=":material/lock:",
        )
    if not rubric.criteria:
        st.info("No criteria yet. Add the first below.", icon=":material/info:")
    for c in rubric.criteria:
        counts = "counts toward the total" if c.counts_toward_total else "does not count"
        with st.expander(
            f"{plain(c.name)} · weight {c.weight:g} · {c.scale_min} to {c.scale_max} · {counts}"
        ):
            st.caption(plain(c.guidance) or "No guidance.")
            levels = range(c.scale_min, c.scale_max + 1)
            st.markdown(
                "\n".join(
                    f"- **{n}**: {plain(d)}" for n, d in zip(levels, c.descriptors, strict=False)
                )
            )


def choose(rubric: RubricView) -> int:
    options = ([] if rubric.locked else [NEW]) + [c.id for c in rubric.criteria]
    names = {NEW: "A new criterion"} | {c.id: c.name for c in rubric.criteria}
    if not options:
        return NEW
    chosen = st.selectbox("Criterion to edit", options, format_func=names.get)
    st.caption("Choose one to change, or add a new one (only before the rubric locks).")
    return chosen


def _values(c: CriterionView) -> dict[str, Any]:
    """What the form compares with the stored criterion, by field."""
    return {
        "name": c.name,
        "guidance": c.guidance,
        "weight": float(c.weight),
        "scale": f"{c.scale_min} to {c.scale_max}",
        "descriptors": "\n".join(c.descriptors),
        "counts": bool(c.counts_toward_total),
    }


def _stored(rubric: RubricView) -> dict[int, versions.Drawn]:
    return {c.id: versions.Drawn(c.version, _values(c)) for c in rubric.criteria}


def criterion_form(rubric: RubricView, chosen: int) -> CriterionForm:
    versions.remember(FORM, versions.Drawn(0, _stored(rubric)), chosen)
    key = lambda field: versions.key(FORM, f"{chosen}_{field}")  # noqa: E731
    current = next((c for c in rubric.criteria if c.id == chosen), None)
    c = current or CriterionView(NEW, "", "", "", 1.0, 1, 5, (), True, 0)
    with st.form(f"{FORM}_{chosen}"):
        feedback.problem_summary(FORM)
        name = limited_text.text_input(
            "Name",
            value=c.name,
            limit=NAME_MAX,
            help="E.g. 'Impact on Londoners'.",
            key=key("name"),
        )
        feedback.field_problems(FORM, "name", name)
        guidance = limited_text.text_area(
            "Guidance for judges",
            value=c.guidance,
            limit=GUIDANCE_MAX,
            help="What to look for when scoring this criterion.",
            key=key("guidance"),
        )
        feedback.field_problems(FORM, "guidance", guidance)
        weight = st.number_input(
            "Weight",
            value=float(c.weight),
            step=0.5,
            key=key("weight"),
        )
        st.caption("How much it counts relative to the others; more than 0.")
        feedback.field_problems(FORM, "weight", weight)
        low, high = st.columns(2)
        scale_min = low.number_input("Lowest score", value=c.scale_min, step=1, key=key("low"))
        low.caption("Usually 1.")
        scale_max = high.number_input("Highest score", value=c.scale_max, step=1, key=key("high"))
        high.caption("Usually 5.")
        feedback.field_problems(FORM, "scale", (scale_min, scale_max))
        descriptors = st.text_area(
            "Level descriptors, one line per level, lowest first",
            value="\n".join(c.descriptors),
            key=key("descriptors"),
        )
        st.caption("What each score means, e.g. line 1 for a 1, line 5 for a 5.")
        feedback.field_problems(FORM, "descriptors", descriptors)
        counts = st.checkbox(
            "Counts toward the total",
            value=c.counts_toward_total,
            key=key("counts"),
        )
        st.caption("Untick for a criterion that informs but does not rank.")
        feedback.field_problems(FORM, "counts", counts)
        reason = ""
        if rubric.locked:
            reason = limited_text.text_area(
                "Reason for the reset",
                limit=REASON_MAX,
                help="Recorded in the audit trail with the before and after.",
                key=key("reason"),
            )
            feedback.field_problems(FORM, "reason", reason)
        label = "Reset this criterion" if rubric.locked else "Save criterion"
        submitted = st.form_submit_button(label, type="primary")
    draft = CriterionDraft(
        name,
        guidance,
        float(weight or 0),
        int(scale_min or 0),
        int(scale_max or 0),
        descriptor_lines(descriptors),
        counts,
    )
    return CriterionForm(submitted, current.id if current else None, draft, reason)


def criterion_section(actor: UserView, rubric: RubricView, chosen: int) -> None:
    """The form for the chosen criterion (or a new one); a save, reset or removal is made
    against the criterion as it was when the form was drawn."""
    form = criterion_form(rubric, chosen)
    stored = _stored(rubric).get(chosen, versions.Drawn(0, {}))
    drawn = versions.drawn_values(FORM).get(chosen, stored)
    d = form.draft
    mine = {
        "name": d.name,
        "guidance": d.guidance,
        "weight": d.weight,
        "scale": f"{d.scale_min} to {d.scale_max}",
        "descriptors": "\n".join(d.descriptors),
        "counts": d.counts_toward_total,
    }
    if rubric.locked and form.criterion_id:
        action, success = _reset(actor, form), _reset_message
    else:
        action, success = _save(actor, form), "Criterion saved."
    typed = {
        "name": d.name,
        "guidance": d.guidance,
        "weight": d.weight,
        "scale": (d.scale_min, d.scale_max),
        "reason": form.reason,
    }
    state = versions.FormState(stored, mine, LABELS, action, success, problem_values=typed)
    removing = bool(form.criterion_id) and not rubric.locked and st.button("Remove this criterion")
    if removing:
        state = replace(state, action=_remove(actor, form), success="Criterion removed.")
    versions.finish(FORM, form.submitted or removing, state, drawn)


def _save(actor: UserView, form: CriterionForm) -> Callable[[Any, int], Any]:
    return lambda session, version: save_criterion(
        session=session,
        actor=actor,
        draft=form.draft,
        criterion_id=form.criterion_id,
        version=version if form.criterion_id else None,
        now=now(),
    )


def _reset(actor: UserView, form: CriterionForm) -> Callable[[Any, int], Any]:
    return lambda session, version: reset_criterion(
        session=session,
        actor=actor,
        criterion_id=form.criterion_id,
        draft=form.draft,
        reason=form.reason,
        version=version,
        now=now(),
    )


def _remove(actor: UserView, form: CriterionForm) -> Callable[[Any, int], Any]:
    return lambda session, version: remove_criterion(
        session=session, actor=actor, criterion_id=form.criterion_id, version=version, now=now()
    )


def _reset_message(recomputed: int) -> str:
    return f"Criterion reset; {recomputed} review totals recomputed."
