"""Borough boundaries from a GeoJSON document, checked, as rings of points a chart can fill.

No geographic library and no network: the outer ring of each polygon becomes a run of
(longitude, latitude) points, rings separated by a row of NaN, so a plotly scatter with
fill="toself" draws the borough.
"""

from collections.abc import Iterable

import pandas as pd

RING_COLUMNS = ["code", "name", "lon", "lat"]
ATTRIBUTION = "Contains OS and ONS data © Crown copyright and database right 2016"


class BoundaryProblem(ValueError):
    """The document is not a usable set of borough boundaries; the message says why."""


def boundary_rings(document: object, known_codes: Iterable[str]) -> pd.DataFrame:
    """Rings for every feature whose `code` property is a known borough (RING_COLUMNS).

    Raises BoundaryProblem when the document is not a FeatureCollection, a feature lacks the
    `code` or `name` property, a geometry is not a (Multi)Polygon of numbers, or no feature
    names a known borough.
    """
    if not isinstance(document, dict) or not isinstance(document.get("features"), list):
        raise BoundaryProblem("it is not a GeoJSON FeatureCollection (no list of features)")
    known = set(known_codes)
    rows: list[tuple] = []
    for number, feature in enumerate(document["features"], start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict) or not {"code", "name"} <= properties.keys():
            raise BoundaryProblem(
                f"feature {number} has no 'code' and 'name' properties (the borough's GSS code "
                "and name are expected)"
            )
        code, name = str(properties["code"]), str(properties["name"])
        if code not in known:
            continue
        for ring in _outer_rings(feature.get("geometry"), number):
            rows.extend((code, name, float(lon), float(lat)) for lon, lat, *_ in ring)
            rows.append((code, name, float("nan"), float("nan")))
    if not rows:
        raise BoundaryProblem("none of its features is a London borough known to the tile grid")
    return pd.DataFrame(rows, columns=RING_COLUMNS)


def _outer_rings(geometry: object, number: int) -> list[list]:
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    try:
        if kind == "Polygon":
            rings = [coordinates[0]]
        elif kind == "MultiPolygon":
            rings = [polygon[0] for polygon in coordinates]
        else:
            raise BoundaryProblem(f"feature {number} is not a Polygon or MultiPolygon")
        for ring in rings:
            for point in ring:
                float(point[0]), float(point[1])
    except (TypeError, IndexError, KeyError, ValueError) as error:
        if isinstance(error, BoundaryProblem):
            raise
        raise BoundaryProblem(f"feature {number} has coordinates that are not numbers") from None
    return rings
