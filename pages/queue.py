"""My queue (judges): progress, the next unscored proposal, every assigned proposal."""

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.errors import PermissionDenied
from civic_challenge.services.judge_access import DeclarationNeeded
from civic_challenge.services.queue import my_queue
from civic_challenge.ui import queue, shell
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("My queue", signed_in=True, needs_challenge=True)
try:
    with db_reader() as session:
        mine = my_queue(session=session, actor=actor, now=now())
except DeclarationNeeded as needed:
    queue.declaration_needed(str(needed))
    st.stop()
except PermissionDenied as refused:
    st.info(str(refused), icon=":material/info:")
    st.stop()
queue.progress(mine)
queue.items(mine)
