"""App servers that die with the test run, however it ends.

Each server runs in its own process group (so stopping it stops all it started) and asks the
Linux kernel to send it SIGKILL when the test process dies (`prctl(PR_SET_PDEATHSIG)`): a
`kill -9` of pytest, which runs no handler, still takes the server with it. A normal exit or
Ctrl+C stops what is left through `atexit`; SIGTERM and SIGHUP are turned into a normal exit.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import threading

PR_SET_PDEATHSIG = 1
_running: set[subprocess.Popen[bytes]] = set()
_lock = threading.Lock()


def _die_with_parent() -> None:
    """Runs in the child between fork and exec: SIGKILL me when my parent dies."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def start(command: list[str], **popen_args) -> subprocess.Popen[bytes]:  # type: ignore[no-untyped-def]
    """Popen in a new process group, killed when this process dies; stop it with `stop`."""
    # PR_SET_PDEATHSIG fires when the *thread* that forked exits: fork from the main thread.
    process = subprocess.Popen(
        command, start_new_session=True, preexec_fn=_die_with_parent, **popen_args
    )
    with _lock:
        _running.add(process)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group, SIGKILL after 10 s; then reap it."""
    if process.poll() is None:
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
    process.wait()
    with _lock:
        _running.discard(process)


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


def _stop_all() -> None:
    with _lock:
        left = list(_running)
    for process in left:
        stop(process)


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds fixtures and runs atexit


atexit.register(_stop_all)
if threading.current_thread() is threading.main_thread():
    for _signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(_signum) in (signal.SIG_DFL, None):
            signal.signal(_signum, _exit_on_signal)


def run_quietly(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a short command to its end; its output is returned, not printed."""
    return subprocess.run(command, capture_output=True, text=True, check=False)
