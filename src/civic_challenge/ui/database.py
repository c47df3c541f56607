"""The process-wide engine, opened and migrated once, and units of work for pages."""

import gc
import importlib
import pkgutil
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
    _freeze_what_lives_for_the_process()
    return engine


# Imported before the freeze below, so that the modules the pages use (and pandas, plotly...)
# are frozen with the rest; the migrations are left alone (importing their env.py runs them).
WARM_PACKAGES = ("domain", "charts", "db", "services", "ui")


def _freeze_what_lives_for_the_process() -> None:
    """Import every module a page may use, then move all that lives for the whole process out
    of the garbage collector's way: Streamlit collects after every rerun, and each collection
    walks every object not frozen (see README: performance)."""
    for name in WARM_PACKAGES:
        package = importlib.import_module(f"civic_challenge.{name}")
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".migrations" not in module.name:
                importlib.import_module(module.name)
    gc.collect()
    gc.freeze()


@contextmanager
def db_session() -> Iterator:  # type: ignore[type-arg]
    """A unit of work for one user action: committed on success, rolled back on error."""
    with database.transaction(get_engine()) as session:
        yield session


@contextmanager
def db_reader() -> Iterator:  # type: ignore[type-arg]
    with database.reading(get_engine()) as session:
        yield session
