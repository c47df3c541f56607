"""Keys made from names, and the colour a new theme starts with."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civic_challenge.domain.naming import THEME_COLOURS, key_from_name, next_theme_colour

KEY = re.compile(r"^([a-z0-9]+(-[a-z0-9]+)*)?$")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Climate change", "climate-change"),
        ("  Ageing   population ", "ageing-population"),
        ("Health & care: 2026!", "health-care-2026"),
        ("Café culture", "cafe-culture"),
        ("Civic Innovation Challenge 2026", "civic-innovation-challenge-2026"),
        ("!!!", ""),
        ("", ""),
        ("中文", ""),
    ],
)
def test_keys_are_made_from_names(name, key):
    assert key_from_name(name, max_length=60) == key


def test_a_long_name_is_cut_without_a_trailing_hyphen():
    assert key_from_name("Active travel in outer London", max_length=14) == "active-travel"


@given(st.text(max_size=300), st.integers(min_value=1, max_value=80))
def test_a_key_is_short_lower_case_and_stable(name, length):
    key = key_from_name(name, max_length=length)
    assert KEY.match(key) and len(key) <= length
    assert key_from_name(key, max_length=length) == key


def test_new_themes_take_the_first_unused_palette_colour():
    assert next_theme_colour([]) == "#0072B2"
    assert next_theme_colour(["#0072b2", "#009E73"]) == "#E69F00"
    assert next_theme_colour(["#123456"]) == "#0072B2"


@given(st.lists(st.sampled_from(THEME_COLOURS), max_size=30))
def test_the_next_colour_is_one_of_the_least_used(used):
    colour = next_theme_colour(used)
    assert colour in THEME_COLOURS
    assert used.count(colour) == min(used.count(c) for c in THEME_COLOURS)
