"""Bulk reads for rankings: submitted reviews, criterion scores, labels and names as frames.

These run over every review of a challenge (500k rows at 100k proposals), so they go straight
through SQLAlchemy Core to the driver's cursor and into numpy columns: no ORM objects, and no
per-row Python objects beyond the driver's own tuples.
"""

import pandas as pd
from sqlalchemy import Select, exists, func, select
from sqlmodel import Session

from civic_challenge.db.judging import blocking_conflict
from civic_challenge.db.models import (
    Assignment,
    Challenge,
    ChallengeStatement,
    Conflict,
    Criterion,
    Decision,
    ModerationNote,
    Proposal,
    Review,
    ReviewScore,
    Theme,
    User,
)
from civic_challenge.domain.terms import (
    FOUND_ELIGIBLE,
    AssignmentState,
    DecisionStage,
    ReviewState,
    Role,
)

IN_JUDGING = tuple(sorted(status.value for status in FOUND_ELIGIBLE))


def _frame(session: Session, query: Select, columns: list[str]) -> pd.DataFrame:
    """Rows of `query` as a frame, fetched by the driver's cursor in one go.

    `pandas.read_sql` builds one SQLAlchemy Row per record first; the cursor's tuples go
    straight into `DataFrame.from_records`, about twice as fast at 500k rows.
    """
    connection = session.connection()
    compiled = query.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    driver = connection.connection.dbapi_connection
    cursor = driver.cursor()
    try:
        cursor.execute(str(compiled), _positional(compiled, connection.dialect.paramstyle))
        rows = cursor.fetchall()
    finally:
        cursor.close()
    return pd.DataFrame.from_records(rows, columns=columns, coerce_float=True)


def _positional(compiled, paramstyle: str):  # type: ignore[no-untyped-def]
    params = compiled.params
    if paramstyle in ("qmark", "numeric", "format"):
        return tuple(params[name] for name in compiled.positiontup)
    return params


def counted():  # type: ignore[no-untyped-def]
    """A review counts unless its judge has a blocking conflict with the proposal's organisation
    (declared or confirmed after the review was written): such a review leaves the ranking.
    Use in a query that joins Review and Proposal."""
    return ~exists(
        select(Conflict.id).where(
            Conflict.judge_id == Review.judge_id,
            Conflict.organisation_id == Proposal.organisation_id,
            blocking_conflict(),
        )
    )


def submitted_reviews(session: Session, challenge_id: int) -> pd.DataFrame:
    """One row per submitted review with a total that counts (see `counted`): review_id,
    proposal_id, judge_id, total (0-100, as written by `scoring.review_total`)."""
    query = (
        select(Review.id, Review.proposal_id, Review.judge_id, Review.total)
        .join(Proposal, Proposal.id == Review.proposal_id)
        .where(
            Proposal.challenge_id == challenge_id,
            Review.state == ReviewState.SUBMITTED.value,
            Review.total.is_not(None),
            counted(),
        )
    )
    frame = _frame(session, query, ["review_id", "proposal_id", "judge_id", "total"])
    return frame.astype({"review_id": "int64", "proposal_id": "int64", "judge_id": "int64"})


def submitted_scores(session: Session, challenge_id: int) -> pd.DataFrame:
    """One row per criterion score of a submitted review: review_id, judge_id, proposal_id,
    criterion_id, score (on the criterion's own scale). Long form, for agreement."""
    query = (
        select(
            Review.id,
            Review.judge_id,
            Review.proposal_id,
            ReviewScore.criterion_id,
            ReviewScore.score,
        )
        .join(ReviewScore, ReviewScore.review_id == Review.id)
        .join(Proposal, Proposal.id == Review.proposal_id)
        .where(
            Proposal.challenge_id == challenge_id,
            Review.state == ReviewState.SUBMITTED.value,
            counted(),
        )
    )
    columns = ["review_id", "judge_id", "proposal_id", "criterion_id", "score"]
    return _frame(session, query, columns).astype(dict.fromkeys(columns, "int64"))


def criterion_names(session: Session, challenge_id: int) -> pd.DataFrame:
    """criterion_id, key, name, counts_toward_total, in rubric order."""
    query = (
        select(Criterion.id, Criterion.key, Criterion.name, Criterion.counts_toward_total)
        .where(Criterion.challenge_id == challenge_id)
        .order_by(Criterion.position, Criterion.id)
    )
    return _frame(session, query, ["criterion_id", "key", "name", "counts_toward_total"])


def proposal_labels(session: Session, challenge_id: int) -> pd.DataFrame:
    """Every proposal in judging (eligible or later) or with a submitted review: proposal_id,
    reference, title, status, organisation_id, statement_key, theme_key (the statement's theme)."""
    reviewed = (
        select(Review.proposal_id)
        .where(Review.state == ReviewState.SUBMITTED.value)
        .scalar_subquery()
    )
    query = (
        select(
            Proposal.id,
            Proposal.reference,
            Proposal.title,
            Proposal.status,
            Proposal.organisation_id,
            ChallengeStatement.key,
            Theme.key,
        )
        .outerjoin(ChallengeStatement, ChallengeStatement.id == Proposal.statement_id)
        .outerjoin(Theme, Theme.id == ChallengeStatement.theme_id)
        .where(
            Proposal.challenge_id == challenge_id,
            Proposal.status.in_(IN_JUDGING) | Proposal.id.in_(reviewed),
        )
        .order_by(Proposal.id)
    )
    columns = [
        "proposal_id",
        "reference",
        "title",
        "status",
        "organisation_id",
        "statement_key",
        "theme_key",
    ]
    return _frame(session, query, columns)


def judge_names(session: Session) -> pd.DataFrame:
    """judge_id, name, is_active of every judge account."""
    query = (
        select(User.id, User.name, User.is_active)
        .where(User.role == Role.JUDGE.value)
        .order_by(User.id)
    )
    return _frame(session, query, ["judge_id", "name", "is_active"])


def assigned_counts(session: Session, challenge_id: int) -> pd.DataFrame:
    """Per proposal: published assignments not abstained from (proposal_id, assigned)."""
    query = (
        select(Assignment.proposal_id, Assignment.judge_id)
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .where(
            Proposal.challenge_id == challenge_id,
            Assignment.published,
            Assignment.state != AssignmentState.ABSTAINED.value,
        )
    )
    pairs = _frame(session, query, ["proposal_id", "judge_id"])
    counts = pairs.groupby("proposal_id").size().rename("assigned")
    return counts.reset_index()


def shortlist_decisions(session: Session, challenge_id: int) -> pd.DataFrame:
    """proposal_id, outcome, released_at of every shortlist decision in the challenge."""
    query = (
        select(Decision.proposal_id, Decision.outcome, Decision.released_at)
        .join(Proposal, Proposal.id == Decision.proposal_id)
        .where(
            Proposal.challenge_id == challenge_id,
            Decision.stage == DecisionStage.SHORTLIST.value,
        )
    )
    rows = session.execute(query).all()
    return pd.DataFrame(rows, columns=["proposal_id", "outcome", "released_at"])


def find_shortlist_decision(session: Session, proposal_id: int) -> Decision | None:
    query = select(Decision).where(
        Decision.proposal_id == proposal_id, Decision.stage == DecisionStage.SHORTLIST.value
    )
    return session.execute(query.with_for_update()).scalars().first()


def notes_of(session: Session, proposal_id: int) -> pd.DataFrame:
    """A proposal's moderation notes, oldest first: created_at, author, text."""
    query = (
        select(ModerationNote.created_at, User.name, ModerationNote.text)
        .join(User, User.id == ModerationNote.author_id)
        .where(ModerationNote.proposal_id == proposal_id)
        .order_by(ModerationNote.created_at, ModerationNote.id)
    )
    rows = session.execute(query).all()
    return pd.DataFrame(rows, columns=["created_at", "author", "text"])


def data_version_of(session: Session, challenge_id: int) -> int:
    """The challenge's data version (see `queries.bump_data_version`): one read by primary key,
    cheap enough for every rerun of the results page."""
    statement = select(Challenge.data_version).where(Challenge.id == challenge_id)
    return session.execute(statement).scalar_one()


def judge_loads(session: Session, challenge_id: int) -> dict[int, int]:
    """Assignments each judge holds in the challenge, abstentions not counted."""
    query = (
        select(Assignment.judge_id, func.count())
        .join(Proposal, Proposal.id == Assignment.proposal_id)
        .where(
            Proposal.challenge_id == challenge_id,
            Assignment.state != AssignmentState.ABSTAINED.value,
        )
        .group_by(Assignment.judge_id)
    )
    return {judge: count for judge, count in session.execute(query).all()}


def assignment_states(session: Session, proposal_id: int) -> dict[int, str]:
    """judge_id -> assignment state for every judge holding the proposal."""
    query = select(Assignment.judge_id, Assignment.state).where(
        Assignment.proposal_id == proposal_id
    )
    return {judge: state for judge, state in session.execute(query).all()}


def conflict_statuses(session: Session, organisation_id: int) -> dict[int, str]:
    """judge_id -> status of their conflict with the organisation (declared or suggested)."""
    query = select(Conflict.judge_id, Conflict.status).where(
        Conflict.organisation_id == organisation_id
    )
    return {judge: status for judge, status in session.execute(query).all()}


def reviewers_of(session: Session, proposal_id: int) -> set[int]:
    """Judges with a review (draft or submitted) of the proposal."""
    query = select(Review.judge_id).where(Review.proposal_id == proposal_id)
    return set(session.execute(query).scalars().all())
