"""Text that people type is shown as text on every page for every role: in Markdown, labels,
help, options, tabs, expanders, tables and charts, Markdown, LaTeX and HTML stay as typed."""

import json
import shutil

import pytest
from google.protobuf.json_format import MessageToDict
from pages_support import Person, app
from sqlalchemy import text
from sqlmodel import Session
from streamlit.testing.v1 import element_tree as tree
from test_pages_every_page import ROLES, visible
from test_pages_text_world import (
    FIELD_OF_CODE,
    MARK,
    NOT_TYPED,
    TYPED,
    chart_text_problems,
    fields_in,
    markdown_problems,
    plain_text_problems,
    seed_payload_challenge,
    string_columns,
)

from civic_challenge.config import get_settings
from civic_challenge.db.accounts import find_user_by_email
from civic_challenge.domain.terms import Role
from civic_challenge.services.clock import now
from civic_challenge.services.database import open_database
from civic_challenge.services.demo import APPLICANT_EMAIL, JUDGE_EMAILS, ORGANISER_EMAIL
from civic_challenge.services.sessions import start_session

# Streamlit 1.67 shows these as they are; everything else with text (labels, help, bodies,
# captions, radio and select-slider options, st.table cells, tab and expander labels, metric
# values, progress text, toasts) goes through its Markdown renderer.
PLAIN_FIELDS = {"value", "default", "placeholder", "raw_value", "code_text", "default_value"}
PLAIN_OPTIONS = {"selectbox", "multiselect"}
EMAILS = {Role.APPLICANT: APPLICANT_EMAIL, Role.JUDGE: JUDGE_EMAILS[0]}
EMAILS[Role.ORGANISER] = ORGANISER_EMAIL


def strings(value: object, path: tuple[str, ...] = ()):
    """Every string inside a proto-as-dict, with the field names that lead to it."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from strings(inner, (*path, key))
    elif isinstance(value, list):
        for inner in value:
            yield from strings(inner, path)


def nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from nodes(child)


def frame_strings(frame) -> list[str]:
    cells = [str(v) for column in frame.columns for v in frame[column].tolist()]
    return [str(c) for c in frame.columns] + [str(i) for i in frame.index] + cells


def problems_in(node) -> list[str]:
    """What in this element would not show the payload as typed."""
    kind = getattr(node, "type", type(node).__name__)
    if isinstance(node, tree.Dataframe | tree.Table):
        check = plain_text_problems if isinstance(node, tree.Dataframe) else markdown_problems
        return [p for s in frame_strings(node.value) if MARK in s for p in check(s)]
    proto = getattr(node, "proto", None)
    if proto is None:
        return []
    found = []
    for path, value in strings(MessageToDict(proto, preserving_proto_field_name=True)):
        if kind == "plotly_chart" and path[-1] == "spec":
            found += [
                p
                for _, s in strings(json.loads(value))
                if MARK in s
                for p in chart_text_problems(s)
            ]
        elif MARK not in value:
            continue
        elif kind == "html":
            found += chart_text_problems(value)
        elif (
            path[-1] in PLAIN_FIELDS
            or kind in {"text", "code"}
            or (path[-1] == "options" and kind in PLAIN_OPTIONS)
        ):
            found += plain_text_problems(value)
        else:
            found += markdown_problems(value)
    return [f"{kind}: {p}" for p in found]


@pytest.fixture
def payload_world(tmp_path, sqlite_template, monkeypatch):
    """The demo challenge with the payload in every typed field, and a session per role."""
    path = tmp_path / "app.db"
    shutil.copyfile(sqlite_template, path)
    monkeypatch.setenv("CIVIC_DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()
    engine = open_database(get_settings().database_url)
    seed_payload_challenge(engine)
    tokens = {None: None}
    with Session(engine) as session:
        for role, email in EMAILS.items():
            user = find_user_by_email(session, email)
            tokens[role] = start_session(session=session, user_id=user.id, now=now())
        session.commit()
    tokens["proposals"] = rich_proposals(engine)
    yield tokens
    engine.dispose()


def rich_proposals(engine) -> list[int]:
    """Proposals whose dossier shows the most typed text: most reviews, a decision, a note."""
    queries = [
        "SELECT proposal_id FROM review GROUP BY proposal_id ORDER BY count(*) DESC LIMIT 1",
        "SELECT proposal_id FROM decision ORDER BY id LIMIT 1",
        "SELECT proposal_id FROM moderation_note ORDER BY id LIMIT 1",
        "SELECT proposal_id FROM attachment ORDER BY id LIMIT 1",
    ]
    with engine.connect() as connection:
        found = [connection.execute(text(q)).scalar() for q in queries]
    return sorted({p for p in found if p is not None})


def test_every_string_column_is_sorted_into_typed_or_not():
    unsorted = [
        f"{table}.{column}"
        for table, column in string_columns()
        if column not in TYPED.get(table, ()) + NOT_TYPED.get(table, ())
    ]
    assert not unsorted, (
        f"Say whether people type these (tests/test_pages_text_world.py): {unsorted}"
    )


# Typed fields the demo challenge shows somewhere; the others (e.g. an abstention's reason, a
# moderated comment) need a state the demo does not reach and are checked where they are drawn.
MUST_BE_SEEN = {
    "challenge.name",
    "challenge.description",
    "challenge.consent_text",
    "theme.name",
    "challenge_statement.title",
    "challenge_statement.partner",
    "criterion.name",
    "criterion.guidance",
    "criterion.descriptors",
    "app_user.name",
    "organisation.name",
    "proposal.title",
    "proposal.summary",
    "review.comment_for_applicant",
    "review.note_for_panel",
}


def test_typed_text_shows_as_typed_on_every_page_for_every_role(payload_world):
    report: dict[str, list[str]] = {}
    seen: set[str] = set()
    for role in ROLES:
        token = payload_world[role]
        person = None if token is None else Person(email="", token=token, id=0)
        for page in sorted(visible(role)):
            at = app(person, f"pages/{page}.py")
            assert not at.exception, (role, page, [e.value for e in at.exception])
            elements = list(nodes(at._tree))
            seen |= {f for n in elements for f in fields_in(str(getattr(n, "proto", "")))}
            seen |= {f for n in elements if hasattr(n, "value") for f in fields_in(str(_value(n)))}
            problems = [p for n in elements for p in problems_in(n)]
            if problems:
                report[f"{role or 'anonymous'} on {page}"] = sorted(set(problems))
    organiser = Person(email="", token=payload_world[Role.ORGANISER], id=0)
    for proposal_id in payload_world["proposals"]:
        at = app(organiser, "pages/proposal_detail.py")
        at.query_params["proposal"] = str(proposal_id)
        at.run()
        assert not at.exception, (proposal_id, [e.value for e in at.exception])
        elements = list(nodes(at._tree))
        seen |= {f for n in elements for f in fields_in(str(getattr(n, "proto", "")))}
        problems = [p for n in elements for p in problems_in(n)]
        if problems:
            report[f"organiser on proposal {proposal_id}"] = sorted(set(problems))
    assert not report, "\n".join(f"{where}:\n  " + "\n  ".join(p) for where, p in report.items())
    assert seen >= MUST_BE_SEEN, f"never shown, so not checked: {sorted(MUST_BE_SEEN - seen)}"
    print("typed fields shown on some page:", sorted(seen))
    print("typed fields not shown in the demo:", sorted(set(FIELD_OF_CODE.values()) - seen))


def _value(node) -> object:
    if isinstance(node, tree.Dataframe | tree.Table):
        return "\n".join(frame_strings(node.value))
    return ""
