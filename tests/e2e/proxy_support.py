"""nginx from deploy/ in front of app processes, and throwaway PostgreSQL databases, for tests.

nginx runs as its own master process on a free loopback port with every file it writes in a
temporary folder: the machine's own nginx (if any) is neither read nor touched.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import server_process
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "deploy" / "nginx" / "civic-challenge.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
UPSTREAM_HEADER = "X-Test-Upstream"
ROUTE_COOKIE = "civic_route"


def missing(what: str) -> None:
    """Skip for a missing service, except in CI where everything must run."""
    if IN_CI:
        pytest.fail(what)
    pytest.skip(what)


def render_site(upstream_ports: list[int], listen_port: int) -> str:
    """The shipped site configuration with these ports, and (for tests only) a header naming
    the upstream that answered, so a test can tell which process served it."""
    site = SITE.read_text()
    servers = "".join(
        f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;\n" for port in upstream_ports
    )
    site, count = re.subn(r"(    server 127\.0\.0\.1:\d+[^\n]*\n)+", servers, site)
    assert count == 1, "the upstream block of deploy/nginx/civic-challenge.conf has changed"
    site = site.replace("    listen 80;", f"    listen 127.0.0.1:{listen_port};")
    site = site.replace(
        "    server_tokens off;",
        f"    server_tokens off;\n    add_header {UPSTREAM_HEADER} $upstream_addr always;",
    )
    return site


def _main_config(folder: Path, site: Path) -> str:
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(
        f"    {kind}_temp_path {folder / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} warn;\n"
        "events { worker_connections 256; }\n"
        f"http {{\n    access_log {folder / 'access.log'};\n{temp}    include {site};\n}}\n"
    )


@contextmanager
def nginx(folder: Path, upstream_ports: list[int], listen_port: int) -> Iterator[str]:
    """nginx with the shipped configuration until the block ends; yields its URL."""
    if not Path(NGINX).exists():
        missing("nginx is not installed (apt-get install nginx-light)")
    folder.mkdir(parents=True, exist_ok=True)
    site = folder / "civic-challenge.conf"
    site.write_text(render_site(upstream_ports, listen_port))
    config = folder / "nginx.conf"
    config.write_text(_main_config(folder, site))
    base = [NGINX, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(config)]
    checked = server_process.run_quietly([*base, "-t"])
    assert checked.returncode == 0, checked.stderr
    with open(folder / "nginx.out", "wb") as out:
        process = server_process.start(base, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{listen_port}"
    try:
        deadline = time.monotonic() + 60
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"nginx did not start:\n{(folder / 'error.log').read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        server_process.stop(process)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):  # noqa: S310
            return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, OSError):
        return False


def get(url: str, cookie: str | None = None) -> tuple[int, dict[str, str], list[str]]:
    """(status, headers, Set-Cookie values) of a GET, errors included."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), _cookies(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), _cookies(error.headers)


def _cookies(headers) -> list[str]:  # type: ignore[no-untyped-def]
    return headers.get_all("Set-Cookie") or []


def routes_to_each_upstream(proxy_url: str, upstream_ports: list[int]) -> dict[int, str]:
    """A route cookie value for each app process: the cookie pins a browser to that process."""
    found: dict[int, str] = {}
    for number in range(200):
        value = f"route-{number}"
        _status, headers, _cookies = get(f"{proxy_url}/_stcore/health", f"{ROUTE_COOKIE}={value}")
        port = int(headers[UPSTREAM_HEADER].rsplit(":", 1)[1])
        found.setdefault(port, value)
        if set(found) == set(upstream_ports):
            return found
    pytest.fail(f"200 route cookies all reached {sorted(found)} of {upstream_ports}")


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """An empty database of its own, next to the one CIVIC_TEST_POSTGRES_URL names; dropped
    afterwards. Yields its URL."""
    base = os.environ.get("CIVIC_TEST_POSTGRES_URL")
    if not base:
        missing("CIVIC_TEST_POSTGRES_URL is not set: this test needs a PostgreSQL server")
    name = f"{make_url(base).database}_t{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(base).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
