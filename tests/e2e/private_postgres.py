"""A PostgreSQL server of a test's own (initdb and pg_ctl in a temporary folder, on a free
port), so a test may stop and restart it without disturbing anyone else's database."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from proxy_support import missing


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: p.split("/")[4])
    return Path(found[-1]).parent if found else None


@dataclass
class PrivatePostgres:
    bin_dir: Path
    data: Path
    port: int
    as_user: list[str]

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _pg_ctl(self, *args: str) -> None:
        command = [*self.as_user, str(self.bin_dir / "pg_ctl"), "-D", str(self.data), *args]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data}"
        self._pg_ctl("-w", "-t", "120", "-o", options, "-l", str(self.data / "log"), "start")

    def stop(self) -> None:
        self._pg_ctl("-w", "-t", "120", "-m", "fast", "stop")


@contextmanager
def private_postgres(port: int) -> Iterator[PrivatePostgres]:
    """initdb (as the `postgres` OS user when run as root, since PostgreSQL refuses root),
    start; stopped and removed afterwards."""
    bin_dir = _bin_dir()
    if bin_dir is None:
        missing("PostgreSQL's server programs are not installed (/usr/lib/postgresql/*/bin)")
    as_user: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            missing("runuser is not installed, and PostgreSQL refuses to run as root")
        as_user = [runuser, "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="civic-pg-"))
    data = folder / "data"
    if as_user:
        shutil.chown(folder, "postgres", "postgres")
    initdb = [*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres"]
    done = subprocess.run(
        [*initdb, "--auth=trust", "-E", "UTF8", "--no-sync"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    server = PrivatePostgres(bin_dir, data, port, as_user)
    server.start()
    try:
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
