"""南海诸岛 as the standard map's inset box (横版 layout), for plotly and ECharts alike.

Drawn at true scale the South China Sea islands (down to ~3.8°N) make the national map twice as
tall as the mainland, pushing half of it below the fold. The official standard map's landscape
layout instead draws the mainland alone and puts the sea, its islands and the ten-dash line into a
framed box at the lower right. This module does that on the geometry, once per asset load:

- main map: every polygon lying wholly south of MAIN_SOUTH_LAT (the southern islands) is left out;
  dashes of the ten-dash line wholly north of it (near Taiwan) stay where they are;
- inset: everything inside SOURCE_BOX (coasts of the southern provinces, the islands, the whole
  ten-dash line) clipped to the box, scaled by SCALE and moved so that the box's lower-right corner
  sits on the main map's lower-right corner. The inset pieces are added to their own province's
  feature, so they take its colour, hover and click.

Pure functions on GeoJSON dicts (shapely for clipping); no Streamlit.
"""
from __future__ import annotations

from shapely.geometry import LineString, Polygon, box, mapping

MAIN_SOUTH_LAT = 17.5                       # Hainan island ends at 18.1°N; the islands lie south of this
SOURCE_BOX = (106.0, 2.8, 123.8, 25.0)      # lon_min, lat_min, lon_max, lat_max of the inset's content
SCALE = 0.45
MARGIN = 0.3                                # degrees between the inset frame and its content


def _polygon_lists(geometry: dict | None) -> list[list]:
    """A Polygon/MultiPolygon geometry as a list of polygons (each a list of rings)."""
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _bounds(rings: list) -> tuple[float, float, float, float]:
    xs = [p[0] for p in rings[0]]
    ys = [p[1] for p in rings[0]]
    return min(xs), min(ys), max(xs), max(ys)


def _clipped(rings: list) -> list[list]:
    """The polygon's parts inside SOURCE_BOX, each a list of rings (no shapely work when it lies wholly
    inside or outside the box: the usual case, and the expensive one to do generally)."""
    x0, y0, x1, y1 = _bounds(rings)
    bx0, by0, bx1, by1 = SOURCE_BOX
    if x1 < bx0 or x0 > bx1 or y1 < by0 or y0 > by1:
        return []
    if x0 >= bx0 and x1 <= bx1 and y0 >= by0 and y1 <= by1:
        return [rings]
    try:
        poly = Polygon(rings[0], rings[1:])
        if not poly.is_valid:
            poly = poly.buffer(0)
        part = poly.intersection(box(*SOURCE_BOX))
    except Exception:  # noqa: BLE001 — a ring shapely cannot read is left out of the inset, not the map
        return []
    out = []
    for p in getattr(part, "geoms", [part]):
        if isinstance(p, Polygon) and not p.is_empty and p.area > 0:
            out.append([[list(c) for c in r.coords] for r in (p.exterior, *p.interiors)])
    return out


def _line_list(geojson: dict | None) -> list[list[tuple[float, float]]]:
    if not geojson:
        return []
    feats = geojson.get("features", [geojson]) if geojson.get("type") == "FeatureCollection" else [geojson]
    out = []
    for f in feats:
        g = f.get("geometry", f) or {}
        if g.get("type") == "LineString":
            out.append([tuple(p) for p in g["coordinates"]])
        elif g.get("type") == "MultiLineString":
            out += [[tuple(p) for p in line] for line in g["coordinates"]]
    return out


def layout(provinces: dict) -> dict:
    """Where the inset goes: {'transform': (scale, dx, dy), 'frame': [lon, lat] ring of the box}.

    The frame's lower-right corner is the main map's lower-right corner (the extent of every polygon
    reaching north of MAIN_SOUTH_LAT)."""
    xs_max, ys_min = -1e9, 1e9
    for f in provinces.get("features", []):
        for rings in _polygon_lists(f.get("geometry")):
            x0, y0, x1, y1 = _bounds(rings)
            if y1 >= MAIN_SOUTH_LAT:
                xs_max, ys_min = max(xs_max, x1), min(ys_min, y0)
    lon0, lat0, lon1, lat1 = SOURCE_BOX
    w, h = (lon1 - lon0) * SCALE, (lat1 - lat0) * SCALE
    right, bottom = xs_max, ys_min
    left, top = right - w - 2 * MARGIN, bottom + h + 2 * MARGIN
    dx, dy = left + MARGIN - lon0 * SCALE, bottom + MARGIN - lat0 * SCALE
    frame = [[left, bottom], [right, bottom], [right, top], [left, top], [left, bottom]]
    return {"transform": (SCALE, dx, dy), "frame": frame}


def extent(provinces: dict) -> tuple[float, float, float, float]:
    """lon_min, lat_min, lon_max, lat_max of every polygon (after `apply`: the map as drawn)."""
    x0 = y0 = 1e9
    x1 = y1 = -1e9
    for f in provinces.get("features", []):
        for rings in _polygon_lists(f.get("geometry")):
            a, b, c, d = _bounds(rings)
            x0, y0, x1, y1 = min(x0, a), min(y0, b), max(x1, c), max(y1, d)
    return x0, y0, x1, y1


def apply(provinces: dict, tenline: dict | None) -> tuple[dict, dict | None, dict]:
    """(provinces with the islands moved into the inset, ten-dash line as drawn, `layout`: the inset's
    frame ring and transform)."""
    spec = layout(provinces)
    s, dx, dy = spec["transform"]

    def move(rings):
        return [[[round(x * s + dx, 4), round(y * s + dy, 4)] for x, y, *_ in ring] for ring in rings]

    feats = []
    for f in provinces.get("features", []):
        polys = _polygon_lists(f.get("geometry"))
        if not polys:
            feats.append(f)
            continue
        main = [rings for rings in polys if _bounds(rings)[3] >= MAIN_SOUTH_LAT]
        inset = [move(part) for rings in polys for part in _clipped(rings)]
        if not main and not inset:   # nothing north of the cut and nothing in the box: keep it as it was
            feats.append(f)
            continue
        feats.append({**f, "geometry": {"type": "MultiPolygon", "coordinates": main + inset}})
    lines = _line_list(tenline)
    drawn = [[list(p) for p in line] for line in lines if min(y for _, y in line) >= MAIN_SOUTH_LAT]
    clip = box(*SOURCE_BOX)
    for line in lines:
        for part in _lines(LineString(line).intersection(clip)) if len(line) > 1 else []:
            drawn.append(move([part.coords])[0])
    tl = None if tenline is None else {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "十段线"},
         "geometry": {"type": "MultiLineString", "coordinates": drawn}}]}
    return {"type": "FeatureCollection", "features": feats}, tl, spec


def _lines(geom) -> list[LineString]:
    if geom.is_empty:
        return []
    if isinstance(geom, LineString):
        return [geom]
    return [g for part in getattr(geom, "geoms", []) for g in _lines(part)]


def move_points(points, spec: dict):
    """Points (a DataFrame with lon/lat) south of the main map and inside SOURCE_BOX moved into the
    inset, like the islands they stand on (三沙市); every other point stays where it is."""
    if points is None or points.empty:
        return points
    s, dx, dy = spec["transform"]
    lon0, lat0, lon1, lat1 = SOURCE_BOX
    south = (points["lat"] < MAIN_SOUTH_LAT) & points["lon"].between(lon0, lon1) & points["lat"].between(lat0, lat1)
    out = points.copy()
    out.loc[south, "lon"] = out.loc[south, "lon"] * s + dx
    out.loc[south, "lat"] = out.loc[south, "lat"] * s + dy
    return out


def frame_geojson(frame: list) -> dict:
    """The inset frame as a LineString feature (for line_coords-style drawing)."""
    return {"type": "Feature", "properties": {"name": "南海诸岛"}, "geometry": mapping(LineString(frame))}
