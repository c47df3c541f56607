"""People's words as text: `plain` for Streamlit Markdown and labels, `chart_text` for plotly."""

import html
import string

import pytest

from civic_challenge.charts.text import chart_text, chart_texts
from civic_challenge.ui.text import WORD_JOINER, plain

TYPED = [
    "*bold* and _em_",
    "$x^2$ and $$y$$",
    "[link](http://example.com)",
    "<b>b</b> <script>alert(1)</script>",
    ":red[r] :blue-background[b]",
    ":material/home: :smile: :streamlit:",
    r"a \ backslash and \*",
    "# heading",
    "| a | b |",
    "- item\n1. item",
    "www.example.com and a@example.com",
    "&amp; &lt;",
    "`code` ~~gone~~ > quote",
]


def unescaped(markdown: str) -> str:
    """What CommonMark shows for backslash escapes; word joiners are invisible."""
    out, i = [], 0
    while i < len(markdown):
        if markdown[i] == "\\" and i + 1 < len(markdown) and markdown[i + 1] in string.punctuation:
            out.append(markdown[i + 1])
            i += 2
        else:
            out.append(markdown[i])
            i += 1
    return "".join(out).replace(WORD_JOINER, "")


@pytest.mark.parametrize("typed", TYPED)
def test_plain_shows_what_was_typed(typed):
    assert unescaped(plain(typed)) == typed


@pytest.mark.parametrize("typed", TYPED)
def test_plain_leaves_no_punctuation_unescaped(typed):
    escaped = plain(typed)
    bare = [
        ch
        for i, ch in enumerate(escaped)
        if ch in string.punctuation and not _escaped_at(escaped, i) and ch != "\\"
    ]
    assert bare == []


def _escaped_at(text: str, i: int) -> bool:
    slashes = 0
    while i - 1 - slashes >= 0 and text[i - 1 - slashes] == "\\":
        slashes += 1
    return slashes % 2 == 1


@pytest.mark.parametrize(
    ("typed", "broken"),
    [
        ("http://example.com", "http\\:" + WORD_JOINER),
        ("www.example.com", "www" + WORD_JOINER + "\\."),
        ("WWW.example.com", "WWW" + WORD_JOINER + "\\."),
        (":+1:", "\\:" + WORD_JOINER + "\\+1"),
        (":streamlit:", "\\:" + WORD_JOINER + "streamlit"),
    ],
)
def test_plain_breaks_what_streamlit_finds_after_escapes(typed, broken):
    """Links, emails and shortcodes are found in the text after escapes are read: an invisible
    word joiner keeps them as typed."""
    assert broken in plain(typed)


@pytest.mark.parametrize(
    "typed", ["Status: Submitted", "16:00 on Friday", "olu@example.org", "a:b and c: d"]
)
def test_plain_adds_no_hidden_character_where_nothing_would_be_found(typed):
    """A colon before a space or digits, and an email address, stay as typed: whoever copies
    the text (an address into their mail program) copies what they see."""
    assert WORD_JOINER not in plain(typed)


def test_plain_keeps_line_breaks_and_letters():
    assert plain("Line one  \nLine two é") == "Line one  \nLine two é"


@pytest.mark.parametrize("typed", TYPED)
def test_chart_text_keeps_no_tag_and_reads_back_as_typed(typed):
    shown = chart_text(typed)
    assert "<" not in shown and ">" not in shown
    assert html.unescape(shown) == typed


def test_chart_texts_escapes_each_value_in_order():
    assert chart_texts(["<i>a</i>", "b & c", 3]) == ["&lt;i&gt;a&lt;/i&gt;", "b &amp; c", "3"]
