"""The Account page's email settings: whether the address is confirmed, and reminders."""

import streamlit as st

from civic_challenge.services.account_settings import account_status, set_reminders
from civic_challenge.services.accounts import UserView
from civic_challenge.services.clock import now
from civic_challenge.services.errors import ServiceError
from civic_challenge.services.registration import resend_confirmation
from civic_challenge.ui import feedback
from civic_challenge.ui.database import db_reader, db_session
from civic_challenge.ui.links import base_url


def email_settings(user: UserView) -> None:
    with db_reader() as session:
        status = account_status(session=session, actor=user)
    st.header("Email")
    if status.email_confirmed:
        st.caption("Your email address is confirmed.")
    else:
        st.caption("Your email address is not confirmed yet.")
        if st.button("Send me a new confirmation link"):
            try:
                with db_session() as session:
                    resend_confirmation(session=session, actor=user, now=now(), base_url=base_url())
            except ServiceError as error:
                st.error(str(error), icon=":material/error:")
            else:
                feedback.flash("success", "A new confirmation link is on its way.")
                st.rerun()
    wanted = st.toggle(
        "Email me reminders",
        value=status.wants_reminders,
    )
    st.caption(
        "Reminders before judging closes, while you still have reviews to finish. "
        "Messages about your account and your proposals are always sent."
    )
    if wanted != status.wants_reminders:
        with db_session() as session:
            set_reminders(session=session, actor=user, wanted=wanted)
        feedback.flash("success", "Reminders turned " + ("on." if wanted else "off."))
        st.rerun()
