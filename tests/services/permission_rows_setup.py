"""Rows for the organisers' services that shape the challenge and report on it."""

from civic_challenge.db.models import Criterion
from civic_challenge.domain.terms import Phase
from civic_challenge.services import (
    new_challenge,
    people,
    phase,
    proposal_dossier,
    recommendation,
    release_check,
    releases,
    results,
    review_flags,
    rubric,
    screening,
    setup,
    setup_changes,
    shortlist,
    slate_apply,
    statements,
    themes,
)
from civic_challenge.services.errors import (
    ServiceError,
)

from .permission_rows import (
    ORGANISERS,
    Rows,
    criterion_draft,
    judging,
)
from .permission_world import (
    JUDGE_UNASSIGNED,
    blank,
)

SETUP: dict[str, Rows] = {
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
