"""The migrations build exactly the schema the models describe, on every backend."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel


def test_migrated_schema_matches_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_every_table_exists(engine):
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_migrating_down_and_up_keeps_every_row(engine):
    """Table rebuilds on SQLite must not cascade-delete children (keys are off meanwhile)."""
    from datetime import UTC, datetime

    from sqlmodel import Session

    from civic_challenge.config import DATA_DIR
    from civic_challenge.db.demo import count_rows
    from civic_challenge.db.migrate import migrate_to, migrate_to_head
    from civic_challenge.services.demo import DEMO_PASSWORD, seed_demo

    with Session(engine) as session:
        seed_demo(
            session=session,
            now=datetime(2026, 6, 1, tzinfo=UTC),
            password=DEMO_PASSWORD,
            data_dir=DATA_DIR,
        )
        session.commit()
    tables = sorted(SQLModel.metadata.tables.values(), key=lambda table: table.name)
    with Session(engine) as session:
        before = {table.name: count_rows(session, table) for table in tables}
    assert before["proposal_theme"] > 0 and before["review_score"] > 0

    migrate_to(engine, "base+1", downgrade=True)  # the first schema: later ones rebuild tables
    survived = set(inspect(engine).get_table_names())
    migrate_to_head(engine)

    with Session(engine) as session:
        after = {table.name: count_rows(session, table) for table in tables}
    assert {"proposal", "proposal_theme", "review_score"} <= survived
    assert {t: n for t, n in after.items() if t in survived} == {
        t: n for t, n in before.items() if t in survived
    }
