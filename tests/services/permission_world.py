"""One challenge seen by every kind of actor the permission table names: the organiser, judges
assigned, conflicted and unassigned, applicants of the proposal's own and another organisation.

Rows are changed only inside savepoints by the table's runner, so the world stays as built."""

import hashlib
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any, get_args, get_type_hints

from applicant_world import tiny_pdf
from factories import make_review, make_user
from judging_world import NOW, make_judging, view
from sqlalchemy import select
from sqlmodel import Session, SQLModel

import civic_challenge.db.models  # noqa: F401 (every table in the metadata)
from civic_challenge.db.models import (
    Attachment,
    Challenge,
    Conflict,
    OutboxMessage,
    Proposal,
    User,
)
from civic_challenge.domain.terms import ConflictSource, ConflictStatus, Phase, Role
from civic_challenge.services.accounts import UserView
from civic_challenge.services.conflicts import confirm_declaration
from civic_challenge.services.invites import create_invite
from civic_challenge.services.proposal_views import record_submitted_version

ANONYMOUS = "anonymous"
APPLICANT_OWN = "applicant, own organisation"
APPLICANT_OTHER = "applicant, other organisation"
JUDGE_ASSIGNED = "judge, assigned"
JUDGE_CONFLICTED = "judge, assigned but conflicted"
JUDGE_UNASSIGNED = "judge, unassigned"
ORGANISER = "organiser"
KINDS = (
    ANONYMOUS,
    APPLICANT_OWN,
    APPLICANT_OTHER,
    JUDGE_ASSIGNED,
    JUDGE_CONFLICTED,
    JUDGE_UNASSIGNED,
    ORGANISER,
)
APPLICANTS = frozenset({APPLICANT_OWN, APPLICANT_OTHER})
JUDGES = frozenset({JUDGE_ASSIGNED, JUDGE_CONFLICTED, JUDGE_UNASSIGNED})
SIGNED_IN = frozenset(KINDS) - {ANONYMOUS}
OTHER_ROLE = {Role.APPLICANT: Role.JUDGE, Role.JUDGE: Role.ORGANISER, Role.ORGANISER: Role.JUDGE}


@dataclass
class World:
    session: Session
    challenge_id: int
    actors: dict[str, UserView | None]
    proposal_id: int  # the own organisation's, assigned to the judges
    draft_id: int  # the own organisation's draft, for writing while the call is open
    organisation_id: int
    other_organisation_id: int
    review_id: int
    assignment_id: int
    criterion_id: int
    statement_id: int
    theme_id: int
    message_id: int
    now: datetime = NOW

    def id_of(self, kind: str) -> int:
        actor = self.actors[kind]
        assert actor is not None
        return actor.id

    def challenge(self) -> Challenge:
        challenge = self.session.get(Challenge, self.challenge_id)
        assert challenge is not None
        return challenge

    def proposal(self, proposal_id: int) -> Proposal:
        proposal = self.session.get(Proposal, proposal_id)
        assert proposal is not None
        return proposal

    def version_of(self, row_type: type[Any], row_id: int) -> int:
        return self.session.get(row_type, row_id).version

    def enter_phase(self, phase: Phase) -> None:
        """The challenge in `phase`; open means taking proposals until after `now`."""
        challenge = self.challenge()
        challenge.phase = phase.value
        if phase is Phase.OPEN:
            challenge.closes_at = self.now + timedelta(days=5)
        self.session.flush()

    def deactivate(self, kind: str) -> None:
        self.session.get(User, self.id_of(kind)).is_active = False
        self.session.flush()

    def change_role(self, kind: str) -> None:
        user = self.session.get(User, self.id_of(kind))
        user.role = OTHER_ROLE[Role(user.role)].value
        self.session.flush()


def make_world(session: Session) -> World:
    judging = make_judging(session, judges=2, proposals=2, blind=False)
    own, other = judging.organisation_ids
    assigned, conflicted = judging.judges
    unassigned = view(make_user(session, Role.JUDGE.value, name="Una Unassigned"))
    confirm_declaration(session=session, actor=unassigned, now=NOW)
    session.add(
        Conflict(
            judge_id=conflicted.id,
            organisation_id=own,
            source=ConflictSource.DECLARED.value,
            status=ConflictStatus.CONFIRMED.value,
            reason="I advised them last year.",
        )
    )
    applicant = make_user(session, Role.APPLICANT.value, organisation_id=own, name="Ada Own")
    outsider = make_user(session, Role.APPLICANT.value, organisation_id=other, name="Bea Other")
    proposal_id = judging.proposal_ids[0]
    draft = Proposal(
        challenge_id=judging.challenge_id,
        organisation_id=own,
        reference="CIC-DRAFT-0001",
        title="A draft still being written",
        status="draft",
    )
    session.add(draft)
    pdf = tiny_pdf()
    session.add(
        Attachment(
            proposal_id=proposal_id,
            filename="plan.pdf",
            size_bytes=len(pdf),
            sha256=hashlib.sha256(pdf).hexdigest(),
            content=pdf,
        )
    )
    record_submitted_version(session, session.get(Proposal, proposal_id), NOW, applicant.id)
    review = make_review(session, _user(session, assigned.id), session.get(Proposal, proposal_id))
    review.state, review.comment_for_applicant = "submitted", "A clear plan."
    create_invite(
        session=session,
        actor=judging.organiser,
        email="new.judge@example.org",
        role=Role.JUDGE,
        now=NOW,
    )
    session.flush()
    return World(
        session=session,
        challenge_id=judging.challenge_id,
        actors={
            ANONYMOUS: None,
            APPLICANT_OWN: view(applicant),
            APPLICANT_OTHER: view(outsider),
            JUDGE_ASSIGNED: assigned,
            JUDGE_CONFLICTED: conflicted,
            JUDGE_UNASSIGNED: unassigned,
            ORGANISER: judging.organiser,
        },
        proposal_id=proposal_id,
        draft_id=draft.id,
        organisation_id=own,
        other_organisation_id=other,
        review_id=review.id,
        assignment_id=_first_id(session, _assignment_of(assigned.id, proposal_id)),
        criterion_id=judging.criterion_ids[0],
        statement_id=_first_id(session, _statement_of(judging.challenge_id)),
        theme_id=_first_id(session, _theme_of(judging.challenge_id)),
        message_id=_first_id(session, select(OutboxMessage.id)),
    )


def fingerprint(session: Session) -> list[list[tuple]]:
    """Every row of every table, in a stable order: equal before and after means nothing was
    written."""
    session.flush()
    return [
        sorted((tuple(map(repr, row)) for row in session.execute(select(table))), key=repr)
        for table in SQLModel.metadata.sorted_tables
    ]


def blank(cls: type[Any], **given: Any) -> Any:
    """A value object with every field empty (or as given): enough to pass the permission gate
    and be refused for what was typed."""
    empty = {int: 0, float: 0.0, bool: False, str: "", datetime: NOW}
    values = {}
    hints = get_type_hints(cls)
    for field in fields(cls):
        kind = hints[field.name]
        values[field.name] = None if type(None) in get_args(kind) else empty.get(kind, ())
    return cls(**(values | given))


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    assert user is not None
    return user


def _first_id(session: Session, query: Any) -> int:
    found = session.execute(query).scalars().first()
    assert found is not None
    return found


def _assignment_of(judge_id: int, proposal_id: int) -> Any:
    from civic_challenge.db.models import Assignment

    return select(Assignment.id).where(
        Assignment.judge_id == judge_id, Assignment.proposal_id == proposal_id
    )


def _statement_of(challenge_id: int) -> Any:
    from civic_challenge.db.models import ChallengeStatement, Theme

    return (
        select(ChallengeStatement.id)
        .join(Theme, Theme.id == ChallengeStatement.theme_id)
        .where(Theme.challenge_id == challenge_id)
    )


def _theme_of(challenge_id: int) -> Any:
    from civic_challenge.db.models import Theme

    return select(Theme.id).where(Theme.challenge_id == challenge_id)
