"""The browser's "Leave site?" prompt while a form holds work that is not saved yet, set by a
tiny component with fixed code (like the cookie writer).

Interface:
    unload_guard.guard(form, *, dirty)
        Draw once per run on a page with a form. The prompt is asked when the person leaves
        or reloads the page while either
          - `dirty` is True (the server knows of unsaved values: a refused save, a stale
            refusal, a draft not yet autosaved), or
          - they typed or clicked in the page after this run was drawn (values the browser
            holds but has not sent yet: text not yet committed, a form not yet submitted).
        Each run resets the second condition, so pass `dirty=True` whenever the values on the
        screen are not saved. When the form's page is left inside the app, the component is
        removed and the prompt with it.

The JavaScript is a constant; the data it receives is the form's name and a flag.
"""

import streamlit as st

_JS = """
export default function (component) {
  const { data } = component;
  const guard = (window.__civicUnload = window.__civicUnload || { server: {}, typed: {} });
  if (!guard.installed) {
    guard.installed = true;
    window.addEventListener("beforeunload", (event) => {
      const pending = Object.values(guard.server).some(Boolean)
        || Object.values(guard.typed).some(Boolean);
      if (pending) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    const typed = (event) => {
      if (event.isTrusted && event.target && event.target.closest
          && event.target.closest("[data-testid='stMain']")) {
        for (const form of Object.keys(guard.server)) guard.typed[form] = true;
      }
    };
    document.addEventListener("input", typed, true);
    document.addEventListener("change", typed, true);
  }
  const form = data.form;
  guard.server[form] = Boolean(data.dirty);
  guard.typed[form] = false;
  return () => {
    delete guard.server[form];
    delete guard.typed[form];
  };
}
"""

_guard = st.components.v2.component("civic_unload_guard", js=_JS)
_RUN = "civic_unload_run"


def guard(form: str, *, dirty: bool) -> None:
    run = st.session_state.get(_RUN, 0) + 1
    st.session_state[_RUN] = run
    _guard(data={"form": form, "dirty": dirty, "run": run}, key=f"civic_unload_{form}")
