"""The shared form mechanisms: limits we check ourselves, the stale-write panel, errors that
clear when their field is fixed, feedback next to the buttons."""

import pytest
from streamlit.testing.v1 import AppTest

from civic_challenge.ui.limited_text import counter, over_limit
from civic_challenge.ui.stale import differences


@pytest.mark.parametrize(
    ("text", "limit", "words", "expected"),
    [
        ("", 2000, None, "0 / 2,000 characters"),
        ("x" * 2431, 2000, None, "2,431 / 2,000 characters: 431 too many"),
        ("x" * 2000, 2000, None, "2,000 / 2,000 characters"),
        ("one two three", 100, 2, "13 / 100 characters; 3 / 2 words: 1 too many"),
    ],
)
def test_counter_says_how_the_text_stands(text, limit, words, expected):
    assert counter(text, limit, words) == expected
    assert over_limit(text, limit, words) == ("too many" in expected)


def test_differences_list_only_changed_fields_in_words():
    found = differences(
        {"comment": "Comment", "score": "Score", "tags": "Tags"},
        {"comment": "mine", "score": 3, "tags": ["b", "a"]},
        {"comment": "theirs", "score": 3, "tags": ("a", "b")},
    )
    assert found == {"Comment": ("mine", "theirs")}
    assert differences({"c": "C"}, {"c": ""}, {"c": "x"}) == {"C": ("(empty)", "x")}


def _limited_app():
    import streamlit as st

    from civic_challenge.ui import feedback, limited_text, stale

    text = limited_text.text_area("Comment", key="c", limit=10, help="Say it.")
    if st.button("Save", key="save"):
        feedback.remember_problems("f", {"c": ["Too long."]}, {"c": text})
        feedback.say_here("f", "error", "Not saved.")
        stale.refuse("f", {"Comment": (text, "stored")}, 7)
        st.rerun()
    feedback.field_problems("f", "c", text)
    feedback.show_here("f")
    choice = stale.panel("f")
    if choice:
        st.session_state["chosen"] = (choice, stale.stored_version("f"))


def test_over_long_text_is_kept_and_counted():
    at = AppTest.from_function(_limited_app).run()
    at.text_area(key="c").input("x" * 11).run()
    assert at.text_area(key="c").value == "x" * 11
    assert "11 / 10 characters: 1 too many" in at.markdown[0].value


def test_stale_refusal_shows_both_values_and_returns_the_choice():
    at = AppTest.from_function(_limited_app).run()
    at.text_area(key="c").input("mine").run()
    at.button(key="save").click().run()
    assert "changed elsewhere" in at.warning[0].value
    table = at.table[0].value
    assert list(table.loc["Comment"]) == ["mine", "stored"]
    assert at.text_area(key="c").value == "mine"
    at.button(key="civic_stale_keep_f").click().run()
    assert at.session_state["chosen"] == ("keep", 7)


def test_field_error_clears_once_the_field_is_changed():
    at = AppTest.from_function(_limited_app).run()
    at.text_area(key="c").input("x" * 11).run()
    at.button(key="save").click().run()
    assert [e.value for e in at.error] == ["Too long.", "Not saved."]
    at.text_area(key="c").input("short").run()
    assert [e.value for e in at.error] == []


def test_the_servers_upload_limit_is_the_attachment_limit():
    import tomllib
    from pathlib import Path

    from civic_challenge.domain.attachments import MAX_BYTES

    config = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
    megabytes = tomllib.loads(config.read_text())["server"]["maxUploadSize"]
    assert megabytes * 1024 * 1024 == MAX_BYTES
