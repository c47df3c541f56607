"""Queries about organisations (the SMEs) and who belongs to them."""

from typing import Any

import pandas as pd
from sqlalchemy import select, update
from sqlmodel import Session

from civic_challenge.db.models import Organisation, User


def get_organisation(session: Session, organisation_id: int) -> Organisation | None:
    return session.get(Organisation, organisation_id)


def add_organisation(session: Session, values: dict[str, Any]) -> Organisation:
    organisation = Organisation(**values)
    session.add(organisation)
    session.flush()
    return organisation


def update_organisation(
    session: Session, organisation_id: int, expected_version: int, values: dict[str, Any]
) -> bool:
    """Write `values` only if nobody changed the row since `expected_version` was read."""
    statement = (
        update(Organisation)
        .where(Organisation.id == organisation_id, Organisation.version == expected_version)
        .values(**values, version=expected_version + 1)
        .execution_options(synchronize_session=False)
    )
    changed = session.execute(statement).rowcount == 1
    if changed:
        session.expire_all()
    return changed


def join_organisation(session: Session, user_id: int, organisation_id: int) -> None:
    session.execute(
        update(User)
        .where(User.id == user_id)
        .values(organisation_id=organisation_id, version=User.version + 1)
        .execution_options(synchronize_session=False)
    )
    session.expire_all()


def members_frame(session: Session, organisation_id: int) -> pd.DataFrame:
    query = (
        select(User.id, User.name, User.email)
        .where(User.organisation_id == organisation_id, User.is_active.is_(True))
        .order_by(User.created_at, User.id)
    )
    return pd.DataFrame(session.execute(query).all(), columns=["id", "name", "email"])
