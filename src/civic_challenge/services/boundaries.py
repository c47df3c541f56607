"""London's boroughs: the tile grid shipped in data/, and an optional boundary file for a map.

The map is optional: without CIVIC_BOUNDARY_FILE, or with a file that cannot be used, the
dashboard shows the tile grid alone and says why in one plain sentence.
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from civic_challenge.config import get_settings
from civic_challenge.domain.boundaries import ATTRIBUTION, BoundaryProblem, boundary_rings

GRID_FILE = "boroughs.csv"
MAX_BOUNDARY_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class BoroughMap:
    """rings: RING_COLUMNS of domain.boundaries, or None when there is no map to draw; message:
    why not (None when no file is configured, which is not a problem)."""

    rings: pd.DataFrame | None
    message: str | None
    attribution: str = ATTRIBUTION


def borough_grid() -> pd.DataFrame:
    """code, name, tile_row, tile_col for the 33 London local authorities."""
    return _grid(get_settings().data_dir / GRID_FILE).copy()


@lru_cache(maxsize=4)
def _grid(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"code": str, "name": str, "tile_row": int, "tile_col": int})


def configured_boundary_file() -> Path | None:
    return get_settings().boundary_file


def borough_map(*, path: Path | None) -> BoroughMap:
    """The boundary file at `path` read into rings, or the reason it cannot be drawn."""
    if path is None:
        return BoroughMap(None, None)
    unusable = f"The borough map is not shown: the boundary file {path.name} "
    try:
        if path.stat().st_size > MAX_BOUNDARY_BYTES:
            return BoroughMap(None, unusable + "is larger than 20 MB.")
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return BoroughMap(None, unusable + "was not found. Check CIVIC_BOUNDARY_FILE.")
    except (OSError, UnicodeDecodeError) as error:
        return BoroughMap(None, unusable + f"could not be read ({error.__class__.__name__}).")
    except json.JSONDecodeError:
        return BoroughMap(None, unusable + "is not valid JSON (GeoJSON is expected).")
    try:
        rings = boundary_rings(document, borough_grid()["code"])
    except BoundaryProblem as problem:
        return BoroughMap(None, unusable + f"cannot be used: {problem}.")
    return BoroughMap(rings, None)
