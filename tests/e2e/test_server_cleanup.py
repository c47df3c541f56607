"""App servers started by the browser tests stop when the test run ends, however it ends."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import HERE, REPO, _healthy

GENEROUS_SECONDS = 90


def _wait_for(condition, what: str, process: subprocess.Popen[bytes] | None = None) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + GENEROUS_SECONDS
    while not condition():
        if process is not None and process.poll() is not None:
            pytest.fail(f"the inner test run ended early (status {process.returncode})")
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {GENEROUS_SECONDS} s")
        time.sleep(0.2)


@pytest.mark.parametrize(
    "how", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["kill-9", "ctrl-c", "sigterm"]
)
def test_the_server_stops_when_the_test_run_is_killed(
    chromium_path: Path, tmp_path: Path, how: signal.Signals
):
    report = tmp_path / "url.txt"
    env = {**os.environ, "E2E_REPORT_URL_TO": str(report)}
    inner = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", str(HERE / "holds_a_server.py")],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for(lambda: report.exists() and report.read_text(), "no server was started", inner)
        url = report.read_text()
        assert _healthy(url)
        inner.send_signal(how)  # pytest alone, not its process group
        _wait_for(lambda: not _healthy(url), f"the server at {url} still answers")
        inner.wait(timeout=GENEROUS_SECONDS)
    finally:
        if inner.poll() is None:
            os.killpg(inner.pid, signal.SIGKILL)
            inner.wait()
