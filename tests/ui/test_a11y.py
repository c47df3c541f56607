"""Keyboard and screen-reader rules the code can be checked for without a browser.

A labelled widget given `help=` draws a "?" button before the field: a second Tab stop for
every field, whose text only shows on hover. Hints are captions under the field instead
(buttons and table columns may keep tooltips: theirs add no Tab stop)."""

import ast
from pathlib import Path

from civic_challenge.domain.terms import Role
from civic_challenge.ui.navigation import page_specs, sections_for

REPO = Path(__file__).resolve().parent.parent.parent
LABELLED = frozenset(
    {
        "checkbox", "color_picker", "date_input", "datetime_input", "file_uploader", "metric",
        "multiselect", "number_input", "pills", "radio", "segmented_control", "select_slider",
        "selectbox", "slider", "text_area", "text_input", "time_input", "toggle",
    }
)  # fmt: skip
WRAPPERS = frozenset({"limited_text"})  # draw their help as a caption themselves


def widgets_with_help(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in LABELLED
            and not (isinstance(node.func.value, ast.Name) and node.func.value.id in WRAPPERS)
            and any(keyword.arg == "help" for keyword in node.keywords)
        ):
            lines.append(node.lineno)
    return lines


def test_the_check_finds_a_field_with_a_tooltip():
    source = 'import streamlit as st\nst.text_input("Name", help="Your full name.")\n'
    assert widgets_with_help(source) == [2]
    assert widgets_with_help('left.selectbox("Pick", [1], help="x")') == [1]
    assert widgets_with_help('st.button("Go", help="Starts it.")') == []


def test_no_labelled_field_hides_its_help_behind_a_tooltip():
    files = [*REPO.glob("pages/*.py"), *REPO.glob("src/civic_challenge/ui/*.py")]
    assert len(files) > 20
    found = {
        f"{path.relative_to(REPO)}:{line}"
        for path in files
        for line in widgets_with_help(path.read_text())
    }
    assert not found, f"give these fields a caption under them instead of help=: {sorted(found)}"


def test_the_sidebar_lists_every_visible_page_once_under_its_section():
    for role in (None, *Role):
        listed = [spec for specs in sections_for(role).values() for spec in specs]
        visible = [spec for spec in page_specs(role) if not spec.hidden]
        assert listed == visible
        assert all(not spec.hidden for spec in listed)
