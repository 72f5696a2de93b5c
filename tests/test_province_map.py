"""The map of one province (dashboard.province_map) draws the province where it is, at true scale:
the national maps' 南海诸岛 inset (copies of the southern coast and islands moved into a box) must not
add a second small copy of 广东 or 海南 to a province's map."""
from __future__ import annotations

import json

import pytest
import shapely.geometry as sg

from dashboard import maps, province_map


@pytest.fixture(scope="module")
def geo():
    try:
        return maps.load_geo()
    except maps.GeoMissing:
        pytest.skip("geo assets not built")


@pytest.fixture(scope="module")
def true_bounds():
    raw = json.loads((maps.geo_dir() / "provinces.geojson").read_text(encoding="utf-8"))
    return {str(f["properties"]["code"]): sg.shape(f["geometry"]).bounds for f in raw["features"]}


def test_every_province_is_drawn_within_its_true_bounds(geo, true_bounds):
    for code, (x0, y0, x1, y1) in true_bounds.items():
        f = province_map.province_feature(geo, code)
        drawn = sg.shape(f["geometry"]).bounds
        assert max(abs(a - b) for a, b in zip(drawn, (x0, y0, x1, y1))) < 0.05, \
            (f["properties"]["name"], drawn, (x0, y0, x1, y1))


def test_the_national_map_still_has_its_inset(geo, true_bounds):
    """The national geometry differs where the inset is (so the test above can tell the two apart)."""
    moved = [f["properties"]["code"] for f in geo["provinces"]["features"]
             if max(abs(a - b) for a, b in zip(sg.shape(f["geometry"]).bounds, true_bounds[str(f["properties"]["code"])])) > 0.5]
    assert "440000" in moved or "460000" in moved


def test_city_points_of_a_province_map_are_true_positions(geo):
    import pandas as pd

    cities = pd.DataFrame({"city_code": ["460300", "440100"], "city": ["三沙市", "广州市"], "n_cases": [1, 1]})
    points, missing = province_map.city_points(cities, geo["true_cities"])
    sansha = points.set_index("city_code").loc["460300"]
    assert sansha["lat"] < 18 and 110 < sansha["lon"] < 120   # at sea, south of Hainan, not in the inset box
    assert missing.empty
