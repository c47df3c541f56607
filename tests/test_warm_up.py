"""The process warm-up: every module a page may use is imported before the objects that live
for the whole process are frozen out of the garbage collector's way."""

import gc
import sys

from civic_challenge.ui import database


def test_the_warm_up_imports_the_pages_modules_then_collects_and_freezes(monkeypatch):
    calls = []
    monkeypatch.setattr(gc, "collect", lambda *_: calls.append("collect") or 0)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.delitem(sys.modules, "civic_challenge.ui.dashboard", raising=False)
    before = set(sys.modules)
    database._freeze_what_lives_for_the_process()
    assert calls == ["collect", "freeze"]
    assert "civic_challenge.ui.dashboard" in sys.modules
    assert "civic_challenge.charts.boroughs" in sys.modules
    assert not [name for name in set(sys.modules) - before if ".migrations" in name]
