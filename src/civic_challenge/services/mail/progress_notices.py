"""Messages about proposals and judging (submission receipt, assignment notices, decision
notices), queued in the unit of work of the action that causes them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from civic_challenge.db import accounts as db_accounts
from civic_challenge.db import organisations as db_organisations
from civic_challenge.db import proposals as db_proposals
from civic_challenge.domain.proposals import deadline_words
from civic_challenge.services.accounts import UserView
from civic_challenge.services.mail.links import page_link
from civic_challenge.services.mail.outbox import DECISION_NOTICE, Attachment, queue_message
from civic_challenge.services.mail.receipt_pdf import receipt_pdf
from civic_challenge.services.receipts import submission_receipt

if TYPE_CHECKING:
    from sqlmodel import Session


def queue_submission_receipt(
    *, session: Session, actor: UserView, proposal_id: int, now: datetime
) -> None:
    """The receipt of the version just submitted, as a PDF, to the person who submitted it."""
    receipt = submission_receipt(session=session, actor=actor, proposal_id=proposal_id)
    proposal = db_proposals.get_proposal(session, proposal_id)
    assert proposal is not None and proposal.reference
    heading = receipt.text.splitlines()[0]
    queue_message(
        session,
        to=actor.email,
        user_id=actor.id,
        template="submission_receipt",
        context={
            "name": actor.name,
            "title": proposal.title,
            "reference": proposal.reference,
            "received": deadline_words(now),
            "version": len(db_proposals.versions_frame(session, proposal_id)),
        },
        attachment=Attachment(
            receipt.filename.removesuffix(".txt") + ".pdf",
            "application/pdf",
            receipt_pdf(heading, receipt.text),
        ),
        now=now,
    )


def queue_assignment_notices(
    *, session: Session, judge_counts: dict[int, int], now: datetime
) -> None:
    """One message per judge with the number of proposals newly assigned to them."""
    for judge_id, count in sorted(judge_counts.items()):
        judge = db_accounts.get_user(session, judge_id)
        if judge is None or not judge.is_active:
            continue
        queue_message(
            session,
            to=judge.email,
            user_id=judge.id,
            template="assignment_notice",
            context={"name": judge.name, "count": count, "link": page_link(None, "queue")},
            now=now,
        )


OUTCOMES = {
    "shortlisted": (
        "shortlisted",
        "Your proposal has been shortlisted. The organisers will be in touch about "
        "what happens next.",
    ),
    "awarded": ("awarded", "Congratulations: your proposal has been awarded funding."),
    "declined": (
        "decision",
        "We are sorry: your proposal has not been selected this time. Thank you for taking part.",
    ),
}


def queue_decision_notices(
    *, session: Session, statuses: dict[int, str], now: datetime, message: str = ""
) -> int:
    """Held notices to every member of each released proposal's organisation, for organisers
    to read and send as one batch; returns how many were queued.

    `statuses` maps each proposal to its released status (shortlisted, awarded, declined);
    `message` is the release's word from the organisers (a pitch date, say), quoted in each."""
    queued = 0
    for proposal_id, status in sorted(statuses.items()):
        proposal = db_proposals.get_proposal(session, proposal_id)
        if proposal is None or status not in OUTCOMES:
            continue
        title, text = OUTCOMES[status]
        members = db_organisations.members_frame(session, proposal.organisation_id)
        for member in members.itertuples():
            queue_message(
                session,
                to=str(member.email),
                user_id=int(member.id),
                template=DECISION_NOTICE,
                context={
                    "name": member.name,
                    "title": proposal.title,
                    "reference": proposal.reference or "",
                    "outcome_title": title,
                    "outcome_text": text,
                    "message": message,
                    "link": page_link(None, "my_proposals"),
                },
                held=True,
                now=now,
            )
            queued += 1
    return queued
