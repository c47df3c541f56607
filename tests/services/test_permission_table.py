"""Every public service that takes an actor, called for real as every kind of actor: who is let
through, who is refused (and that a refusal writes nothing), in the phases that matter.

A new service without rows here fails `test_every_service_has_rows`; a deactivated account or
one whose role changed since the page read it is refused by every service."""

import importlib
import inspect
import pkgutil
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from sqlmodel import Session

import civic_challenge.services
from civic_challenge.db.engine import make_engine
from civic_challenge.db.models import User
from civic_challenge.db.schema import empty_all_tables
from civic_challenge.domain.terms import Role
from civic_challenge.services import (
    permissions,
)
from civic_challenge.services.errors import (
    PermissionDenied,
    ServiceError,
)

from .permission_rows import ORGANISERS, OWN, REFUSED, Rows, judging
from .permission_rows_judging import JUDGING
from .permission_rows_people import PEOPLE
from .permission_rows_setup import SETUP
from .permission_rows_snapshots import SNAPSHOTS
from .permission_world import (
    ANONYMOUS,
    APPLICANT_OWN,
    KINDS,
    ORGANISER,
    World,
    fingerprint,
    make_world,
)

TABLE: dict[str, Rows] = PEOPLE | JUDGING | SETUP | SNAPSHOTS


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
    assert len(TABLE) == len(PEOPLE) + len(JUDGING) + len(SETUP) + len(SNAPSHOTS), (
        "a service has rows twice"
    )
    enumerated = services_taking_an_actor()
    assert sorted(enumerated - TABLE.keys()) == [], "services without rows in the table"
    assert sorted(TABLE.keys() - enumerated) == [], "rows for services that no longer exist"


def test_the_enumeration_finds_services_in_subpackages() -> None:
    """The meta-test above can fail: it sees the mail package's services and the table's own."""
    found = services_taking_an_actor()
    assert {"outbox.read_message", "accounts.change_password", "reviews.save_review"} <= found
    assert "permissions._ROLE_NAMES" not in found


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
