"""One proposal seen whole (organisers): every section, the attachment, screening, versions,
assignments and conflicts, every review side by side, and the proposal's audit trail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from civic_challenge.db import dossier as db_dossier
from civic_challenge.db import proposals as db_proposals
from civic_challenge.domain.proposal_history import changed_fields, review_flags
from civic_challenge.domain.terms import Role, ScoreVisibility
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import NotFound
from civic_challenge.services.organisations import list_boroughs
from civic_challenge.services.permissions import acting
from civic_challenge.services.screening import list_screening

if TYPE_CHECKING:
    from sqlmodel import Session

SECTIONS = ("summary", "problem", "solution", "impact", "milestones")


@dataclass(frozen=True)
class ProposalDossier:
    id: int
    reference: str | None
    title: str
    status: str
    organisation: str
    organisation_facts: dict[str, str]
    statement: str
    partner: str
    theme: str
    amount_requested_pence: int | None
    pilot_boroughs: tuple[str, ...]
    sections: dict[str, str]
    submitted_at: datetime | None
    attachment_name: str | None
    attachment_size: int | None
    check_reasons: tuple[str, ...]  # what the eligibility check finds; empty when it passes
    screening_reason: str
    screened_at: datetime | None
    versions: pd.DataFrame  # version, submitted_at, changed
    assignments: pd.DataFrame
    conflicts: pd.DataFrame
    reviews: pd.DataFrame  # one column per judge, one row per criterion and field
    review_notices: tuple[str, ...]
    decisions: pd.DataFrame
    audit: pd.DataFrame


def proposal_dossier(*, session: Session, actor: UserView, proposal_id: int) -> ProposalDossier:
    actor = acting(session, actor, Role.ORGANISER)
    proposal = db_proposals.get_proposal(session, proposal_id)
    if proposal is None or proposal.reference is None:
        raise NotFound("There is no submitted proposal with that number.")
    assert proposal.id is not None
    organisation = db_dossier.organisation_of(session, proposal.organisation_id)
    challenge = db_proposals.get_challenge(session, proposal.challenge_id)
    assert organisation is not None and challenge is not None
    statement, partner, theme = db_dossier.statement_and_theme(session, proposal.statement_id)
    names = {b.code: b.name for b in list_boroughs()}
    attachment = db_proposals.attachment_of(session, proposal.id)
    conflicts = db_dossier.conflicts_frame(session, organisation.id)  # type: ignore[arg-type]
    blocked = set(conflicts.loc[conflicts["blocking"].astype(bool), "judge_id"])
    audit = _readable_audit(db_dossier.audit_trail(session, proposal.id))
    reviews, notices = _reviews_side_by_side(
        session,
        proposal.id,
        blocked,
        audit,
        ScoreVisibility(challenge.score_visibility) is not ScoreVisibility.NEVER,
    )
    return ProposalDossier(
        id=proposal.id,
        reference=proposal.reference,
        title=proposal.title,
        status=proposal.status,
        organisation=organisation.name,
        organisation_facts=_organisation_facts(organisation, names),
        statement=statement,
        partner=partner,
        theme=theme,
        amount_requested_pence=proposal.amount_requested_pence,
        pilot_boroughs=tuple(
            names.get(code, code)
            for code in db_proposals.boroughs_of_proposal(session, proposal.id)
        ),
        sections={name: getattr(proposal, name) for name in SECTIONS},
        submitted_at=proposal.submitted_at,
        attachment_name=attachment.filename if attachment else None,
        attachment_size=attachment.size_bytes if attachment else None,
        check_reasons=_check_reasons(session, actor, proposal.id),
        screening_reason=proposal.screening_reason,
        screened_at=proposal.screened_at,
        versions=_versions(db_proposals.versions_frame(session, proposal.id)),
        assignments=db_dossier.assignments_frame(session, proposal.id).drop(columns="judge_id"),
        conflicts=conflicts.drop(columns="judge_id"),
        reviews=reviews,
        review_notices=notices,
        decisions=db_dossier.decisions_frame(session, proposal.id),
        audit=audit,
    )


def _organisation_facts(organisation, boroughs: dict[str, str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    turnover = organisation.turnover_pence
    return {
        "Companies House number": organisation.companies_house_number or "not given",
        "Employees": "not given" if organisation.employees is None else str(organisation.employees),
        "Turnover": "not given" if turnover is None else f"£{turnover / 100:,.0f}",
        "Borough": boroughs.get(organisation.borough_code or "", "outside London or not given"),
        "Website": organisation.website or "not given",
    }


def _check_reasons(session: Session, actor: UserView, proposal_id: int) -> tuple[str, ...]:
    frame = list_screening(session=session, actor=actor)
    row = frame[frame["id"] == proposal_id]
    return () if row.empty else tuple(row.iloc[0]["suggested_reasons"])


def _versions(frame: pd.DataFrame) -> pd.DataFrame:
    changed, before = [], None
    for text in frame["snapshot"]:
        after = json.loads(text)
        changed.append(", ".join(changed_fields(before, after)) or "nothing in the form")
        before = after
    return frame.drop(columns="snapshot").assign(changed=changed)


def _readable_audit(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(who=frame["who"].fillna("the system"))


def _reviews_side_by_side(
    session: Session,
    proposal_id: int,
    blocked: set[int],
    audit: pd.DataFrame,
    others_visible: bool,
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    reviews = db_dossier.reviews_frame(session, proposal_id)
    if reviews.empty:
        return pd.DataFrame(), ()
    scores = db_dossier.scores_frame(session, proposal_id).sort_values("position")
    changes = audit[audit["action"] == "review.changed"]
    columns, notices = {}, []
    for row in reviews.itertuples():
        mine = scores[scores["review_id"] == row.review_id]
        flags = review_flags(
            changes_after_submit=int((changes["object_id"] == row.review_id).sum()),
            others_visible=others_visible,
            conflicted=row.judge_id in blocked,
        )
        notices.extend(f"{row.judge}: {flag}" for flag in flags)
        columns[row.judge] = {
            **{str(c): str(s) for c, s in zip(mine["criterion"], mine["score"], strict=True)},
            "Total (0-100)": "" if pd.isna(row.total) else f"{row.total:.1f}",
            "State": row.state,
            "Confidence": row.confidence or "",
            "Comment for the applicant": row.comment_for_applicant,
            "Moderated wording": row.moderated_comment or "",
            "Note for the panel": row.note_for_panel,
            "Submitted": "" if pd.isna(row.submitted_at) else f"{row.submitted_at:%d %b %Y %H:%M}",
            "Flags": " ".join(flags),
        }
    return pd.DataFrame(columns), tuple(notices)


def proposal_choices(*, session: Session, actor: UserView) -> dict[int, str]:
    """Every submitted proposal of the current challenge: id -> "reference · title"."""
    frame = list_screening(session=session, actor=actor)
    return {
        int(row.id): f"{row.reference} · {row.title or 'Untitled'}" for row in frame.itertuples()
    }
