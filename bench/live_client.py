"""A browser tab without a browser: Streamlit's websocket protocol, as bench/live.py drives it.

The browser opens ws://HOST:PORT/_stcore/stream with the subprotocol `streamlit` (sending its
cookies), then for every rerun sends a BackMsg whose `rerun_script` names the page and query
string, and reads ForwardMsgs until `script_finished`. Like the browser, a tab remembers the
hashes of the large elements it has received and sends them back, so the server answers with a
short reference instead of the element when nothing changed.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")
MAX_MESSAGES = 100_000  # per rerun: a bound, never reached by a real page


@dataclass
class Rerun:
    """What one rerun cost the tab: wall time from request to finish, and what came back."""

    seconds: float
    bytes: int
    messages: int
    title: str = ""
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    page_not_found: bool = False
    radio: tuple[str, str, tuple[str, ...]] | None = None  # a score: widget, fragment, options


class Tab:
    """One browser tab: one websocket, one Streamlit session on the server."""

    def __init__(
        self, port: int, cookie: str | None = None, timeout: float = 300.0, clicks: bool = False
    ) -> None:
        self.port = port
        self.cookie = cookie
        self.timeout = timeout
        self.cached: set[str] = set()
        self.clicks = clicks  # after the first run, each rerun is a score chosen in a fragment
        self._radio: tuple[str, str, tuple[str, ...]] | None = None
        self._turn = 0
        self._ws = None

    async def __aenter__(self) -> Tab:
        headers = {"Cookie": self.cookie} if self.cookie else None
        self._ws = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            compression=None,
            open_timeout=self.timeout,
            close_timeout=2,
        )
        return self

    async def __aexit__(self, *_exc: object) -> None:
        if self._ws is not None:
            await self._ws.close()

    async def rerun(self, page: str, query: str = "") -> Rerun:
        """Ask for a run of `page` (its URL path, "" for the default page) and wait for it."""
        back = BackMsg()
        state = back.rerun_script
        state.page_name = page
        state.query_string = query
        state.cached_message_hashes.extend(sorted(self.cached))
        state.context_info.timezone = "Europe/London"
        state.context_info.locale = "en-GB"
        state.context_info.url = f"http://127.0.0.1:{self.port}/{page}"
        if self.clicks and self._radio is not None:
            widget, fragment, options = self._radio
            self._turn += 1
            state.fragment_id = fragment  # as the browser sends a click inside a fragment
            state.widget_states.widgets.add(id=widget, string_value=options[self._turn % 2])
        start = time.perf_counter()
        await self._ws.send(back.SerializeToString())
        run = await asyncio.wait_for(self._read_run(start), self.timeout)
        self._radio = self._radio or run.radio
        return run

    async def _read_run(self, start: float) -> Rerun:
        result = Rerun(seconds=0.0, bytes=0, messages=0)
        for _ in range(MAX_MESSAGES):
            frame = await self._ws.recv()
            result.bytes += len(frame)
            result.messages += 1
            msg = ForwardMsg()
            msg.ParseFromString(frame)
            kind = msg.WhichOneof("type")
            if msg.metadata.cacheable and msg.hash:
                self.cached.add(msg.hash)
            if kind == "delta":
                _note_element(msg, result)
            elif kind == "page_not_found":
                result.page_not_found = True
            elif kind == "new_session":
                result.texts.clear()
                result.exceptions.clear()
                result.title = ""
            elif kind == "script_finished" and msg.script_finished != EARLY_FOR_RERUN:
                result.seconds = time.perf_counter() - start
                return result
        raise RuntimeError(f"no script_finished within {MAX_MESSAGES} messages")


def _note_element(msg: ForwardMsg, result: Rerun) -> None:
    """Keep what tells whether the page drew what it should: its title, alerts, errors."""
    if msg.delta.WhichOneof("type") != "new_element":
        return
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "radio" and msg.delta.fragment_id and "(weight" in element.radio.label:
        result.radio = result.radio or (
            element.radio.id,
            msg.delta.fragment_id,
            tuple(element.radio.options),
        )
    if kind == "heading" and not result.title:
        result.title = element.heading.body
    elif kind == "alert":
        result.texts.append(element.alert.body)
    elif kind == "exception":
        result.exceptions.append(f"{element.exception.type}: {element.exception.message}")
