"""Names into keys, and colours for new themes.

Keys and slugs are made from what an organiser types ('Climate change' -> 'climate-change'), so
no one has to invent an identifier. New themes get the next colour of the Okabe-Ito palette,
which stays distinguishable with the common colour-vision deficiencies.
"""

import re
import unicodedata
from collections.abc import Iterable

_NOT_KEY = re.compile(r"[^a-z0-9]+")
# Okabe-Ito, reordered so the first few read well on white (yellow late, black last).
THEME_COLOURS = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)


def key_from_name(name: str, *, max_length: int) -> str:
    """'Climate change' -> 'climate-change'; accents dropped ('Café' -> 'cafe'), anything else
    between letters and digits becomes one hyphen; '' when the name has no letters or digits."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    key = _NOT_KEY.sub("-", plain.lower()).strip("-")
    return key[:max_length].rstrip("-")


def next_theme_colour(used: Iterable[str]) -> str:
    """The first palette colour no theme uses yet; when all are used, the least used one."""
    taken = [colour.upper() for colour in used]
    return min(THEME_COLOURS, key=lambda colour: (taken.count(colour), THEME_COLOURS.index(colour)))
