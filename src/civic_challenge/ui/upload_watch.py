"""Files the browser refused before the script saw them, so we can say why in words.

`st.file_uploader` refuses a file over the size limit (or of a type it does not accept) in the
browser, with only a small chip; the script never receives it. A tiny component with fixed code
watches the uploader's file input (and drops on it) and reports each chosen file's name, size
and type, accepted or not.

Interface:
    upload_watch.chosen(uploader_key) -> list[ChosenFile]
        Draw right after `st.file_uploader(key=uploader_key)`. The files chosen in the browser
        since the last run (empty otherwise).

The JavaScript is a constant; the data it receives is our own widget key.
"""

from dataclasses import dataclass

import streamlit as st

_JS = """
export default function (component) {
  const { data, setTriggerValue } = component;
  const inside = (element) =>
    element && element.closest && element.closest(`.st-key-${CSS.escape(data.target)}`);
  const report = (files) => {
    const list = Array.from(files || []).map((f) => ({ name: f.name, size: f.size, type: f.type }));
    if (list.length) setTriggerValue("chosen", list);
  };
  const onChange = (event) => {
    const input = event.target;
    if (input && input.type === "file" && inside(input)) report(input.files);
  };
  const onDrop = (event) => {
    if (inside(event.target) && event.dataTransfer) report(event.dataTransfer.files);
  };
  document.addEventListener("change", onChange, true);
  document.addEventListener("drop", onDrop, true);
  return () => {
    document.removeEventListener("change", onChange, true);
    document.removeEventListener("drop", onDrop, true);
  };
}
"""

_watch = st.components.v2.component("civic_upload_watch", js=_JS)


@dataclass(frozen=True)
class ChosenFile:
    name: str
    size: int  # bytes
    type: str


def chosen(uploader_key: str) -> list[ChosenFile]:
    result = _watch(
        data={"target": uploader_key},
        key=f"civic_upload_watch_{uploader_key}",
        on_chosen_change=lambda: None,
    )
    files = getattr(result, "chosen", None) or []
    return [
        ChosenFile(str(f.get("name", "")), int(f.get("size", 0)), str(f.get("type", "")))
        for f in files
        if isinstance(f, dict)
    ]
