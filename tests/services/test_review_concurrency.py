"""Many judges saving at once lose nothing; one review saved twice at once has one winner."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from judging_world import COMMENT, NOW, make_judging
from sqlmodel import Session, select

from civic_challenge.db.engine import session_scope
from civic_challenge.db.models import Review
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.reviews import STALE, save_review

JUDGES = 20
SAVES = 4


def _save(engine, world, judge, version, submit=False):
    with session_scope(engine) as session:
        return save_review(
            session=session,
            actor=world.judges[judge],
            proposal_id=world.proposal_ids[0],
            scores=world.full_scores(1 + (version % 5)),
            confidence="medium",
            comment=COMMENT,
            note="",
            version=version,
            submit=submit,
            now=NOW,
        ).version


def test_twenty_judges_saving_at_once_lose_nothing(engine):
    with session_scope(engine) as session:
        world = make_judging(session, judges=JUDGES, proposals=1)
    start = Barrier(JUDGES)

    def work(judge: int) -> list[int]:
        start.wait()
        versions = [_save(engine, world, judge, v) for v in range(SAVES)]
        return [*versions, _save(engine, world, judge, SAVES, submit=True)]

    with ThreadPoolExecutor(max_workers=JUDGES) as pool:
        seen = list(pool.map(work, range(JUDGES)))

    assert seen == [list(range(1, SAVES + 2))] * JUDGES
    with Session(engine) as session:
        reviews = session.exec(select(Review)).all()
        assert len(reviews) == JUDGES
        assert {r.state for r in reviews} == {"submitted"}
        assert {r.version for r in reviews} == {SAVES + 1}


def test_one_review_submitted_twice_at_once_has_exactly_one_winner(engine):
    with session_scope(engine) as session:
        world = make_judging(session, judges=1, proposals=1)
    start = Barrier(2)

    def attempt(_: int) -> str:
        start.wait()
        try:
            _save(engine, world, 0, 0, submit=True)
            return "saved"
        except ServiceError as error:
            return str(error)

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(attempt, range(2)))
    assert outcomes == sorted(["saved", STALE])
    with Session(engine) as session:
        assert len(session.exec(select(Review)).all()) == 1
