"""Run the Alembic migrations from code: the app and the CLI migrate to head on start."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Several app processes may start at once on one PostgreSQL database: one migrates, the others
# wait on this lock (held until its transaction ends) and then find the schema at head.
MIGRATION_LOCK = 7_411_050_214


def alembic_config(database_url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if database_url:
        config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def migrate_to_head(engine: Engine) -> None:
    """Bring the schema to the newest migration, in one transaction where the backend allows."""
    migrate_to(engine, "head")


def migrate_to(engine: Engine, revision: str, *, downgrade: bool = False) -> None:
    """Upgrade (or downgrade) to `revision`.

    On SQLite, changing a table means copying it to a new one and dropping the old: with foreign
    keys enforced, that drop would cascade into the child tables and empty them. So enforcement
    is off during the migration, and every key is checked before it commits.
    """
    config = alembic_config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                config.attributes["connection"] = connection
                (command.downgrade if downgrade else command.upgrade)(config, revision)
                if sqlite:
                    _check_foreign_keys(connection)
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(connection) -> None:  # type: ignore[no-untyped-def]
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"The migration would break {len(broken)} foreign keys: {broken[:5]}")
