"""What a page says about a stored snapshot that is not current, and the quiet check that reruns
the page once the background recalculation has stored the new one."""

from collections.abc import Callable
from datetime import timedelta

import streamlit as st

from civic_challenge.services.clock import now
from civic_challenge.services.snapshots import Snapshot, age_words

CHECK_EVERY = timedelta(seconds=3)


def notice(found: Snapshot, *, what: str, watch: Callable[[], tuple]) -> None:
    """Nothing when `found` is current. Otherwise how old it is and why, and (while it is being
    recalculated) a fragment that checks `watch()` (the stored version and failed version) every
    few seconds and reruns the page when either has moved since this rerun."""
    if found.current:
        return
    age = age_words(found.computed_at, now())
    if found.failure:
        st.warning(found.failure, icon=":material/warning:")
        return
    st.info(
        f"Updated {age} ago; recalculating the {what} with the latest reviews. "
        "The page shows the new ones by itself when they are ready.",
        icon=":material/autorenew:",
    )
    _wait_for_newer(watch, watch())


@st.fragment(run_every=CHECK_EVERY)
def _wait_for_newer(watch: Callable[[], tuple], seen: tuple) -> None:
    if watch() != seen:
        st.rerun()
