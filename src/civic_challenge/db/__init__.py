"""The only package that talks to the database: tables, engine, migrations and queries."""
