"""Every public service that takes an actor, called for real as every kind of actor: who is let
through, who is refused (and that a refusal writes nothing), in the phases that matter.

A new service without rows here fails `test_every_service_has_rows`; a deactivated account or
one whose role changed since the page read it is refused by every service."""

import importlib
import inspect
import pkgutil
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from sqlmodel import Session

import civic_challenge.services
from civic_challenge.db.engine import make_engine
from civic_challenge.db.models import Criterion, Review, User
from civic_challenge.db.schema import empty_all_tables
from civic_challenge.domain.dashboard import DashboardFilters
from civic_challenge.domain.proposals import ProposalDraft
from civic_challenge.domain.rubric import CriterionDraft
from civic_challenge.domain.terms import Phase, Role
from civic_challenge.services import (
    account_settings,
    accounts,
    assignment_overview,
    assignments,
    attachments,
    audit_log,
    award_overview,
    awards,
    conflicts,
    dashboard,
    export_tables,
    exports,
    feedback_moderation,
    invites,
    judge_access,
    judging_settings,
    moderation,
    new_challenge,
    organisations,
    outcomes,
    people,
    permissions,
    phase,
    proposal_access,
    proposal_dossier,
    proposal_drafts,
    proposal_views,
    proposal_writing,
    proposals,
    queue,
    receipts,
    recommendation,
    registration,
    release_check,
    releases,
    results,
    review_drafts,
    review_flags,
    reviews,
    rubric,
    screening,
    setup,
    setup_changes,
    shortlist,
    slate_apply,
    statements,
    themes,
    withdrawal,
)
from civic_challenge.services.errors import (
    InvalidInput,
    NotFound,
    PermissionDenied,
    ServiceError,
)
from civic_challenge.services.mail import outbox, progress_notices
from civic_challenge.services.proposal_access import ProposalLocked

from .permission_world import (
    ANONYMOUS,
    APPLICANT_OWN,
    APPLICANTS,
    JUDGE_ASSIGNED,
    JUDGE_UNASSIGNED,
    JUDGES,
    KINDS,
    ORGANISER,
    SIGNED_IN,
    World,
    blank,
    fingerprint,
    make_world,
)

REFUSED = (PermissionDenied, NotFound)
ORGANISERS = frozenset({ORGANISER})
OWN = frozenset({APPLICANT_OWN})
JUDGE_OF_PROPOSAL = frozenset({JUDGE_ASSIGNED})
NOBODY: frozenset[str] = frozenset()
Call = Callable[[World, Any], Any]


@dataclass(frozen=True)
class Rows:
    """Who may make the call in each phase (all other kinds are refused there).

    `passes_with`: for a write whose valid input is long to build here, the error it must raise
    once past every permission check (so the row proves the gate, not the write). `closed_with`:
    how a phase refuses the call to everyone (say, the deadline passed), when that is not
    PermissionDenied; the other refusals must still be PermissionDenied or NotFound."""

    call: Call
    allowed: dict[Phase, frozenset[str]]
    passes_with: type[ServiceError] | None = None
    closed_with: dict[Phase, type[ServiceError]] = field(default_factory=dict)

    def refusals(self, phase: Phase) -> tuple[type[ServiceError], ...]:
        closed = self.closed_with.get(phase)
        return REFUSED if closed is None else (*REFUSED, closed)


def judging(call: Call, allowed: frozenset[str], **more: Any) -> Rows:
    return Rows(call, {Phase.JUDGING: allowed}, **more)


def judge_rows(call: Call, allowed: frozenset[str] = JUDGE_OF_PROPOSAL, **more: Any) -> Rows:
    """Judges see proposals once judging starts (the open call shows them nothing) and still
    after the decisions."""
    return Rows(call, {Phase.OPEN: NOBODY, Phase.JUDGING: allowed, Phase.DECIDED: allowed}, **more)


def judge_writer_rows(call: Call, **more: Any) -> Rows:
    """A judge's review changes only while judging is open, on a proposal assigned to them."""
    return Rows(
        call,
        {Phase.OPEN: NOBODY, Phase.JUDGING: JUDGE_OF_PROPOSAL, Phase.DECIDED: NOBODY},
        closed_with={Phase.DECIDED: ServiceError},
        **more,
    )


def writer_rows(call: Call, **more: Any) -> Rows:
    """An applicant changes the own organisation's proposal only while the call is open."""
    closed = [Phase.SETUP, Phase.JUDGING, Phase.DECIDED]
    return Rows(
        call,
        {Phase.SETUP: NOBODY, Phase.OPEN: OWN, Phase.JUDGING: NOBODY, Phase.DECIDED: NOBODY},
        closed_with=dict.fromkeys(closed, ProposalLocked),
        **more,
    )


def draft(**given: Any) -> ProposalDraft:
    return ProposalDraft(title="Cleaner streets, written again", **given)


def criterion_draft() -> CriterionDraft:
    levels = ("Poor.", "Weak.", "Fair.", "Good.", "Excellent.")
    return CriterionDraft("Reach", "How many people it helps.", 1.0, 1, 5, levels)


TABLE: dict[str, Rows] = {
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
    # Organisers: the challenge, its judging and its decisions.
    "conflicts.suggest_likely_conflicts": judging(
        lambda w, a: conflicts.suggest_likely_conflicts(session=w.session, actor=a, now=w.now),
        ORGANISERS,
    ),
    "conflicts.list_conflicts": judging(
        lambda w, a: conflicts.list_conflicts(session=w.session, actor=a), ORGANISERS
    ),
    "conflicts.decide_conflict": judging(
        lambda w, a: conflicts.decide_conflict(
            session=w.session, actor=a, conflict_id=_conflict_id(w), confirm=True, now=w.now
        ),
        ORGANISERS,
    ),
    "assignment_overview.assignment_overview": judging(
        lambda w, a: assignment_overview.assignment_overview(session=w.session, actor=a),
        ORGANISERS,
    ),
    "assignment_overview.judging_progress": judging(
        lambda w, a: assignment_overview.judging_progress(session=w.session, actor=a), ORGANISERS
    ),
    "assignments.generate_assignments": judging(
        lambda w, a: assignments.generate_assignments(session=w.session, actor=a, now=w.now),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "assignments.add_assignment": judging(
        lambda w, a: assignments.add_assignment(
            session=w.session,
            actor=a,
            judge_id=w.id_of(JUDGE_UNASSIGNED),
            proposal_id=w.proposal_id,
            now=w.now,
        ),
        ORGANISERS,
    ),
    "assignments.remove_assignment": judging(
        lambda w, a: assignments.remove_assignment(
            session=w.session, actor=a, assignment_id=w.assignment_id
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "assignments.publish_assignments": judging(
        lambda w, a: assignments.publish_assignments(session=w.session, actor=a, now=w.now),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "audit_log.audit_choices": judging(
        lambda w, a: audit_log.audit_choices(session=w.session, actor=a), ORGANISERS
    ),
    "audit_log.list_audit_events": judging(
        lambda w, a: audit_log.list_audit_events(session=w.session, actor=a), ORGANISERS
    ),
    "award_overview.awards_overview": judging(
        lambda w, a: award_overview.awards_overview(session=w.session, actor=a), ORGANISERS
    ),
    "awards.decide_award": judging(
        lambda w, a: awards.decide_award(
            session=w.session,
            actor=a,
            proposal_id=w.proposal_id,
            award=False,
            amount_pence=None,
            rationale="Outside the theme's aims this year.",
            now=w.now,
            version=-1,
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "dashboard.dashboard_key": judging(
        lambda w, a: dashboard.dashboard_key(session=w.session, actor=a), ORGANISERS
    ),
    "dashboard.filter_choices": judging(
        lambda w, a: dashboard.filter_choices(session=w.session, actor=a), ORGANISERS
    ),
    "dashboard.dashboard_data": judging(
        lambda w, a: dashboard.dashboard_data(
            session=w.session, actor=a, filters=DashboardFilters()
        ),
        ORGANISERS,
    ),
    "export_tables.export_frame": judging(
        lambda w, a: export_tables.export_frame(
            session=w.session, actor=a, table=export_tables.Table.PROPOSALS
        ),
        ORGANISERS,
    ),
    "exports.export_file": judging(
        lambda w, a: exports.export_file(
            session=w.session,
            actor=a,
            table=export_tables.Table.PROPOSALS,
            file_format=exports.FileFormat.CSV,
            now=w.now,
        ),
        ORGANISERS,
    ),
    "exports.summary_report": judging(
        lambda w, a: exports.summary_report(session=w.session, actor=a, now=w.now, images=False),
        ORGANISERS,
    ),
    "feedback_moderation.feedback_for_moderation": judging(
        lambda w, a: feedback_moderation.feedback_for_moderation(session=w.session, actor=a),
        ORGANISERS,
    ),
    "feedback_moderation.moderate_comment": judging(
        lambda w, a: feedback_moderation.moderate_comment(
            session=w.session,
            actor=a,
            review_id=w.review_id,
            text="A clear plan, kindly put.",
            version=w.version_of(Review, w.review_id),
            now=w.now,
        ),
        ORGANISERS,
    ),
    "judging_settings.get_judging_settings": judging(
        lambda w, a: judging_settings.get_judging_settings(session=w.session, actor=a),
        ORGANISERS,
    ),
    "judging_settings.update_judging_settings": judging(
        lambda w, a: judging_settings.update_judging_settings(
            session=w.session,
            actor=a,
            reviews_per_proposal=2,
            judge_load_cap=10,
            blind_review=False,
            score_visibility="hidden",
            judging_closes_at=w.challenge().judging_closes_at,
            version=-1,
            now=w.now,
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "outbox.list_outbox": judging(
        lambda w, a: outbox.list_outbox(session=w.session, actor=a), ORGANISERS
    ),
    "outbox.outbox_counts": judging(
        lambda w, a: outbox.outbox_counts(session=w.session, actor=a), ORGANISERS
    ),
    "outbox.read_message": judging(
        lambda w, a: outbox.read_message(session=w.session, actor=a, message_id=w.message_id),
        ORGANISERS,
    ),
    "outbox.send_decision_notices": judging(
        lambda w, a: outbox.send_decision_notices(session=w.session, actor=a, now=w.now),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "outbox.retry_failed_mail": judging(
        lambda w, a: outbox.retry_failed_mail(session=w.session, actor=a, now=w.now), ORGANISERS
    ),
    "moderation.moderation_queue": judging(
        lambda w, a: moderation.moderation_queue(session=w.session, actor=a), ORGANISERS
    ),
    "moderation.extra_review_judges": judging(
        lambda w, a: moderation.extra_review_judges(
            session=w.session, actor=a, proposal_id=w.proposal_id
        ),
        ORGANISERS,
    ),
    "moderation.request_extra_review": judging(
        lambda w, a: moderation.request_extra_review(
            session=w.session,
            actor=a,
            proposal_id=w.proposal_id,
            judge_id=w.id_of(JUDGE_UNASSIGNED),
            now=w.now,
        ),
        ORGANISERS,
    ),
    "moderation.add_moderation_note": judging(
        lambda w, a: moderation.add_moderation_note(
            session=w.session,
            actor=a,
            proposal_id=w.proposal_id,
            text="Scores far apart.",
            now=w.now,
        ),
        ORGANISERS,
    ),
    "moderation.moderation_notes": judging(
        lambda w, a: moderation.moderation_notes(
            session=w.session, actor=a, proposal_id=w.proposal_id
        ),
        ORGANISERS,
    ),
    "new_challenge.create_challenge": judging(
        lambda w, a: new_challenge.create_challenge(
            session=w.session, actor=a, draft=blank(new_challenge.ChallengeDraft), now=w.now
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "people.list_people": judging(
        lambda w, a: people.list_people(session=w.session, actor=a), ORGANISERS
    ),
    "people.list_open_invites": judging(
        lambda w, a: people.list_open_invites(session=w.session, actor=a, now=w.now), ORGANISERS
    ),
    "people.deactivate_user": judging(
        lambda w, a: people.deactivate_user(
            session=w.session, actor=a, user_id=w.id_of(JUDGE_UNASSIGNED)
        ),
        ORGANISERS,
    ),
    "phase.change_phase": judging(
        lambda w, a: phase.change_phase(
            session=w.session,
            actor=a,
            phase=Phase.MODERATION,
            confirm=True,
            version=w.challenge().version,
            now=w.now,
        ),
        ORGANISERS,
    ),
    "proposal_dossier.proposal_dossier": judging(
        lambda w, a: proposal_dossier.proposal_dossier(
            session=w.session, actor=a, proposal_id=w.proposal_id
        ),
        ORGANISERS,
    ),
    "proposal_dossier.proposal_choices": judging(
        lambda w, a: proposal_dossier.proposal_choices(session=w.session, actor=a), ORGANISERS
    ),
    "recommendation.recommended_slate": judging(
        lambda w, a: recommendation.recommended_slate(
            session=w.session, actor=a, choice=recommendation.SlateChoice()
        ),
        ORGANISERS,
    ),
    "release_check.release_check": judging(
        lambda w, a: release_check.release_check(session=w.session, actor=a), ORGANISERS
    ),
    "releases.release_decisions": judging(
        lambda w, a: releases.release_decisions(
            session=w.session, actor=a, kind="shortlist", message="", now=w.now, confirm=True
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "releases.list_releases": judging(
        lambda w, a: releases.list_releases(session=w.session, actor=a), ORGANISERS
    ),
    "results.results_state": judging(
        lambda w, a: results.results_state(session=w.session, actor=a), ORGANISERS
    ),
    "results.ranking": judging(
        lambda w, a: results.ranking(
            session=w.session, actor=a, method="mean", aggregation="mean", k=1, resamples=0
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "review_flags.review_flags": judging(
        lambda w, a: review_flags.review_flags(session=w.session, actor=a), ORGANISERS
    ),
    "rubric.get_rubric": judging(
        lambda w, a: rubric.get_rubric(session=w.session, actor=a), ORGANISERS
    ),
    "rubric.save_criterion": judging(
        lambda w, a: rubric.save_criterion(
            session=w.session, actor=a, draft=criterion_draft(), now=w.now
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "rubric.remove_criterion": judging(
        lambda w, a: rubric.remove_criterion(
            session=w.session,
            actor=a,
            criterion_id=w.criterion_id,
            version=w.version_of(Criterion, w.criterion_id),
            now=w.now,
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "rubric.reset_criterion": judging(
        lambda w, a: rubric.reset_criterion(
            session=w.session,
            actor=a,
            criterion_id=w.criterion_id,
            draft=criterion_draft(),
            reason="The wording misled judges.",
            version=-1,
            now=w.now,
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "screening.list_screening": judging(
        lambda w, a: screening.list_screening(session=w.session, actor=a), ORGANISERS
    ),
    "screening.screen_proposal": judging(
        lambda w, a: screening.screen_proposal(
            session=w.session,
            actor=a,
            proposal_id=w.proposal_id,
            eligible=True,
            reason="",
            version=-1,
            now=w.now,
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "screening.accept_screening_suggestions": judging(
        lambda w, a: screening.accept_screening_suggestions(session=w.session, actor=a, now=w.now),
        ORGANISERS,
    ),
    "setup.get_setup": judging(
        lambda w, a: setup.get_setup(session=w.session, actor=a), ORGANISERS
    ),
    "setup.update_challenge": judging(
        lambda w, a: setup.update_challenge(
            session=w.session, actor=a, values=blank(setup.ChallengeValues), version=-1, now=w.now
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "setup_changes.save_challenge_change": judging(
        lambda w, a: setup_changes.save_challenge_change(
            w.session, a, w.challenge(), "challenge.noted", {}, {"note": "n"}, now=w.now
        ),
        ORGANISERS,
    ),
    "setup_changes.record_change": judging(
        lambda w, a: setup_changes.record_change(
            w.session,
            a,
            w.challenge_id,
            action="challenge.noted",
            object_type="challenge",
            object_id=w.challenge_id,
            before=None,
            after={"note": "n"},
            now=w.now,
        ),
        ORGANISERS,
    ),
    "shortlist.shortlist": judging(
        lambda w, a: shortlist.shortlist(
            session=w.session, actor=a, proposal_ids=[w.proposal_id], now=w.now
        ),
        ORGANISERS,
    ),
    "slate_apply.slate_changes": judging(
        lambda w, a: slate_apply.slate_changes(
            session=w.session, actor=a, proposal_ids=(w.proposal_id,), amounts={}
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "slate_apply.apply_slate": judging(
        lambda w, a: slate_apply.apply_slate(
            session=w.session, actor=a, proposal_ids=(w.proposal_id,), amounts={}, now=w.now
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "statements.save_statement": judging(
        lambda w, a: statements.save_statement(
            session=w.session,
            actor=a,
            statement_id=None,
            values=blank(statements.StatementValues),
            version=None,
            now=w.now,
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "statements.remove_statement": judging(
        lambda w, a: statements.remove_statement(
            session=w.session, actor=a, statement_id=w.statement_id, version=-1, now=w.now
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "themes.save_theme": judging(
        lambda w, a: themes.save_theme(
            session=w.session,
            actor=a,
            theme_id=None,
            values=blank(themes.ThemeValues),
            version=None,
            now=w.now,
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
    "themes.remove_theme": judging(
        lambda w, a: themes.remove_theme(
            session=w.session, actor=a, theme_id=w.theme_id, version=-1, now=w.now
        ),
        ORGANISERS,
        passes_with=ServiceError,
    ),
}


def _conflict_id(w: World) -> int:
    rows = conflicts.list_conflicts(session=w.session, actor=w.actors[ORGANISER])
    return int(rows["id"].iloc[0]) if hasattr(rows, "iloc") else rows[0].id


def services_taking_an_actor() -> set[str]:
    """`module.function` for every public function of the services package that takes `actor`
    (the module named from inside the package, mail's modules by their own name)."""
    found = set()
    package = civic_challenge.services
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isfunction(value)
                and value.__module__ == module.__name__
                and not name.startswith("_")
                and "actor" in inspect.signature(value).parameters
            ):
                found.add(f"{info.name.rsplit('.', 1)[-1]}.{name}")
    return found


def test_every_service_has_rows() -> None:
    enumerated = services_taking_an_actor()
    assert sorted(enumerated - TABLE.keys()) == [], "services without rows in the table"
    assert sorted(TABLE.keys() - enumerated) == [], "rows for services that no longer exist"


def test_the_enumeration_finds_services_in_subpackages() -> None:
    """The meta-test above can fail: it sees the mail package's services and the table's own."""
    found = services_taking_an_actor()
    assert {"outbox.read_message", "accounts.change_password", "reviews.save_review"} <= found
    assert "permissions._ROLE_NAMES" not in found


@dataclass(frozen=True)
class Outcome:
    kind: str
    phase: Phase
    result: str  # "allowed", or the refusal's class name

    def __str__(self) -> str:
        return f"{self.kind} in {self.phase.value}: {self.result}"


def _attempt(
    world: World,
    rows: Rows,
    actor: Any,
    prepare: Callable[[], None] = lambda: None,
    before: list | None = None,
) -> tuple[ServiceError | None, bool]:
    """Run the call inside a savepoint that is rolled back, so every row sees the same world.
    Returns the error raised (None when it succeeded) and, for a refusal, whether it wrote
    anything (compared with `before`, the rows as they were, when given)."""
    with world.session.begin_nested() as savepoint:
        prepare()
        before = fingerprint(world.session) if before is None else before
        try:
            rows.call(world, actor)
            error = None
        except ServiceError as raised:
            error = raised
        wrote = error is not None and fingerprint(world.session) != before
        savepoint.rollback()
    world.session.expire_all()
    return error, wrote


def _check(name: str, rows: Rows, world: World) -> list[str]:
    """Every kind in every phase of the rows: the wrong outcomes, as readable lines."""
    wrong = []
    for stage, allowed in rows.allowed.items():
        world.enter_phase(stage)
        before = fingerprint(world.session)
        for kind in KINDS:
            error, wrote = _attempt(world, rows, world.actors[kind], before=before)
            if kind in allowed:
                expected = rows.passes_with
                ok = error is None if expected is None else _passed_gate(error, expected)
                if not ok:
                    wrong.append(f"{kind} in {stage.value} should be allowed, got {error!r}")
            elif not isinstance(error, rows.refusals(stage)):
                wrong.append(f"{kind} in {stage.value} should be refused, got {error!r}")
            elif wrote:
                wrong.append(f"{kind} in {stage.value} was refused but wrote rows")
        world.session.rollback()
        world.session.expire_all()
    return wrong


def _passed_gate(error: ServiceError | None, expected: type[ServiceError]) -> bool:
    return error is None or (isinstance(error, expected) and not isinstance(error, REFUSED))


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def built_world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """The world, built once per database for the whole table: every call runs in a savepoint
    that is rolled back, so each test finds it as built."""
    if request.param == "postgres":
        engine = request.getfixturevalue("postgres_engine")
        empty_all_tables(engine)
    else:
        path = tmp_path_factory.mktemp("permission_table") / "civic.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        engine = make_engine(f"sqlite:///{path}")
    with Session(engine, expire_on_commit=False) as session:
        built = make_world(session)
        session.commit()
    yield built
    if request.param == "sqlite":
        engine.dispose()


@pytest.fixture
def world(built_world: World) -> Iterator[World]:
    engine = built_world.session.get_bind()
    with Session(engine, expire_on_commit=False) as session:
        yield replace(built_world, session=session)
        session.rollback()


@pytest.mark.parametrize("name", sorted(TABLE))
def test_service_lets_in_only_its_rows(name: str, world: World) -> None:
    assert _check(name, TABLE[name], world) == []


@pytest.mark.parametrize("name", sorted(TABLE))
def test_stale_actor_is_refused(name: str, world: World) -> None:
    """Whoever the rows allow, once deactivated or given another role since the page read
    them, is refused, and nothing is written."""
    rows = TABLE[name]
    wrong = []
    for stage, allowed in rows.allowed.items():
        world.enter_phase(stage)
        for kind in sorted(allowed):
            for change, message in [
                (world.deactivate, permissions.NO_LONGER_ACTIVE),
                (world.change_role, permissions.ROLE_CHANGED),
            ]:
                error, wrote = _attempt(
                    world, rows, world.actors[kind], lambda c=change, k=kind: c(k)
                )
                if not isinstance(error, PermissionDenied) or str(error) != message or wrote:
                    wrong.append(f"{kind} after {change.__name__}: {error!r}, wrote={wrote}")
        world.session.rollback()
        world.session.expire_all()
    assert wrong == []


def test_table_rows_are_not_vacuous() -> None:
    """Each row lets someone in somewhere (a row allowing nobody proves nothing) and every
    kind is refused by some service."""
    assert [name for name, rows in TABLE.items() if not any(rows.allowed.values())] == []
    allowed_anywhere = set().union(*(a for r in TABLE.values() for a in r.allowed.values()))
    assert allowed_anywhere == set(KINDS) - {ANONYMOUS}


def test_the_runner_reports_a_refusal_that_wrote_and_a_wrong_refusal(world: World) -> None:
    """The checks above can fail: a service that writes before refusing, or refuses someone
    its rows allow, is reported."""

    def writes_then_refuses(w: World, actor: Any) -> None:
        w.session.get(User, w.id_of(ORGANISER)).name = "Changed"
        if actor is None or actor.role is not Role.ORGANISER:
            raise PermissionDenied()

    rows = judging(writes_then_refuses, ORGANISERS | OWN)
    wrong = _check("fake", rows, world)
    refused_own = f"{APPLICANT_OWN} in judging should be allowed, got PermissionDenied("
    assert any(line.startswith(refused_own) for line in wrong)
    assert f"{ANONYMOUS} in judging was refused but wrote rows" in wrong
    assert len(wrong) == len(KINDS) - 1
