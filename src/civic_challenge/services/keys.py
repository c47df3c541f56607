"""Keys of themes and statements (used in exports and filters): a new one's key is made from its
name when none is given, and kept as it is when the name changes later."""

import re

from civic_challenge.domain.naming import key_from_name

KEY_MAX = 40
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def key_for(key: str, name: str, current: str | None) -> tuple[str, str]:
    """The key: as given, else the one kept on an edit, else made from the name; and the field
    its problems belong to ("key", or "made" for the name's field when made from it)."""
    if key.strip():
        return key.strip(), "key"
    if current is not None:
        return current, "key"
    return key_from_name(name, max_length=KEY_MAX), "made"


def key_problems(
    key: str, name: str, other_keys: list[str], key_field: str, what: str
) -> list[str]:
    if key_field == "made":
        if not name.strip():
            return []  # the name's own problem says it all
        if not key:
            return [f"Use some letters or digits in the name: the {what}'s key is made from them."]
        if key in other_keys:
            return [
                f"Another {what} already has a name like this (its key is '{key}'): choose a "
                "different name."
            ]
        return []
    if not KEY_PATTERN.match(key):
        return ["Use a short key of lower-case letters, digits and hyphens, e.g. 'climate'."]
    if key in other_keys:
        return [f"Another {what} already uses the key '{key}'."]
    return []
