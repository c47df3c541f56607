"""A `streamlit run` server for bench/live.py: started on a free loopback port, measured through
psutil, and always stopped with its whole process group."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

STARTUP_SECONDS = 120
STOP_SECONDS = 10


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`python -m streamlit run script` in its own process group; a context manager."""

    def __init__(self, script: Path, env: dict[str, str], log: Path) -> None:
        self.script = script
        self.env = env
        self.log = log
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.ps: psutil.Process | None = None

    def __enter__(self) -> Server:
        command = [
            sys.executable, "-m", "streamlit", "run", str(self.script),
            "--server.headless=true", "--server.address=127.0.0.1",
            f"--server.port={self.port}", "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
        ]  # fmt: skip
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
                command,
                cwd=self.script.parent,
                env={**os.environ, **self.env},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        self.ps = psutil.Process(self.process.pid)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped at start:\n{self.log_tail()}")
            try:
                url = f"http://127.0.0.1:{self.port}/_stcore/health"
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the server was not healthy after {STARTUP_SECONDS} s")

    def stop(self) -> None:
        """SIGTERM to the process group, then SIGKILL if it has not gone within a few seconds."""
        if self.process is None or self.process.poll() is not None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(STOP_SECONDS)
                return
            except subprocess.TimeoutExpired:
                continue

    def cpu(self) -> float:
        """CPU seconds the server has used so far (user + system, every thread)."""
        times = self.ps.cpu_times()
        return times.user + times.system

    def rss(self) -> int:
        return self.ps.memory_info().rss

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
