"""Live benchmark: the real server, driven over its websocket as a browser drives it, page by page
and role by role, beside an empty Streamlit page measured in the same run.

Run: .venv/bin/python bench/live.py [--sizes demo 10000 100000] [--pages core|all|NAME...]
     [--sessions 8] [--reruns 20] [--postgres URL] [--chromium] [--profile DIR]

For each size it builds the data (bench/live_data.py), starts `streamlit run app.py` on a free
loopback port and a second server running a one-line empty page, signs people in through the
services, and for each page measures: server CPU per rerun (psutil, one tab), bytes sent per
rerun, latency alone and with N concurrent tabs (p50/p95) and their reruns per second, memory
per session, the first visit, and the first view after a data change (the data version bumped
as a submitted review bumps it). See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from live_client import Rerun, Tab
from live_data import Person, Prepared, bump_data_version, prepare
from live_server import Server

ROOT = Path(__file__).resolve().parents[1]
EMPTY_PAGE = """import gc

import streamlit as st


@st.cache_resource
def freeze_once() -> None:
    gc.collect()
    gc.freeze()


freeze_once()
st.title("Empty")
"""
SIGNED_OUT = "Sign in to see this page."


@dataclass(frozen=True)
class Target:
    label: str
    role: str  # "anonymous", "judge", "organiser" or "applicant"
    page: str  # the page's name (its file in pages/)
    url: str | None = None  # its URL path when not the name ("" for the default page)
    clicks: bool = False  # warm reruns are a score chosen (a fragment rerun), not page reruns

    @property
    def path(self) -> str:
        return self.page if self.url is None else self.url


TARGETS = (
    Target("landing (anonymous)", "anonymous", "landing", url=""),
    Target("judge: My queue", "judge", "queue"),
    Target("judge: Score", "judge", "score"),
    Target("judge: Score, a score chosen", "judge", "score", clicks=True),
    Target("organiser: Dashboard", "organiser", "dashboard"),
    Target("organiser: Results", "organiser", "results"),
    Target("organiser: Decisions", "organiser", "decisions"),
    Target("organiser: Proposals", "organiser", "screening"),
    Target("organiser: Assignments", "organiser", "assignments"),
    Target("organiser: Judging", "organiser", "judging"),
    Target("organiser: Exports", "organiser", "exports"),
    Target("organiser: Audit log", "organiser", "audit_log"),
    Target("applicant: My proposals", "applicant", "my_proposals"),
    Target("applicant: Proposal", "applicant", "proposal"),
)
FLOOR = Target("empty page (floor)", "anonymous", "empty", url="")
CORE = ("landing", "queue", "score", "dashboard", "results", "decisions")


@dataclass
class Row:
    label: str
    title: str
    problems: list[str]
    cpu_ms: float = 0.0
    empty_cpu_ms: float = 0.0
    kb: float = 0.0
    alone_ms: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    per_second: float = 0.0
    mb_per_session: float = 0.0
    first_s: float = 0.0
    changed_s: float = 0.0


def _people(prepared: Prepared, role: str) -> tuple[Person, ...]:
    if role == "anonymous":
        return (Person(0, ""),)
    return {
        "judge": prepared.judges,
        "organiser": prepared.organisers,
        "applicant": prepared.applicants,
    }[role]


def _query(target: Target, person: Person) -> str:
    return person.query if target.page in {"score", "proposal"} else ""


def _check(target: Target, run: Rerun) -> list[str]:
    """Why this rerun does not show the page it should (empty when it does)."""
    problems = [f"error: {e}" for e in run.exceptions]
    if run.page_not_found:
        problems.append("page not found for this role")
    if SIGNED_OUT in run.texts:
        problems.append("not signed in")
    return problems


async def _cpu_reruns(server: Server, tab: Tab, page: str, query: str, n: int):  # type: ignore[no-untyped-def]
    start = server.cpu()
    runs = [await tab.rerun(page, query) for _ in range(n)]
    return (server.cpu() - start) / n * 1000, runs


async def measure(
    target: Target, prepared: Prepared, app: Server, empty: Server, empty_tab: Tab, args
) -> Row:  # type: ignore[no-untyped-def]
    """One page: first visit, CPU and bytes per warm rerun (one tab) beside the empty page's,
    the first view after each data change, then N tabs at once."""
    people = _people(prepared, target.role)
    first_person = people[0]
    query = _query(target, first_person)
    async with Tab(app.port, first_person.cookie or None, args.timeout, target.clicks) as tab:
        first = await tab.rerun(target.path, query)
        row = Row(target.label, first.title, _check(target, first), first_s=first.seconds)
        if row.problems:
            return row
        await tab.rerun(target.path, query)
        row.empty_cpu_ms, _ = await _cpu_reruns(empty, empty_tab, "", "", args.reruns)
        row.cpu_ms, runs = await _cpu_reruns(app, tab, target.path, query, args.reruns)
        row.kb = statistics.median(r.bytes for r in runs) / 1024
        row.alone_ms = statistics.median(r.seconds for r in runs) * 1000
        changed = []
        for _ in range(args.changes if target is not FLOOR else 0):
            bump_data_version(prepared.database_url, prepared.challenge_id)
            changed.append((await tab.rerun(target.path, query)).seconds)
        row.changed_s = statistics.median(changed) if changed else 0.0
    await _concurrent(target, people, app, args, row)
    return row


async def _concurrent(target: Target, people, app: Server, args, row: Row) -> None:  # type: ignore[no-untyped-def]
    """N tabs at once (people taken in turn): memory each, then reruns back to back."""
    chosen = [people[i % len(people)] for i in range(args.sessions)]
    tabs = [Tab(app.port, p.cookie or None, args.timeout, target.clicks) for p in chosen]
    before = app.rss()
    try:
        for tab in tabs:
            await tab.__aenter__()
        warm = await asyncio.gather(
            *(t.rerun(target.path, _query(target, p)) for t, p in zip(tabs, chosen, strict=True))
        )
        row.problems += sorted({p for run in warm for p in _check(target, run)})
        row.mb_per_session = (app.rss() - before) / len(tabs) / 2**20

        async def loop(tab: Tab, person: Person) -> list[float]:
            return [
                (await tab.rerun(target.path, _query(target, person))).seconds
                for _ in range(args.reruns)
            ]

        start = time.perf_counter()
        times = await asyncio.gather(*(loop(t, p) for t, p in zip(tabs, chosen, strict=True)))
        wall = time.perf_counter() - start
    finally:
        for tab in tabs:
            await tab.__aexit__()
    flat = sorted(t for per_tab in times for t in per_tab)
    row.p50_ms = statistics.median(flat) * 1000
    row.p95_ms = flat[min(len(flat) - 1, int(0.95 * len(flat)))] * 1000
    row.per_second = len(flat) / wall


async def measure_all(prepared: Prepared, app: Server, empty: Server, targets, args) -> list[Row]:  # type: ignore[no-untyped-def]
    rows = []
    async with Tab(empty.port, None, args.timeout) as empty_tab:
        await empty_tab.rerun("")
        rows.append(await measure(FLOOR, prepared, empty, empty, empty_tab, args))
        for target in targets:
            if not _people(prepared, target.role):
                continue
            row = await measure(target, prepared, app, empty, empty_tab, args)
            state = "; ".join(row.problems) or "ok"
            print(f"  {target.page}: drew {row.title!r}: {state}", file=sys.stderr, flush=True)
            rows.append(row)
            if args.profile:
                await _profile(target, prepared, app, args)
    return rows


async def _profile(target: Target, prepared: Prepared, app: Server, args) -> None:  # type: ignore[no-untyped-def]
    """py-spy samples the server while one tab reruns the page (bounded by count and time)."""
    person = _people(prepared, target.role)[0]
    out = Path(args.profile) / f"{args.size_now}-{target.page}.txt"
    spy = subprocess.Popen(  # noqa: S603 (py-spy from this environment, our own arguments)
        [
            str(Path(sys.executable).with_name("py-spy")),
            "record",
            "-p",
            str(app.ps.pid),
            "-d",
            str(args.profile_seconds),
            "-r",
            "200",
            "-f",
            "raw",
            "-o",
            str(out),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with Tab(app.port, person.cookie or None, args.timeout) as tab:
            deadline = time.monotonic() + args.profile_seconds
            for _ in range(10_000):
                if time.monotonic() > deadline or spy.poll() is not None:
                    break
                await tab.rerun(target.path, _query(target, person))
        spy.wait(args.profile_seconds + 30)
    finally:
        if spy.poll() is None:
            spy.kill()
            spy.wait()


def print_table(size: str, rows: list[Row], args) -> None:  # type: ignore[no-untyped-def]
    floor = statistics.median(r.empty_cpu_ms for r in rows if r.empty_cpu_ms) if rows else 0.0
    n = args.sessions
    print(
        f"\n### {size}: each page beside an empty page measured just before it"
        f" (median {floor:.1f} ms of CPU per rerun here)\n"
    )
    print(
        f"| page | CPU ms/rerun | x empty | KB/rerun | alone ms | {n} tabs p50 ms |"
        f" {n} tabs p95 ms | {n} tabs reruns/s | MB/session | first visit s |"
        " after data change s |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        if r.problems and not r.cpu_ms:
            print(f"| {r.label} | FAILED: {'; '.join(r.problems)} |" + " |" * 10)
            continue
        # under one 10 ms clock tick in all: too few reruns to tell
        ratio = f"{r.cpu_ms / r.empty_cpu_ms:.1f}" if r.empty_cpu_ms else "n/a"
        print(
            f"| {r.label} | {r.cpu_ms:.1f} | {ratio} | {r.kb:.1f} | {r.alone_ms:.0f} |"
            f" {r.p50_ms:.0f} | {r.p95_ms:.0f} | {r.per_second:.1f} | {r.mb_per_session:.1f} |"
            f" {r.first_s:.2f} | {r.changed_s:.2f} |"
        )
    print(f"\nServer memory (RSS) at the end: {args.rss_mb:.0f} MB", flush=True)
    print(f"Load average (1, 5, 15 min) at the end: {os.getloadavg()}", flush=True)


def run_size(size: str, targets, args, folder: Path) -> list[Row]:  # type: ignore[no-untyped-def]
    print(f"{size}: preparing the data...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    prepared = prepare(size, folder, args.postgres)
    print(f"{size}: ready in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    empty_dir = folder / "empty"
    (empty_dir / ".streamlit").mkdir(parents=True)
    shutil.copy(
        args.app_root / ".streamlit" / "config.toml", empty_dir / ".streamlit" / "config.toml"
    )
    (empty_dir / "empty_page.py").write_text(EMPTY_PAGE)
    env = {"CIVIC_DATABASE_URL": prepared.database_url, "PYTHONPATH": str(args.app_root / "src")}
    with (
        Server(args.app_root / "app.py", env, folder / "app.log") as app,
        Server(empty_dir / "empty_page.py", {}, folder / "empty.log") as empty,
    ):
        try:
            rows = asyncio.run(_cancellable(measure_all(prepared, app, empty, targets, args)))
            args.rss_mb = app.rss() / 2**20
            return rows
        except Exception:
            print(app.log_tail(), file=sys.stderr)
            raise


async def _cancellable(work):  # type: ignore[no-untyped-def]
    """Ctrl-C or SIGTERM cancels the measuring cleanly (tabs closed), then the servers stop."""
    task = asyncio.current_task()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, task.cancel)
    try:
        return await work
    except asyncio.CancelledError:
        raise KeyboardInterrupt from None
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        _stop_on_sigterm()


def _targets(names: list[str]) -> list[Target]:
    if names == ["all"]:
        return list(TARGETS)
    wanted = CORE if names == ["core"] else names
    unknown = set(wanted) - {t.page for t in TARGETS}
    if unknown:
        raise SystemExit(f"Unknown pages: {', '.join(sorted(unknown))}")
    return [t for t in TARGETS if t.page in wanted]


def _stop_on_sigterm() -> None:
    """A SIGTERM ends the run through the same `finally` blocks as Ctrl-C: servers stopped."""

    def handler(_signum, _frame):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", nargs="*", default=["demo"], help="demo, 10000, 100000 (none: only --chromium)"
    )
    parser.add_argument("--pages", nargs="+", default=["core"], help="core, all or page names")
    parser.add_argument("--sessions", type=int, default=8, help="concurrent tabs")
    parser.add_argument("--reruns", type=int, default=20, help="per tab and measurement")
    parser.add_argument("--changes", type=int, default=2, help="data changes timed per page")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per rerun at most")
    parser.add_argument("--postgres", help="PostgreSQL URL (its schema is dropped and rebuilt)")
    parser.add_argument(
        "--chromium", action="store_true", help="also time the dashboard in Chromium"
    )
    parser.add_argument("--profile", help="folder for py-spy profiles of each page (raw stacks)")
    parser.add_argument("--profile-seconds", type=int, default=15)
    parser.add_argument(
        "--app-root",
        type=Path,
        default=ROOT,
        help="the checkout whose app.py and src/ are served (e.g. an older commit, to compare)",
    )
    args = parser.parse_args()
    if not all(s == "demo" or s.isdigit() for s in args.sizes):
        raise SystemExit("Sizes are 'demo' or a number of proposals, e.g. 10000.")
    if not 1 <= args.sessions <= 200 or not 1 <= args.reruns <= 10_000:
        raise SystemExit("--sessions must be 1-200 and --reruns 1-10000.")
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)
    _stop_on_sigterm()
    targets = _targets(args.pages)
    print(f"Load average (1, 5, 15 min) at the start: {os.getloadavg()}", flush=True)
    for size in args.sizes:
        args.size_now = size
        with tempfile.TemporaryDirectory(prefix="civic-live-") as folder:
            rows = run_size(size, targets, args, Path(folder))
        print_table(size, rows, args)
    if args.chromium:
        from live_browser import dashboard_in_chromium

        with tempfile.TemporaryDirectory(prefix="civic-live-") as folder:
            dashboard_in_chromium(Path(folder), args.postgres, args.app_root)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("Stopped; the servers it started are stopped too.", file=sys.stderr)
        sys.exit(130)
