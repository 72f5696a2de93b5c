"""Geometry for the web: topology-preserving simplification, fixed rounding, d3/plotly winding.

Why these choices:
- ``shapely.coverage_simplify`` simplifies each edge shared by two provinces once, so neighbours
  keep identical borders (no slivers or gaps), which per-polygon Douglas-Peucker cannot promise.
  The AMap provinces form a valid coverage (``shapely.coverage_is_valid`` is true), which it needs.
- Snapping to a 1e-4° grid (about 11 m) *before* writing makes the rounded coordinates the real
  geometry, so shared borders stay identical after rounding and the file bytes are reproducible.
- plotly.js draws GeoJSON through d3-geo, whose spherical convention wants exterior rings
  clockwise (in lon/lat, north up) and holes counter-clockwise; RFC 7946's counter-clockwise
  exteriors make plotly fill the rest of the globe instead of the province.
"""
from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

GRID = 1e-4      # degrees; 4 decimals in the files
DECIMALS = 4


def simplify_coverage(geoms: list[BaseGeometry], tolerance: float) -> list[BaseGeometry]:
    """Simplify polygons that tile the plane together, keeping shared edges shared."""
    arr = np.array(geoms, dtype=object)
    if not shapely.coverage_is_valid(arr):
        raise ValueError("input polygons are not a valid coverage (overlaps or mismatched edges)")
    out = shapely.coverage_simplify(arr, tolerance)
    out = shapely.set_precision(out, GRID)
    out = shapely.orient_polygons(out, exterior_cw=True)
    return list(out)


def simplify_lines(geom: BaseGeometry, tolerance: float) -> BaseGeometry:
    """Douglas-Peucker for line layers (the ten-dash line shares no edge with anything)."""
    return shapely.set_precision(shapely.simplify(geom, tolerance), GRID)


def rounded(x: float) -> float:
    """One coordinate at the files' fixed precision (adds 0.0 so -0.0 never appears)."""
    return round(x, DECIMALS) + 0.0


def _ring(coords) -> list[list[float]]:
    return [[rounded(x), rounded(y)] for x, y in coords]


def to_geojson(geom: BaseGeometry) -> dict:
    """GeoJSON geometry with rounded coordinates; Polygon parts always written as MultiPolygon
    (one shape per feature type keeps the consumers simple)."""
    kind = geom.geom_type
    if kind in ("Polygon", "MultiPolygon"):
        parts = [geom] if kind == "Polygon" else list(geom.geoms)
        return {"type": "MultiPolygon", "coordinates": [
            [_ring(p.exterior.coords)] + [_ring(h.coords) for h in p.interiors] for p in parts]}
    if kind in ("LineString", "MultiLineString"):
        parts = [geom] if kind == "LineString" else list(geom.geoms)
        return {"type": "MultiLineString", "coordinates": [_ring(p.coords) for p in parts]}
    raise ValueError(f"unsupported geometry {kind}")


def inside_point(geom: BaseGeometry) -> tuple[float, float]:
    """A point guaranteed inside the polygon (not the centroid, which can fall outside a crescent
    or in the sea), rounded; if rounding pushed it out, the unrounded nearest grid point inside is used."""
    p = geom.representative_point()
    x, y = rounded(p.x), rounded(p.y)
    if geom.contains(shapely.Point(x, y)):
        return x, y
    for dx in (0.0, GRID, -GRID):
        for dy in (0.0, GRID, -GRID):
            q = (rounded(x + dx), rounded(y + dy))
            if geom.contains(shapely.Point(q)):
                return q
    raise ValueError("no grid point inside the polygon near its representative point")
