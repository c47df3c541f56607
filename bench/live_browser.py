"""The organisers' dashboard in Debian's Chromium on the demo data: how long until it is ready,
how long a filter click takes until the page has finished redrawing, and how long the printable
summary report (Exports page) takes from the click until it can be downloaded.

Timed in the page itself: a script run before the app's own records every change of the app's
script state ("running", "notRunning") with its time, and each pointer press. "Ready": the time
of the last finished run once the app is connected and idle (for 1.5 s) with its headline figures
and every chart drawn; the page may run its script more than once on loading (the count is
shown). A click: from the pointer press to the last finished run it caused, the same way.
"""

from __future__ import annotations

import math
import statistics
import sys
from pathlib import Path

from live_data import prepare
from live_server import Server
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run",
]  # fmt: skip
LOADS = 5
CLICKS = 5
REPORTS = 3
QUIET_MS = 1500  # idle this long after a rerun: nothing more is coming
TIMEOUT_MS = 120_000
CLICK_TIMEOUT_MS = 30_000  # a click not settled by then is shown as nan (with why, above)
# Before any page script: record every change of the app's script state with its time
# (performance.now(), 0 at navigation) and the moment of each pointer press.
WATCH_STATES = """
window.__states = [];
window.__clickAt = null;
new MutationObserver((changes) => {
  for (const c of changes) {
    if (c.target.getAttribute("data-testid") === "stApp") {
      window.__states.push([performance.now(), c.target.getAttribute("data-test-script-state")]);
    }
  }
}).observe(document, {
  attributes: true, subtree: true, attributeFilter: ["data-test-script-state"],
});
document.addEventListener("pointerdown", () => { window.__clickAt = performance.now(); },
  {capture: true});
"""
# Settled: connected, not running, charts drawn, no change of state for QUIET_MS, and (after a
# click) at least one run since the click.
SETTLED = """([quiet, since]) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-connection-state") !== "CONNECTED") return false;
  if (app.getAttribute("data-test-script-state") !== "notRunning") return false;
  const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
  if (!document.querySelector("[data-testid='stMetric']") || charts.length === 0) return false;
  if (!charts.every(c => c.querySelector(".main-svg"))) return false;
  const after = window.__states.filter(([t]) => t >= since);
  if (since > 0 && !after.some(([, s]) => s === "running")) return false;
  const last = window.__states.length ? window.__states[window.__states.length - 1][0] : 0;
  return performance.now() - last >= quiet;
}"""
# Connected and not running, with no change of state for `quiet` ms (any page).
IDLE = """(quiet) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-connection-state") !== "CONNECTED") return false;
  if (app.getAttribute("data-test-script-state") !== "notRunning") return false;
  const last = window.__states.length ? window.__states[window.__states.length - 1][0] : 0;
  return performance.now() - last >= quiet;
}"""
# When the page last finished a run after `since`, in seconds from `since`; and how many runs.
FINISHED = """(since) => {
  const after = window.__states.filter(([t]) => t >= since);
  const done = after.filter(([, s]) => s === "notRunning");
  const runs = after.filter(([, s]) => s === "running").length;
  return [(done[done.length - 1][0] - since) / 1000, runs];
}"""


def dashboard_in_chromium(folder: Path, postgres_url: str | None, app_root: Path) -> None:

    if not CHROMIUM.exists():
        print("Chromium timing skipped: /usr/bin/chromium is not installed.", flush=True)
        return
    prepared = prepare("demo", folder, postgres_url)
    token = prepared.organisers[0].cookie.split("=", 1)[1]
    env = {"CIVIC_DATABASE_URL": prepared.database_url, "PYTHONPATH": str(app_root / "src")}
    with Server(app_root / "app.py", env, folder / "app.log") as app, sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.add_init_script(WATCH_STATES)
            context.add_cookies(
                [{"name": "civic_session", "value": token, "url": f"http://127.0.0.1:{app.port}"}]
            )
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            loads = [_load(page, app.port) for _ in range(LOADS)]
            clicks = [_filter_click(page, choose=i % 2 == 0) for i in range(CLICKS * 2)]
            reports = [_report(page, app.port) for _ in range(REPORTS)]
        finally:
            browser.close()
    chosen, cleared = clicks[0::2], clicks[1::2]
    print("\n### Chromium, demo data: the organisers' dashboard\n")
    print("| what | median s | each run s (runs of the script) |")
    print("| --- | ---: | --- |")
    for label, timed in (
        ("dashboard ready (a first load, then reloads)", loads),
        ("Theme filter chosen, until redrawn", chosen),
        ("Theme filter cleared, until redrawn", cleared),
        ("printable report (Exports), from the click until it can be downloaded", reports),
    ):
        each = ", ".join(f"{t:.2f} ({n})" for t, n in timed)
        done = [t for t, _ in timed if not math.isnan(t)]
        median = statistics.median(done) if done else math.nan
        print(f"| {label} | {median:.2f} | {each} |", flush=True)


def _load(page, port: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Seconds from navigation until the dashboard last finished a run (and then stayed idle
    with its figures and charts drawn), and how many runs that took."""
    page.goto(f"http://127.0.0.1:{port}/dashboard")
    page.wait_for_function(SETTLED, arg=[QUIET_MS, 0])
    seconds, runs = page.evaluate(FINISHED, 0)
    print(f"  Chromium: dashboard ready in {seconds:.2f} s ({runs} runs)", file=sys.stderr)
    return seconds, runs


def _report(page, port: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """The printable summary report on the Exports page: seconds from the press of "Prepare the
    printable report" until its download button is shown, and how many runs that took."""
    page.goto(f"http://127.0.0.1:{port}/exports")
    button = page.get_by_role("button", name="Prepare the printable report")
    button.wait_for()
    page.wait_for_function(IDLE, arg=QUIET_MS)
    page.evaluate("() => { window.__clickAt = null; }")
    button.click()
    since = page.evaluate("() => window.__clickAt")
    page.get_by_role("button", name="Download the report").wait_for()
    page.wait_for_function(IDLE, arg=QUIET_MS)
    seconds, runs = page.evaluate(FINISHED, since)
    print(f"  Chromium: printable report in {seconds:.2f} s ({runs} runs)", file=sys.stderr)
    return seconds, runs


def _filter_click(page, *, choose: bool) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Choose the first theme in the Theme filter, or clear it: seconds from the pointer press
    until the page last finished a run, and how many runs the click caused."""
    box = page.get_by_test_id("stMultiSelect").filter(has_text="Theme")
    if choose:
        box.click()
        target = page.get_by_role("option").first
    else:
        target = box.get_by_role("button", name="Clear all")
    try:
        target.wait_for(timeout=CLICK_TIMEOUT_MS)
    except PlaywrightTimeout:
        print("  Chromium: nothing to click (a lost click before?)", file=sys.stderr)
        page.keyboard.press("Escape")
        return math.nan, 0
    page.evaluate("() => { window.__clickAt = null; }")
    target.click()
    since = page.evaluate("() => window.__clickAt")
    try:
        page.wait_for_function(SETTLED, arg=[QUIET_MS, since], timeout=CLICK_TIMEOUT_MS)
    except PlaywrightTimeout:
        states = page.evaluate("() => [window.__clickAt, window.__states.slice(-20)]")
        print(f"  Chromium: not settled after the click: {states}", file=sys.stderr)
        page.reload()
        page.wait_for_function(SETTLED, arg=[QUIET_MS, 0])
        return math.nan, 0
    seconds, runs = page.evaluate(FINISHED, since)
    page.keyboard.press("Escape")
    page.wait_for_function(SETTLED, arg=[QUIET_MS, 0])
    return seconds, runs
