"""Account rules that need no database: the client's address behind a proxy, throttle keys,
and the password rule's personal checks."""

import pytest

from civic_challenge.domain.accounts import forwarded_client, throttle_keys
from civic_challenge.domain.passwords import password_problems


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the last entry is the proxy's own view
        (" 2001:db8::1 ", "2001:db8::1"),
        ("", None),
        (None, None),
        ("unknown", None),
        ("203.0.113.9, <script>", None),
        ("1" * 500, None),
    ],
)
def test_the_client_address_is_the_last_forwarded_entry_when_it_is_an_address(header, expected):
    assert forwarded_client(header) == expected


def test_throttle_keys_pair_the_email_with_the_source_and_ignore_case():
    assert throttle_keys(" Ada@Example.org ", "203.0.113.9") == throttle_keys(
        "ada@example.org", "203.0.113.9"
    )
    pair, source = throttle_keys("ada@example.org", None)
    assert "ada@example.org" in pair and "unknown" in source
    assert throttle_keys("ada@example.org", "a")[1] == throttle_keys("bea@example.org", "a")[1]


@pytest.mark.parametrize(
    ("password", "refused"),
    [
        ("          ", True),
        ("\t\t\t\t\t\t\t\t\t\t", True),
        ("ada@example.org", True),
        ("  Ada   Lovelace ", True),
        ("ada lovelace's bicycle", False),
        ("correct horse battery", False),
    ],
)
def test_the_password_rule_refuses_spaces_and_what_others_know(password, refused):
    problems = password_problems(
        password, frozenset(), personal=("ada@example.org", "Ada Lovelace")
    )
    assert bool(problems) is refused
