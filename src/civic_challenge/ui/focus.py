"""Moving the keyboard focus (and the view) to a message the person must see, such as the result
of a save drawn next to the buttons, by a tiny component with fixed code.

Interface:
    focus.move_to(container_key, token=...)
        Call right after drawing `st.container(key=container_key)`. The browser scrolls that
        container into view and focuses it once per `token` (pass a new token for each new
        message; the same token on later reruns does nothing, so typing is not interrupted).

The JavaScript is a constant; the data it receives is our own key and token, never user text.
"""

import streamlit as st

_JS = """
export default function (component) {
  const { data } = component;
  const seen = (window.__civicFocused = window.__civicFocused || new Set());
  if (!data || !data.target || seen.has(data.token)) return;
  const find = (tries) => {
    const element = document.querySelector(`.st-key-${CSS.escape(data.target)}`);
    if (!element) {
      if (tries > 0) setTimeout(() => find(tries - 1), 100);
      return;
    }
    seen.add(data.token);
    element.setAttribute("tabindex", "-1");
    element.scrollIntoView({ block: "center" });
    element.focus({ preventScroll: true });
  };
  find(20);
}
"""

_focus = st.components.v2.component("civic_focus", js=_JS)


def move_to(container_key: str, *, token: str) -> None:
    _focus(data={"target": container_key, "token": token}, key=f"civic_focus_{container_key}")
