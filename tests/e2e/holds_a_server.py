"""Not collected on its own: test_server_cleanup.py runs it in a pytest of its own, which it then
kills. It starts an app server, writes the server's URL where it was asked to, and waits."""

import os
import time
from pathlib import Path

from conftest import make_database, serve


def test_hold_a_server(tmp_path: Path) -> None:
    report = Path(os.environ["E2E_REPORT_URL_TO"])
    database = make_database(tmp_path / "held.db", with_challenge=False)
    with serve(database, tmp_path) as url:
        report.write_text(url)
        while True:  # until the outer test kills this run
            time.sleep(1)
