"""The receipt an applicant downloads: what was submitted and when, as plain text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from civic_challenge.db import organisations as db_organisations
from civic_challenge.db import proposals as db_proposals
from civic_challenge.domain.money import pounds
from civic_challenge.domain.proposals import TEXT_LABELS, deadline_words
from civic_challenge.services.accounts import UserView
from civic_challenge.services.errors import NotFound
from civic_challenge.services.proposal_access import own_proposal

if TYPE_CHECKING:
    from datetime import datetime

    from sqlmodel import Session


@dataclass(frozen=True)
class Receipt:
    filename: str
    text: str


def submission_receipt(*, session: Session, actor: UserView, proposal_id: int) -> Receipt:
    """The latest submitted version of the applicant's proposal, as a receipt."""
    proposal = own_proposal(session, actor, proposal_id)
    versions = db_proposals.versions_frame(session, proposal_id)
    if versions.empty:
        raise NotFound("This proposal has not been submitted yet, so there is no receipt.")
    latest = versions.iloc[-1]
    snapshot = json.loads(latest["snapshot"])
    organisation = db_organisations.get_organisation(session, proposal.organisation_id)
    name = organisation.name if organisation else ""
    text = receipt_text(snapshot, name, latest["submitted_at"].to_pydatetime(), len(versions))
    return Receipt(filename=f"receipt-{snapshot['reference']}.txt", text=text)


def receipt_text(snapshot: dict, organisation: str, at: datetime, versions: int) -> str:
    amount = pounds(snapshot["amount_requested_pence"] or 0)
    attachment = snapshot["attachment"]
    lines = [
        "Civic Challenge: receipt for your proposal",
        "",
        f"Reference: {snapshot['reference']}",
        f"Organisation: {organisation}",
        f"Received: {deadline_words(at)} (London time)",
        f"Version: {versions} (each change you submit is kept)",
        "",
        f"Challenge statement: {snapshot['statement']}",
        f"Main theme: {snapshot['primary_theme']}",
        f"Other themes: {', '.join(snapshot['secondary_themes']) or 'none'}",
        f"Amount requested: {amount}",
        f"Pilot boroughs: {', '.join(snapshot['pilot_boroughs'])}",
        "Attachment: "
        + (f"{attachment['filename']} (SHA-256 {attachment['sha256']})" if attachment else "none"),
        "",
    ]
    for field, label in TEXT_LABELS.items():
        lines += [f"{label}:", snapshot[field], ""]
    return "\n".join(lines)
