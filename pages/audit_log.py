"""Audit log (organisers): who did what, when, with the values before and after. Read-only."""

from civic_challenge.services.audit_log import MAX_ROWS, audit_choices, list_audit_events
from civic_challenge.services.errors import InvalidInput
from civic_challenge.ui import audit, shell
from civic_challenge.ui.database import db_reader

actor = shell.begin_page("Audit log", signed_in=True)
with db_reader() as session:
    choices = audit_choices(session=session, actor=actor)
chosen = audit.filters(choices)
try:
    with db_reader() as session:
        events = list_audit_events(
            session=session,
            actor=actor,
            action=chosen.action,
            actor_id=chosen.actor_id,
            first_day=chosen.first_day,
            last_day=chosen.last_day,
        )
except InvalidInput as invalid:
    audit.refused(invalid)
else:
    audit.table(events, MAX_ROWS)
