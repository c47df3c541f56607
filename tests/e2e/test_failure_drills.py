"""Failure drills in a real browser: the database restarting while a judge works, a SQLite
database that turns read-only or fills its disk, and an app process killed during a save.
Each says plainly what happened, keeps what the judge typed, and leaves no half-written rows.

Nothing here disturbs anyone else's database: the restart drill starts a PostgreSQL server of
its own, the kill drill works in a database of its own (created next to the one
CIVIC_TEST_POSTGRES_URL names), and the SQLite drills mount a small file system of their own."""

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    JudgingCall,
    free_port,
    make_judging_database,
    serve,
)
from drill_support import (
    autosaved,
    backend_alive,
    blocked_backend,
    comments,
    listening_pid,
    private_database,
    remount,
    reviews,
    saved_review,
    small_file_system,
    table_locked,
    wait_until,
    warm_up,
    watching,
)
from e2e_support import (
    TIMEOUT_MS,
    click,
    expect_signed_in,
    main,
    open_app,
    sign_in,
    textbox,
    wait_for_app,
)
from playwright.sync_api import Browser, BrowserContext, Page, expect
from private_postgres import private_postgres
from proxy_support import (
    ROUTE_COOKIE,
    fresh_postgres_database,
    nginx,
    routes_to_each_upstream,
)

SCORES = {
    "Impact on Londoners (weight 3)": "4: Good.",
    "Feasibility (weight 1)": "3: Fair.",
    "Value for money (weight 1)": "5: Excellent.",
}
COMMENT = "A clear plan with real evidence of need; the running costs need more detail."
UNREACHABLE = "The database is unavailable just now, so this last step was not saved."
READ_ONLY = "The database cannot be written to just now (it is read-only)"
FULL = "The database's disk is full, so this last step was not saved."
KEPT = "Your work is kept: what you typed is still in the form"
NOT_AUTOSAVED = "Not saved automatically: the database is unavailable just now."
MORE = " Since then: the pilot boroughs have agreed to host it."


def fill_review(page: Page, url: str, proposal_id: int, database: str | None = None) -> None:
    """Score, choose a confidence and type the comment; with `database`, also wait until the
    form's autosave holds the comment, so a drill starts after every write the typing caused."""
    open_app(page, f"{url}/score?proposal={proposal_id}")
    for label, level in SCORES.items():
        main(page).get_by_role("radiogroup", name=label, exact=True).get_by_text(
            level, exact=True
        ).click()
    main(page).get_by_role("radiogroup", name="Your confidence in this review").get_by_text(
        "Medium", exact=True
    ).click()
    comment = textbox(page, "Comment for the applicant (required)")
    comment.fill(COMMENT)
    if database is not None:
        comment.press("Tab")  # the text is sent when the field loses focus
        wait_for_app(page)
        for _ in range(240):
            if autosaved(database, COMMENT):
                return
            page.wait_for_timeout(250)
        raise AssertionError("the typed comment was never autosaved")


def save_draft(page: Page) -> None:
    click(page, main(page).get_by_role("button", name="Save draft"))


@pytest.fixture
def browser(chromium_browser: Browser) -> Iterator[BrowserContext]:
    """A browser context of the test's own (the drills start their own servers, so they do
    not need the run's shared one)."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


def signed_in_judge(browser: BrowserContext, world: JudgingCall, url: str) -> Page:
    warm_up(browser, [url])
    page = browser.new_page()
    sign_in(page, url, world.declared_judge)
    expect_signed_in(page, world.declared_judge_name)
    return page


def test_the_database_restarting_mid_use_is_said_plainly_and_the_app_recovers(
    browser: BrowserContext, tmp_path: Path
):
    """What the judge typed after the last autosave, while the database was down, is still in
    the form after the failed save, and it is what gets saved once the database is back."""
    with private_postgres(free_port()) as postgres, private_database(postgres) as database:
        world = make_judging_database(database)
        with serve(database, tmp_path) as url:
            page = signed_in_judge(browser, world, url)
            proposal = world.assigned[0]
            fill_review(page, url, proposal.id, database)

            postgres.stop()
            comment = textbox(page, "Comment for the applicant (required)")
            comment.fill(COMMENT + MORE)  # typed now: the autosave cannot keep it
            save_draft(page)
            alert = page.get_by_test_id("stAlertContentError")
            expect(alert).to_contain_text(UNREACHABLE)
            expect(alert).to_contain_text(KEPT)
            expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text(NOT_AUTOSAVED)
            expect(comment).to_have_value(COMMENT + MORE)

            postgres.start()  # the app is not restarted
            click(page, main(page).get_by_role("button", name="Try again"))
            expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
            expect(comment).to_have_value(COMMENT + MORE)
            save_draft(page)
            expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Draft saved at")
            assert reviews(database) == [("draft", 75.0, 3)]
            assert comments(database) == [COMMENT + MORE]


def _sqlite_world(folder: Path) -> tuple[JudgingCall, str]:
    world = make_judging_database(folder / "civic.db")
    return world, world.url


@pytest.mark.parametrize("trouble", ["full"])
def test_a_sqlite_database_on_a_full_disk_is_said_plainly_and_nothing_is_half_written(
    browser: BrowserContext, tmp_path: Path, trouble: str
):
    with small_file_system(tmp_path / "disk") as disk:
        world, database = _sqlite_world(disk)
        with serve(database, tmp_path) as url:
            page = signed_in_judge(browser, world, url)
            fill_review(page, url, world.assigned[0].id, database)
            if trouble == "read_only":
                remount(disk, "ro")
            else:
                with open(disk / "filler", "wb") as filler:  # fill the disk to the brim
                    try:
                        while True:
                            filler.write(b"\0" * 65536)
                            filler.flush()
                    except OSError:
                        pass
            try:
                save_draft(page)
                alert = page.get_by_test_id("stAlertContentError")
                expect(alert).to_contain_text(READ_ONLY if trouble == "read_only" else FULL)
                expect(alert).to_contain_text(KEPT)
            finally:
                if trouble == "read_only":
                    remount(disk, "rw")
                (disk / "filler").unlink(missing_ok=True)
            assert reviews(database) == []  # nothing half-written
            click(page, main(page).get_by_role("button", name="Try again"))
            fill_review(page, url, world.assigned[0].id)
            save_draft(page)  # and, the trouble gone, the same work saves
            expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Draft saved at")
            assert reviews(database) == [("draft", 75.0, 3)]


def test_an_app_process_killed_half_way_through_a_submit_leaves_no_partial_rows(
    browser: BrowserContext, tmp_path: Path
):
    """Two app processes behind nginx on one PostgreSQL database. The test holds a lock on
    the table the submit writes last (audit_event), so the submit stops inside its transaction
    with the review and its scores already written; the judge's process is killed there. None
    of it is kept; the judge's browser reconnects to the other process, finds the autosaved
    work in the form and submits it."""
    with fresh_postgres_database() as database:
        world = make_judging_database(database)
        ports = [free_port(), free_port()]
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
        with (
            serve(database, tmp_path / "a", port=ports[0]) as first,
            serve(database, tmp_path / "b", port=ports[1]) as second,
            nginx(tmp_path / "nginx", ports, free_port()) as proxy,
        ):
            routes = routes_to_each_upstream(proxy, ports)
            warm_up(browser, [first, second])
            browser.add_cookies([{"name": ROUTE_COOKIE, "value": routes[ports[0]], "url": proxy}])
            page = signed_in_judge(browser, world, proxy)
            proposal = world.assigned[0]
            fill_review(page, proxy, proposal.id, database)
            save_draft(page)
            expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Draft saved at")
            before = saved_review(database)
            assert before[0][:2] == ("draft", 75.0)

            main(page).get_by_role("radiogroup", name="Feasibility (weight 1)").get_by_text(
                "5: Excellent.", exact=True
            ).click()
            comment = textbox(page, "Comment for the applicant (required)")
            comment.fill(COMMENT + MORE)
            comment.press("Tab")
            wait_until(page, lambda: autosaved(database, MORE), "the new comment was autosaved")

            with watching(database) as watcher:
                with table_locked(database, "audit_event") as locker:
                    main(page).get_by_role("button", name="Submit review").click()
                    backend = blocked_backend(page, watcher, locker)
                    assert backend.state == "active" and backend.wait_event_type == "Lock"
                    assert {"review", "review_score", "assignment"} <= backend.written
                    os.kill(listening_pid(first), signal.SIGKILL)
                alive = lambda: backend_alive(watcher, backend.pid)  # noqa: E731
                wait_until(page, lambda: not alive(), "the killed process's backend ended")

            assert saved_review(database) == before  # the review, its scores and version
            assert autosaved(database, MORE)  # the autosaved work is there

            # The browser reconnects, through nginx, to the other process.
            expect(comment).to_have_value(COMMENT + MORE, timeout=120_000)
            wait_for_app(page)
            click(page, main(page).get_by_role("button", name="Submit review"))
            # The lasting signs (the success box under the buttons is drawn for one run only).
            expect(main(page).get_by_role("button", name="Save changes")).to_be_visible()
            expect(main(page).get_by_test_id("stAlertContentSuccess").first).to_contain_text(
                "Submitted. Total 85 out of 100."
            )
            assert reviews(database) == [("submitted", 85.0, 3)]
            assert comments(database) == [COMMENT + MORE]


def test_a_sqlite_database_on_a_read_only_disk_is_said_plainly_and_nothing_changes(
    browser: BrowserContext, tmp_path: Path
):
    """A file system that is read-only (remounted after an error, say) when the app starts.
    (A file system cannot be made read-only while the app holds the database open for writing;
    and file permissions do not stop root, which runs these tests in CI.) SQLite cannot even
    open a WAL database there, so the app says the database is unavailable; a write refused
    as read-only is named so (tests/db/test_unavailable.py)."""
    with small_file_system(tmp_path / "disk") as disk:
        _world, database = _sqlite_world(disk)
        before = (disk / "civic.db").read_bytes()
        remount(disk, "ro")
        try:
            with serve(database, tmp_path) as url:
                page = browser.new_page()
                open_app(page, url)
                alert = page.get_by_test_id("stAlertContentError")
                expect(alert).to_contain_text(UNREACHABLE)
                expect(alert).to_contain_text(KEPT)
                click(page, main(page).get_by_role("button", name="Try again"))
                expect(page.get_by_test_id("stAlertContentError")).to_contain_text(UNREACHABLE)
        finally:
            remount(disk, "rw")
        assert (disk / "civic.db").read_bytes() == before
        assert reviews(database) == []
