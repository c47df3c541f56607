"""The command line: run the app, migrate, create the first organiser, seed the demo, send the
queued mail, back up and restore."""

import argparse
import getpass
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from civic_challenge.config import PROJECT_ROOT, get_settings
from civic_challenge.services import database
from civic_challenge.services.accounts import create_organiser
from civic_challenge.services.backup import backup_database, restore_database
from civic_challenge.services.clock import now
from civic_challenge.services.demo_setup import ensure_demo_challenge
from civic_challenge.services.errors import InvalidInput, ServiceError
from civic_challenge.services.mail.delivery import deliver_forever, deliver_once

APP = PROJECT_ROOT / "app.py"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.handler(args)
    except (ServiceError, FileExistsError, FileNotFoundError, ValueError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="civic-challenge", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="command")
    run = commands.add_parser("run", help="start the web app")
    run.add_argument("--demo", action="store_true", help="demo mode: seed and allow demo accounts")
    run.add_argument("--port", type=int, default=8501)
    run.add_argument("--address", default="127.0.0.1")
    run.set_defaults(handler=_run)
    commands.add_parser("migrate", help="bring the database to the newest schema").set_defaults(
        handler=_migrate
    )
    organiser = commands.add_parser("create-organiser", help="create an organiser account")
    organiser.add_argument("--email", required=True)
    organiser.add_argument("--name", required=True)
    organiser.set_defaults(handler=_create_organiser)
    commands.add_parser("seed-demo", help="add the demo challenge (demo mode only)").set_defaults(
        handler=_seed_demo
    )
    mail = commands.add_parser("send-mail", help="send the queued mail (once, or --loop)")
    mail.add_argument("--loop", action="store_true", help="keep sending until stopped")
    mail.set_defaults(handler=_send_mail)
    backup = commands.add_parser("backup", help="copy the database to a new file")
    backup.add_argument("destination", type=Path)
    backup.set_defaults(handler=_backup)
    restore = commands.add_parser("restore", help="replace the database's contents by a backup's")
    restore.add_argument("source", type=Path)
    restore.add_argument(
        "--force", action="store_true", help="SQLite: restore even though the file looks in use"
    )
    restore.set_defaults(handler=_restore)
    return parser


def _run(args: argparse.Namespace) -> int:
    env = dict(os.environ)  # the app's own settings come from the same environment
    if args.demo:
        env["CIVIC_DEMO_MODE"] = "true"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        f"--server.port={args.port}",
        f"--server.address={args.address}",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
    ]
    print(f"Civic Challenge on http://{args.address}:{args.port}  (Ctrl+C to stop)")
    return subprocess.call(command, env=env)  # noqa: S603


def _migrate(_args: argparse.Namespace) -> int:
    database.open_database(get_settings().database_url).dispose()
    print("The database is at the newest schema.")
    return 0


def _create_organiser(args: argparse.Namespace) -> int:
    password = _read_password()
    engine = database.open_database(get_settings().database_url)
    try:
        with database.transaction(engine) as session:
            user = create_organiser(
                session=session, email=args.email, name=args.name, password=password
            )
    except InvalidInput as invalid:
        for messages in invalid.problems.values():
            for message in messages:
                print(f"Error: {message}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"Organiser {user.email} created. Sign in at the app's Sign in page.")
    return 0


def _read_password() -> str:
    """Asked for at the terminal (not echoed); read from standard input when piped in."""
    if sys.stdin.isatty():
        return getpass.getpass("Password (at least 10 characters): ")
    return sys.stdin.readline().rstrip("\n")


def _seed_demo(_args: argparse.Namespace) -> int:
    if not get_settings().demo_mode:
        raise ServiceError("The demo challenge is for demo mode only: set CIVIC_DEMO_MODE=true.")
    engine = database.open_database(get_settings().database_url)
    seeded = ensure_demo_challenge(engine=engine, now=now())
    engine.dispose()
    print("Demo challenge added." if seeded else "A challenge exists already: nothing added.")
    return 0


def _send_mail(args: argparse.Namespace) -> int:
    settings = get_settings()
    if not settings.sends_mail:
        why = "demo mode" if settings.demo_mode else "CIVIC_SMTP_HOST is not set"
        print(f"Mail is off ({why}): queued messages stay in the outbox.")
        return 0
    engine = database.open_database(settings.database_url)
    try:
        if args.loop:
            stop = threading.Event()
            print(f"Sending mail every {settings.mail_interval_seconds:g} s (Ctrl+C to stop)")
            try:
                deliver_forever(engine=engine, settings=settings, clock=now, stop=stop)
            except KeyboardInterrupt:
                stop.set()
            return 0
        report = deliver_once(engine=engine, settings=settings, clock=now)
    finally:
        engine.dispose()
    print(f"Sent {report.sent}; to retry later {report.retrying}; failed {report.failed}.")
    return 1 if report.retrying or report.failed else 0


def _backup(args: argparse.Namespace) -> int:
    written = backup_database(get_settings().database_url, args.destination)
    print(f"Backup written to {written}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    restore_database(get_settings().database_url, args.source, force=args.force)
    print(f"Restored from {args.source}. Start the app again; it migrates the schema if needed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
