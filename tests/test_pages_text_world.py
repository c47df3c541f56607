"""A challenge whose every typed field holds Markdown, LaTeX and HTML, and the rules for reading
what the app sends to the browser: does a person see that text exactly as it was typed?

Shared by the page tests (AppTest) and the browser tests. The rules model what Streamlit's
Markdown renderer does with a string (CommonMark escapes, GFM autolinks found in text,
`:name:` shortcodes, colour directives, `$` maths) and what plotly.js does with chart text
(a subset of HTML).
"""

import html
import json
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, String, cast, literal, select, update
from sqlmodel import Session, SQLModel

from civic_challenge.config import DATA_DIR
from civic_challenge.services.demo import seed_demo

MARK = "Qx7"
PAYLOAD = r"*em* $x^2$ [a](http://example.com) <b>b</b> :red[r] \ # | _u_ :material/home: &amp;"
WORD_JOINER = "\u2060"

# Every string column, sorted into text that people type (filled with the payload) and the
# rest. A new string column fails `test_every_string_column_is_sorted` until it is placed.
TYPED = {
    "challenge": ("name", "description", "consent_text"),
    "theme": ("name", "description"),
    "challenge_statement": ("title", "description", "partner"),
    "criterion": ("name", "guidance", "descriptors"),
    "decision": ("rationale",),
    "moderation_note": ("text",),
    "decision_release": ("message",),
    "conflict": ("reason",),
    "assignment": ("abstain_reason",),
    "review": ("comment_for_applicant", "moderated_comment", "note_for_panel"),
    "app_user": ("name",),
    "organisation": ("name",),
    "proposal": (
        "title",
        "summary",
        "problem",
        "solution",
        "impact",
        "milestones",
        "screening_reason",
    ),
    "attachment": ("filename",),
    "outbox_message": ("subject", "body_text"),
}
NOT_TYPED = {
    "challenge": ("slug", "phase", "score_visibility", "aggregation", "normalisation"),
    "theme": ("key", "colour"),
    "challenge_statement": ("key",),
    "criterion": ("key",),
    "decision": ("stage", "outcome"),
    "decision_release": ("kind", "contents"),  # contents: JSON of ids
    "result_snapshot": ("kind", "params", "failure"),  # made by the app, never typed
    "conflict": ("source", "status"),
    "assignment": ("state",),
    "review": ("state", "confidence"),
    "app_user": ("email", "role", "password_hash", "sso_subject"),
    "user_session": ("token_hash",),
    "invite": ("token_hash", "email", "role"),
    "organisation": ("companies_house_number", "borough_code", "website"),
    "proposal": ("reference", "status"),
    "proposal_borough": ("borough_code",),
    "attachment": ("sha256",),
    "proposal_version": ("snapshot",),  # JSON copy of the proposal at submission
    "audit_event": ("action", "object_type", "before", "after"),
    "autosave": ("form", "payload"),  # JSON of what was typed, restored into widgets
    "outbox_message": (
        "recipient",
        "template",
        "body_html",
        "attachment_name",
        "attachment_type",
        "state",
        "last_error",
    ),
    "account_token": ("token_hash", "purpose"),
    "sign_in_throttle": ("key_hash",),
}


def string_columns() -> Iterator[tuple[str, str]]:
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(getattr(column.type, "impl_instance", column.type), String):
                yield table.name, column.name


# Each typed column gets a two-letter code after the mark, so a test can say which fields
# reached a page: "Qx7" + code + row id + " " + payload.
CODES = {
    f"{table}.{column}": chr(97 + i // 26) + chr(97 + i % 26)
    for i, (table, column) in enumerate(
        (table, column) for table, columns in TYPED.items() for column in columns
    )
}
FIELD_OF_CODE = {code: field for field, code in CODES.items()}
SEEN = re.compile(re.escape(MARK) + r"([a-z]{2})\d+")


def typed_value(field: str, row_id: int) -> str:
    return f"{MARK}{CODES[field]}{row_id} {PAYLOAD}"


def fields_in(text: str) -> set[str]:
    """The typed fields (table.column) whose values appear in `text`."""
    return {FIELD_OF_CODE[code] for code in SEEN.findall(text) if code in FIELD_OF_CODE}


def fill_typed_fields(engine: Engine) -> None:
    """Every typed field of every row becomes `Qx7<code><id> <payload>`; criterion descriptors
    (a JSON list) get the payload at every level."""
    tables = SQLModel.metadata.tables
    with Session(engine) as session:
        for table_name, columns in TYPED.items():
            table = tables[table_name]
            for column in columns:
                if column == "descriptors":
                    continue
                code = CODES[f"{table_name}.{column}"]
                value = literal(MARK + code) + cast(table.c.id, String) + literal(" " + PAYLOAD)
                session.execute(update(table).values({column: value}))
        criterion = tables["criterion"]
        for row_id, descriptors in session.execute(select(criterion.c.id, criterion.c.descriptors)):
            levels = [typed_value("criterion.descriptors", row_id) for _ in json.loads(descriptors)]
            session.execute(
                update(criterion)
                .where(criterion.c.id == row_id)
                .values(descriptors=json.dumps(levels))
            )
        session.commit()


def seed_payload_challenge(engine: Engine, now: datetime | None = None) -> None:
    """The demo challenge, with every typed field replaced by the payload."""
    with Session(engine, expire_on_commit=False) as session:
        from civic_challenge.services.demo import DEMO_PASSWORD

        seed_demo(
            session=session, now=now or datetime.now(UTC), password=DEMO_PASSWORD, data_dir=DATA_DIR
        )
        session.commit()
    fill_typed_fields(engine)


# --- reading Markdown as Streamlit shows it ------------------------------------------------

PUNCTUATION = set(string.punctuation)
AUTOLINK = re.compile(r"(?i)https?://|www\.|[-.\w+]@[-\w]")
# :red[...], :material/...:, :smile:, :streamlit: (a name closed by a colon or opening a bracket)
SHORTCODE = re.compile(r":[\w/+-]+[:\[]")


@dataclass(frozen=True)
class Shown:
    """What a Markdown source displays: each character, and whether the source escaped it."""

    text: str
    escaped: tuple[bool, ...]


def shown(source: str) -> Shown:
    """CommonMark backslash escapes: a backslash before ASCII punctuation shows that character
    as itself; every other character shows as it is."""
    chars: list[str] = []
    escaped: list[bool] = []
    i = 0
    while i < len(source):
        if source[i] == "\\" and i + 1 < len(source) and source[i + 1] in PUNCTUATION:
            chars.append(source[i + 1])
            escaped.append(True)
            i += 2
        else:
            chars.append(source[i])
            escaped.append(False)
            i += 1
    return Shown("".join(chars), tuple(escaped))


def markdown_problems(source: str) -> list[str]:
    """Why the payload in this Markdown source would not show as typed ([] when it would)."""
    seen = shown(source)
    visible = seen.text.replace(WORD_JOINER, "")
    if PAYLOAD not in visible:
        return [f"the payload is not shown as typed: {visible!r}"]
    problems = []
    for start in [m.start() for m in re.finditer(re.escape(MARK), seen.text)]:
        end = _payload_end(seen.text, start)
        bare = {
            c
            for c, e in zip(seen.text[start:end], seen.escaped[start:end], strict=True)
            if c in PUNCTUATION and not e
        }
        if bare:
            problems.append(f"unescaped {''.join(sorted(bare))!r} in {source!r}")
        piece = seen.text[start:end]
        for pattern, what in ((AUTOLINK, "a link"), (SHORTCODE, "a shortcode")):
            if pattern.search(piece):
                problems.append(f"{what} in {piece!r}")
    return problems


def _payload_end(text: str, start: int) -> int:
    """Where the payload that follows the mark at `start` ends (word joiners skipped)."""
    i = start + len(MARK)
    while i < len(text) and text[i].isascii() and text[i].isalnum():
        i += 1
    for char in " " + PAYLOAD:
        while i < len(text) and text[i] == WORD_JOINER:
            i += 1
        if i >= len(text) or text[i] != char:
            return i
        i += 1
    return i


def plain_text_problems(value: str) -> list[str]:
    """Text shown as it is (a table cell, an option of a select box, a typed value)."""
    return [] if PAYLOAD in value else [f"the payload is not shown as typed: {value!r}"]


def chart_text_problems(value: str) -> list[str]:
    """Chart text is a subset of HTML to plotly.js: no tag from the payload may reach it."""
    if PAYLOAD not in html.unescape(value) or "<" in value.split(MARK, 1)[1]:
        return [f"chart text is not escaped HTML: {value!r}"]
    return []
