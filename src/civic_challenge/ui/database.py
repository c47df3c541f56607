"""The process-wide engine, opened and migrated once, and units of work for pages."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from civic_challenge.config import get_settings
from civic_challenge.services import database
from civic_challenge.services.clock import now
from civic_challenge.services.demo_setup import ensure_demo_challenge


@st.cache_resource(show_spinner="Opening the database...")
def get_engine():  # type: ignore[no-untyped-def]
    """Migrate on first use; in demo mode, seed the demo challenge into an empty database."""
    settings = get_settings()
    engine = database.open_database(settings.database_url)
    if settings.demo_mode:
        ensure_demo_challenge(engine=engine, now=now())
    # Move what lives for the whole process out of the collector's way (see README: performance).
    gc.collect()
    gc.freeze()
    return engine


@contextmanager
def db_session() -> Iterator:  # type: ignore[type-arg]
    """A unit of work for one user action: committed on success, rolled back on error."""
    with database.transaction(get_engine()) as session:
        yield session


@contextmanager
def db_reader() -> Iterator:  # type: ignore[type-arg]
    with database.reading(get_engine()) as session:
        yield session
