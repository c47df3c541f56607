"""The Rubric page's parts: the criteria as judges will see them, and the criterion form."""

from dataclasses import dataclass

import streamlit as st

from civic_challenge.domain.rubric import CriterionDraft, descriptor_lines
from civic_challenge.services.rubric import CriterionView, RubricView
from civic_challenge.ui import feedback
from civic_challenge.ui.text import plain

FORM = "criterion"
NEW = 0


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
            f"{c.name} · weight {c.weight:g} · {c.scale_min} to {c.scale_max} · {counts}"
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
    return st.selectbox(
        "Criterion to edit",
        options,
        format_func=names.get,
        help="Choose one to change, or add a new one (only before the rubric locks).",
    )


def criterion_form(rubric: RubricView, chosen: int) -> CriterionForm:
    current = next((c for c in rubric.criteria if c.id == chosen), None)
    c = current or CriterionView(NEW, "", "", "", 1.0, 1, 5, (), True, 0)
    with st.form(f"{FORM}_{chosen}"):
        feedback.problem_summary(FORM)
        name = st.text_input(
            "Name", value=c.name, max_chars=100, help="E.g. 'Impact on Londoners'."
        )
        feedback.field_problems(FORM, "name")
        guidance = st.text_area(
            "Guidance for judges",
            value=c.guidance,
            max_chars=2000,
            help="What to look for when scoring this criterion.",
        )
        weight = st.number_input(
            "Weight",
            value=float(c.weight),
            step=0.5,
            help="How much it counts relative to the others; more than 0.",
        )
        feedback.field_problems(FORM, "weight")
        low, high = st.columns(2)
        scale_min = low.number_input("Lowest score", value=c.scale_min, step=1, help="Usually 1.")
        scale_max = high.number_input("Highest score", value=c.scale_max, step=1, help="Usually 5.")
        feedback.field_problems(FORM, "scale")
        descriptors = st.text_area(
            "Level descriptors, one line per level, lowest first",
            value="\n".join(c.descriptors),
            help="What each score means, e.g. line 1 for a 1, line 5 for a 5.",
        )
        feedback.field_problems(FORM, "descriptors")
        counts = st.checkbox(
            "Counts toward the total",
            value=c.counts_toward_total,
            help="Untick for a criterion that informs but does not rank.",
        )
        feedback.field_problems(FORM, "counts")
        reason = ""
        if rubric.locked:
            reason = st.text_area(
                "Reason for the reset",
                max_chars=500,
                help="Recorded in the audit trail with the before and after.",
            )
            feedback.field_problems(FORM, "reason")
        label = "Reset this criterion" if rubric.locked else "Save criterion"
        submitted = st.form_submit_button(label, type="primary")
    draft = CriterionDraft(
        name,
        guidance,
        float(weight),
        int(scale_min),
        int(scale_max),
        descriptor_lines(descriptors),
        counts,
    )
    return CriterionForm(submitted, current.id if current else None, draft, reason)
