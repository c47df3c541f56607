"""The fields of a new account (register, accept an invite), each with its errors beneath it."""

from dataclasses import dataclass

import streamlit as st

from civic_challenge.domain.accounts import MAX_EMAIL_LENGTH, MAX_NAME_LENGTH
from civic_challenge.domain.passwords import MAX_LENGTH, MIN_LENGTH
from civic_challenge.ui.feedback import field_problems, problem_summary

PASSWORD_HELP = (
    f"At least {MIN_LENGTH} characters; a few unrelated words make a strong one. "
    "Very common passwords are refused."
)


@dataclass(frozen=True)
class AccountFields:
    name: str
    email: str
    password: str
    repeat: str


def account_fields(form: str, *, email: str | None = None) -> AccountFields:
    """Name, email (fixed when invited), password twice. Call inside st.form."""
    problem_summary(form)
    name = st.text_input(
        "Your name",
        max_chars=MAX_NAME_LENGTH,
        key=f"{form}_name",
    )
    st.caption("As you would like judges and organisers to see it.")
    field_problems(form, "name")
    if email is None:
        email = st.text_input(
            "Email",
            max_chars=MAX_EMAIL_LENGTH,
            key=f"{form}_email",
            autocomplete="email",
        )
        st.caption("We send nothing but challenge news.")
        field_problems(form, "email")
    password = password_field("Password", key=f"{form}_password", help=PASSWORD_HELP)
    field_problems(form, "password")
    repeat = password_field(
        "Repeat password",
        key=f"{form}_repeat",
        help="Type the same password again, to catch typing mistakes.",
    )
    return AccountFields(name=name, email=email, password=password, repeat=repeat)


def password_field(label: str, *, key: str, help: str, new: bool = True) -> str:
    value = st.text_input(
        label,
        type="password",
        max_chars=MAX_LENGTH,
        key=key,
        autocomplete="new-password" if new else "current-password",
    )
    st.caption(help)
    return value
