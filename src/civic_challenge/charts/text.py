"""People's words in charts: plotly.js reads chart text as a small subset of HTML."""

import html
from collections.abc import Iterable

import pandas as pd


def chart_text(text: object) -> str:
    """A name as typed, for a title, axis category, legend entry, hover label or annotation.

    plotly.js turns `<b>`, `<i>`, `<a href=...>` and `<br>` in any chart text into markup, and
    reads `&lt;`, `&gt;` and `&amp;` back into the characters: escaping those three keeps the
    text exactly as typed. Clicks on a category return this escaped form; compare with it.
    """
    return html.escape(str(text), quote=False)


def chart_texts(texts: Iterable[object]) -> list[str]:
    """`chart_text` for each of a column's values, in order."""
    return [chart_text(t) for t in (texts.tolist() if isinstance(texts, pd.Series) else texts)]
