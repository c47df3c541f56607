"""Rows for what people do for themselves, as applicants and as judges."""

from civic_challenge.db.models import Review
from civic_challenge.domain.terms import Role
from civic_challenge.services import (
    account_settings,
    accounts,
    attachments,
    conflicts,
    invites,
    judge_access,
    organisations,
    outcomes,
    permissions,
    proposal_access,
    proposal_drafts,
    proposal_views,
    proposal_writing,
    proposals,
    queue,
    receipts,
    registration,
    review_drafts,
    reviews,
    withdrawal,
)
from civic_challenge.services.errors import (
    InvalidInput,
    ServiceError,
)
from civic_challenge.services.mail import progress_notices

from .permission_rows import (
    JUDGE_OF_PROPOSAL,
    ORGANISERS,
    OWN,
    Rows,
    draft,
    judge_rows,
    judge_writer_rows,
    judging,
    writer_rows,
)
from .permission_world import (
    APPLICANTS,
    JUDGES,
    SIGNED_IN,
    blank,
)

PEOPLE: dict[str, Rows] = {
    # Oneself: any signed-in person, about their own account.
    "account_settings.account_status": judging(
        lambda w, a: account_settings.account_status(session=w.session, actor=a), SIGNED_IN
    ),
    "account_settings.set_reminders": judging(
        lambda w, a: account_settings.set_reminders(session=w.session, actor=a, wanted=False),
        SIGNED_IN,
    ),
    "accounts.change_password": judging(
        lambda w, a: accounts.change_password(
            session=w.session, actor=a, current="wrong", new="x", repeat="y"
        ),
        SIGNED_IN,
        passes_with=InvalidInput,
    ),
    "registration.resend_confirmation": judging(
        lambda w, a: registration.resend_confirmation(session=w.session, actor=a, now=w.now),
        SIGNED_IN,
    ),
    "permissions.acting": judging(lambda w, a: permissions.acting(w.session, a), SIGNED_IN),
    # Applicants: their organisation and its proposals.
    "organisations.applicant_organisation_id": judging(
        lambda w, a: organisations.applicant_organisation_id(w.session, a), APPLICANTS
    ),
    "organisations.my_organisation": judging(
        lambda w, a: organisations.my_organisation(session=w.session, actor=a), APPLICANTS
    ),
    "organisations.list_members": judging(
        lambda w, a: organisations.list_members(session=w.session, actor=a), APPLICANTS
    ),
    "organisations.check_eligibility": judging(
        lambda w, a: organisations.check_eligibility(session=w.session, actor=a), APPLICANTS
    ),
    "organisations.save_organisation": judging(
        lambda w, a: organisations.save_organisation(
            session=w.session,
            actor=a,
            form=blank(organisations.OrganisationInput),
            expected_version=None,
            now=w.now,
        ),
        APPLICANTS,
        passes_with=InvalidInput,
    ),
    "organisations.invite_co_applicant": judging(
        lambda w, a: organisations.invite_co_applicant(
            session=w.session, actor=a, email="colleague@example.org", now=w.now
        ),
        APPLICANTS,
    ),
    "invites.create_invite": judging(
        lambda w, a: invites.create_invite(
            session=w.session, actor=a, email="someone@example.org", role=Role.JUDGE, now=w.now
        ),
        ORGANISERS,
    ),
    "outcomes.list_my_proposals": judging(
        lambda w, a: outcomes.list_my_proposals(session=w.session, actor=a, now=w.now), APPLICANTS
    ),
    "proposal_views.proposal_form_setup": judging(
        lambda w, a: proposal_views.proposal_form_setup(session=w.session, actor=a, now=w.now),
        APPLICANTS,
    ),
    "proposal_access.own_proposal": judging(
        lambda w, a: proposal_access.own_proposal(w.session, a, w.proposal_id), OWN
    ),
    "proposals.open_proposal": judging(
        lambda w, a: proposals.open_proposal(
            session=w.session, actor=a, proposal_id=w.proposal_id, now=w.now
        ),
        OWN,
    ),
    "receipts.submission_receipt": judging(
        lambda w, a: receipts.submission_receipt(
            session=w.session, actor=a, proposal_id=w.proposal_id
        ),
        OWN,
    ),
    "progress_notices.queue_submission_receipt": judging(
        lambda w, a: progress_notices.queue_submission_receipt(
            session=w.session, actor=a, proposal_id=w.proposal_id, now=w.now
        ),
        OWN,
    ),
    "proposal_drafts.autosaved_proposal": judging(
        lambda w, a: proposal_drafts.autosaved_proposal(
            session=w.session, actor=a, proposal_id=w.draft_id
        ),
        OWN,
    ),
    "proposal_drafts.discard_proposal_autosave": judging(
        lambda w, a: proposal_drafts.discard_proposal_autosave(
            session=w.session, actor=a, proposal_id=w.draft_id
        ),
        OWN,
    ),
    "proposal_access.writable_proposal": writer_rows(
        lambda w, a: proposal_access.writable_proposal(w.session, a, w.draft_id, w.now)
    ),
    "proposal_drafts.autosave_proposal": writer_rows(
        lambda w, a: proposal_drafts.autosave_proposal(
            session=w.session,
            actor=a,
            proposal_id=w.draft_id,
            base_version=w.proposal(w.draft_id).version,
            draft=draft(),
            now=w.now,
        )
    ),
    "proposals.save_draft": writer_rows(
        lambda w, a: proposals.save_draft(
            session=w.session,
            actor=a,
            proposal_id=w.draft_id,
            draft=draft(),
            expected_version=w.proposal(w.draft_id).version,
            now=w.now,
        )
    ),
    "proposals.submit_proposal": writer_rows(
        lambda w, a: proposals.submit_proposal(
            session=w.session,
            actor=a,
            proposal_id=w.draft_id,
            draft=draft(),
            expected_version=w.proposal(w.draft_id).version,
            now=w.now,
        ),
        passes_with=InvalidInput,
    ),
    "withdrawal.withdraw_proposal": writer_rows(
        lambda w, a: withdrawal.withdraw_proposal(
            session=w.session,
            actor=a,
            proposal_id=w.draft_id,
            expected_version=w.proposal(w.draft_id).version,
            now=w.now,
        ),
        passes_with=ServiceError,
    ),
    "proposal_writing.eligibility_reasons": judging(
        lambda w, a: proposal_writing.eligibility_reasons(
            w.session, a, w.challenge(), w.proposal(w.draft_id), draft()
        ),
        APPLICANTS,
    ),
    "proposal_writing.write_proposal": judging(
        lambda w, a: proposal_writing.write_proposal(
            w.session,
            a,
            w.challenge(),
            w.proposal(w.draft_id),
            w.proposal(w.draft_id).version,
            draft(),
            w.now,
            {},
        ),
        OWN,
    ),
    "attachments.open_attachment": judging(
        lambda w, a: attachments.open_attachment(
            session=w.session, actor=a, proposal_id=w.proposal_id, now=w.now
        ),
        OWN | JUDGE_OF_PROPOSAL | ORGANISERS,
    ),
    "attachments.preview_attachment": judging(
        lambda w, a: attachments.preview_attachment(
            session=w.session, actor=a, proposal_id=w.proposal_id, now=w.now
        ),
        OWN | JUDGE_OF_PROPOSAL | ORGANISERS,
    ),
    # Judges: their declaration, their queue, the proposals assigned to them.
    "conflicts.my_declaration": judging(
        lambda w, a: conflicts.my_declaration(session=w.session, actor=a), JUDGES
    ),
    "conflicts.has_confirmed_declaration": judging(
        lambda w, a: conflicts.has_confirmed_declaration(session=w.session, actor=a), JUDGES
    ),
    "conflicts.declare_conflict": judging(
        lambda w, a: conflicts.declare_conflict(
            session=w.session,
            actor=a,
            organisation_id=w.other_organisation_id,
            reason="I mentored their founder.",
            now=w.now,
        ),
        JUDGES,
    ),
    "conflicts.confirm_declaration": judging(
        lambda w, a: conflicts.confirm_declaration(session=w.session, actor=a, now=w.now), JUDGES
    ),
    "judge_access.judge_gate": judge_rows(
        lambda w, a: judge_access.judge_gate(w.session, a), JUDGES
    ),
    "judge_access.judge_access": judge_rows(
        lambda w, a: judge_access.judge_access(w.session, a, w.proposal_id, w.now)
    ),
    "queue.my_queue": judge_rows(
        lambda w, a: queue.my_queue(session=w.session, actor=a, now=w.now), JUDGES
    ),
    "queue.open_review": judge_rows(
        lambda w, a: queue.open_review(
            session=w.session, actor=a, proposal_id=w.proposal_id, now=w.now
        )
    ),
    "reviews.save_review": judge_writer_rows(
        lambda w, a: reviews.save_review(
            session=w.session,
            actor=a,
            proposal_id=w.proposal_id,
            scores={},
            confidence=None,
            comment="",
            note="",
            version=w.version_of(Review, w.review_id),
            submit=False,
            now=w.now,
        ),
        passes_with=InvalidInput,
    ),
    "reviews.abstain": judge_writer_rows(
        lambda w, a: reviews.abstain(
            session=w.session,
            actor=a,
            proposal_id=w.proposal_id,
            reason="I know the team too well to judge fairly.",
            now=w.now,
        ),
        passes_with=ServiceError,
    ),
    "reviews.download_attachment": judge_rows(
        lambda w, a: reviews.download_attachment(
            session=w.session, actor=a, proposal_id=w.proposal_id, now=w.now
        )
    ),
    "review_drafts.autosave_review": judge_writer_rows(
        lambda w, a: review_drafts.autosave_review(
            session=w.session,
            actor=a,
            proposal_id=w.proposal_id,
            base_version=w.version_of(Review, w.review_id),
            typed=review_drafts.TypedReview(comment="Half a thought"),
            now=w.now,
        )
    ),
    "review_drafts.autosaved_review": judge_rows(
        lambda w, a: review_drafts.autosaved_review(
            session=w.session, actor=a, proposal_id=w.proposal_id, now=w.now
        )
    ),
    "review_drafts.discard_review_autosave": judge_rows(
        lambda w, a: review_drafts.discard_review_autosave(
            session=w.session, actor=a, proposal_id=w.proposal_id, now=w.now
        )
    ),
}
