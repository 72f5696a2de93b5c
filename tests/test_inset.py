"""南海诸岛 as the standard map's lower-right inset (横版): geometry on the real geo assets, and both
map builders drawing the inset frame and the ten-dash line inside it."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard import inset, maps


@pytest.fixture(scope="module")
def geo():
    return maps._load.__wrapped__(str(maps.ROOT / "geo" / "assets"), 0, 0, 0)


def _points(geometry):
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [(x, y) for poly in polys for ring in poly for x, y in ring]


def _inside(frame, x, y, tol=1e-6):
    xs, ys = [p[0] for p in frame], [p[1] for p in frame]
    return min(xs) - tol <= x <= max(xs) + tol and min(ys) - tol <= y <= max(ys) + tol


def test_every_point_is_on_the_mainland_map_or_inside_the_inset(geo):
    frame = geo["inset_frame"]
    for f in geo["provinces"]["features"]:
        for x, y in _points(f["geometry"]):
            assert y >= inset.MAIN_SOUTH_LAT or _inside(frame, x, y), (f["properties"]["name"], x, y)


def test_the_inset_holds_the_islands_and_the_whole_ten_dash_line(geo):
    frame = geo["inset_frame"]
    hainan = next(f for f in geo["provinces"]["features"] if f["properties"]["code"] == "460000")
    inside = [p for p in _points(hainan["geometry"]) if _inside(frame, *p)]
    assert len(inside) > 100                                    # the islands and Hainan's small copy
    lines = geo["tenline"]["features"][0]["geometry"]["coordinates"]
    in_box = [ln for ln in lines if all(_inside(frame, x, y) for x, y in ln)]
    assert len(in_box) == 10                                     # every dash, inside the box
    assert all(all(y >= inset.MAIN_SOUTH_LAT for _, y in ln) for ln in lines if ln not in in_box)


def test_inset_sits_at_the_lower_right_and_the_map_is_landscape(geo):
    frame = geo["inset_frame"]
    pts = [p for f in geo["provinces"]["features"] for p in _points(f["geometry"])]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    assert max(p[0] for p in frame) == pytest.approx(max(xs)) and min(p[1] for p in frame) == pytest.approx(min(ys))
    assert min(ys) > 17                                          # no longer down to 3.8°N

    def merc(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    aspect = math.radians(max(xs) - min(xs)) / (merc(max(ys)) - merc(min(ys)))
    assert aspect > 1.25                                          # wider than tall, like the 横版 map


def test_a_point_on_the_islands_moves_into_the_inset(geo):
    spec = inset.layout(geo["provinces"])
    pts = pd.DataFrame({"lon": [112.3, 116.4], "lat": [16.8, 39.9]})   # 永兴岛, Beijing
    moved = inset.move_points(pts, spec)
    assert _inside(spec["frame"], moved["lon"][0], moved["lat"][0])
    assert (moved["lon"][1], moved["lat"][1]) == (116.4, 39.9)


def test_both_maps_draw_the_inset(geo):
    table = maps.map_table(pd.DataFrame(columns=["province_code", "value", "n_cases", "case_titles"]), geo["props"])
    fig = maps.plotly_map(table, geo["provinces_url"], value_label="案例数", title="t", tenline=geo["tenline"],
                          frame=geo["inset_frame"])
    names = [d.name for d in fig.data]
    assert "inset" in names and "tenline" in names
    opts = maps.echarts_map(table, value_label="案例数", title="t", tenline=geo["tenline"], frame=geo["inset_frame"])
    series = {s.get("name"): s for s in opts["series"]}
    assert series["inset"]["data"][0]["coords"] == geo["inset_frame"]
    assert len(series["tenline"]["data"]) >= 10
