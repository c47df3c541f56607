"""Results' notices about reviews: set aside for a conflict, or changed after submitting."""

import pandas as pd
import streamlit as st

from civic_challenge.services.review_flags import ReviewFlags
from civic_challenge.ui.proposal_links import OPEN_COLUMN, proposal_link


def notices(flags: ReviewFlags) -> None:
    aside, changed = flags.set_aside, flags.changed
    if not aside.empty:
        st.warning(
            f"{len(aside)} submitted reviews do not count: their judge has a conflict with the "
            "proposal's organisation. They are left out of the ranking, agreement and awards. "
            "Ask another judge for a replacement review in the moderation queue below "
            "(proposals short of reviews are listed there).",
            icon=":material/person_off:",
        )
        st.dataframe(
            pd.DataFrame(
                {
                    "Reference": aside["reference"],
                    "Open": aside["proposal_id"].map(proposal_link),
                    "Judge": aside["judge"],
                    "Conflict": aside["source"].map({"declared": "Declared by the judge",
                                                     "suggested": "Found and confirmed"}),
                    "Reason given": aside["reason"],
                }
            ),
            hide_index=True,
            column_config={"Open": OPEN_COLUMN},
        )  # fmt: skip
    if not changed.empty:
        seen = (
            "when the settings let judges see other judges' totals"
            if flags.others_visible
            else "(judges could not see other judges' totals)"
        )
        st.warning(
            f"{len(changed)} reviews were changed after they were submitted, {seen}. "
            "Each change is in the proposal's audit trail with its before and after scores.",
            icon=":material/edit_note:",
        )
        st.dataframe(
            pd.DataFrame(
                {
                    "Reference": changed["reference"],
                    "Open": changed["proposal_id"].map(proposal_link),
                    "Judge": changed["judge"],
                    "Changes": changed["changes"],
                    "Last changed": changed["last_changed"],
                }
            ),
            hide_index=True,
            column_config={
                "Open": OPEN_COLUMN,
                "Last changed": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm"),
            },
        )
