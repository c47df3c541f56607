"""The organisers' dashboard in Debian's Chromium on the demo data: how long until it is ready,
and how long a filter click takes until the page has finished redrawing.

"Ready": the app is connected, its script has finished, and the headline figures and every chart
are drawn. A click is timed in the page itself: from the pointer going down on the option to the
app's script state turning back to "notRunning" after it ran (a MutationObserver records each
change of state with its time, so nothing is missed however fast the rerun).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from live_data import prepare
from live_server import Server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run",
]  # fmt: skip
LOADS = 5
CLICKS = 5
TIMEOUT_MS = 120_000
WATCH_STATES = """() => {
  window.__states = [];
  window.__clickAt = null;
  const app = document.querySelector("[data-testid='stApp']");
  new MutationObserver(() => window.__states.push(
    [performance.now(), app.getAttribute("data-test-script-state")])
  ).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
  document.addEventListener("pointerdown", () => { window.__clickAt = performance.now(); },
    {capture: true});
}"""
RERUN_DONE = """() => {
  if (window.__clickAt === null) return false;
  const after = window.__states.filter(([t]) => t >= window.__clickAt);
  const ran = after.findIndex(([, s]) => s === "running");
  return ran >= 0 && after.slice(ran).some(([, s]) => s === "notRunning");
}"""
RERUN_SECONDS = """() => {
  const after = window.__states.filter(([t]) => t >= window.__clickAt);
  const ran = after.findIndex(([, s]) => s === "running");
  const done = after.slice(ran).find(([, s]) => s === "notRunning");
  return (done[0] - window.__clickAt) / 1000;
}"""
READY = (
    "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
    "[data-test-script-state='notRunning']"
)


def dashboard_in_chromium(folder: Path, postgres_url: str | None, app_root: Path) -> None:
    from playwright.sync_api import sync_playwright

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
            context.add_cookies(
                [{"name": "civic_session", "value": token, "url": f"http://127.0.0.1:{app.port}"}]
            )
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            loads = [_load(page, app.port) for _ in range(LOADS)]
            clicks = [_filter_click(page, choose=i % 2 == 0) for i in range(CLICKS * 2)]
        finally:
            browser.close()
    chosen, cleared = clicks[0::2], clicks[1::2]
    print("\n### Chromium, demo data: the organisers' dashboard\n")
    print("| what | median s | each run s |")
    print("| --- | ---: | --- |")
    for label, times in (
        ("dashboard ready (first load, then reloads)", loads),
        ("theme filter chosen until redrawn", chosen),
        ("theme filter cleared until redrawn", cleared),
    ):
        each = ", ".join(f"{t:.2f}" for t in times)
        print(f"| {label} | {statistics.median(times):.2f} | {each} |", flush=True)


def _load(page, port: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    page.goto(f"http://127.0.0.1:{port}/dashboard")
    page.locator(READY).wait_for(state="attached")
    page.get_by_test_id("stMetric").first.wait_for()
    charts = page.get_by_test_id("stPlotlyChart")
    charts.first.wait_for()
    page.wait_for_function(
        "() => [...document.querySelectorAll(\"[data-testid='stPlotlyChart']\")]"
        ".every(c => c.querySelector('.main-svg'))"
    )
    seconds = time.perf_counter() - start
    page.evaluate(WATCH_STATES)
    print(f"  Chromium: dashboard ready in {seconds:.2f} s", file=sys.stderr, flush=True)
    return seconds


def _filter_click(page, *, choose: bool) -> float:  # type: ignore[no-untyped-def]
    """Choose the first theme in the Theme filter, or remove it again."""
    box = page.get_by_test_id("stMultiSelect").filter(has_text="Theme")
    if choose:
        box.click()
        option = page.get_by_role("option").first
        option.wait_for()
        page.evaluate("() => { window.__clickAt = null; }")
        option.click()
    else:
        page.evaluate("() => { window.__clickAt = null; }")
        box.get_by_role("button", name="Clear all").click()
    try:
        page.wait_for_function(RERUN_DONE)
    except Exception:
        states = page.evaluate("() => [window.__clickAt, window.__states]")
        print(f"  Chromium: no rerun seen after the click: {states}", file=sys.stderr)
        raise
    seconds = page.evaluate(RERUN_SECONDS)
    page.keyboard.press("Escape")
    page.locator(READY).wait_for(state="attached")
    return seconds
