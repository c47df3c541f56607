"""Queries for autosaved work in progress: one row per person and form, replaced in place."""

from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from civic_challenge.db.models import Autosave


def find_autosave(session: Session, user_id: int, form: str) -> Autosave | None:
    query = select(Autosave).where(Autosave.user_id == user_id, Autosave.form == form)
    return session.exec(query).first()


def put_autosave(
    session: Session,
    user_id: int,
    form: str,
    base_version: int | None,
    payload: str,
    now: datetime,
) -> None:
    """Insert or replace; two tabs writing at once both succeed and the later one stays."""
    values = {"base_version": base_version, "payload": payload, "saved_at": now}
    if _update(session, user_id, form, values):
        return
    try:
        with session.begin_nested():
            session.add(Autosave(user_id=user_id, form=form, **values))
    except IntegrityError:
        _update(session, user_id, form, values)


def _update(session: Session, user_id: int, form: str, values: dict) -> bool:
    statement = (
        update(Autosave)
        .where(Autosave.user_id == user_id, Autosave.form == form)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return session.exec(statement).rowcount > 0


def drop_autosave(session: Session, user_id: int, form: str) -> None:
    session.exec(delete(Autosave).where(Autosave.user_id == user_id, Autosave.form == form))
