"""Rows for the organisers' services around judging: conflicts, assignments, awards, mail,
moderation."""

from civic_challenge.db.models import Review
from civic_challenge.domain.dashboard import DashboardFilters
from civic_challenge.services import (
    assignment_overview,
    assignments,
    audit_log,
    award_overview,
    awards,
    conflicts,
    dashboard,
    export_tables,
    exports,
    feedback_moderation,
    judging_settings,
    moderation,
)
from civic_challenge.services.errors import (
    ServiceError,
)
from civic_challenge.services.mail import outbox

from .permission_rows import (
    ORGANISERS,
    Rows,
    judging,
)
from .permission_world import (
    JUDGE_UNASSIGNED,
    ORGANISER,
    World,
)


def _conflict_id(w: World) -> int:
    rows = conflicts.list_conflicts(session=w.session, actor=w.actors[ORGANISER])
    return int(rows["id"].iloc[0]) if hasattr(rows, "iloc") else rows[0].id


JUDGING: dict[str, Rows] = {
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
}
