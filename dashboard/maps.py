"""Province maps: plotly figure and ECharts options from the committed geo assets (no Streamlit).

Geo assets (geo/assets, or the folder named by $GEO_ASSETS_DIR):
- provinces.geojson — 34 features, properties code / name / short_name / name_en
- tenline.geojson   — the ten-dash line (LineString / MultiLineString features)
- cities.csv        — code, name, lon, lat of city points
Nothing is fetched at run time: plotly gets `config["topojsonURL"]` pointing at a data: URL that
holds an empty topology (its trailing '#' turns the file name plotly.js appends into a fragment).
"""
from __future__ import annotations

import html
import json
import os
import urllib.parse
from functools import lru_cache
from pathlib import Path

import pandas as pd

from dashboard import inset
from dashboard.i18n import t

ROOT = Path(__file__).resolve().parent.parent
GEO_BUILD_COMMAND = ".venv/bin/python -m geo build   (或 / or: make geo)"
ECHARTS_MAP_NAME = "cn_provinces"   # never "china": ECharts adds its own 南海诸岛 inset to that name
JS = "--x_x--0_0--"                 # streamlit-echarts' JsCode placeholder (a function source between two)
MAX_HOVER_CASES = 12
MAP_HEIGHT = 520      # with the 南海诸岛 inset the whole map fits the first screen at 1440×900

_EMPTY_TOPOLOGY = {"type": "Topology", "arcs": [], "objects": {
    k: {"type": "GeometryCollection", "geometries": []}
    for k in ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits")}}
TOPOJSON_URL = "data:application/json," + urllib.parse.quote(json.dumps(_EMPTY_TOPOLOGY)) + "#"
PLOTLY_CONFIG = {
    "topojsonURL": TOPOJSON_URL,
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


class GeoMissing(Exception):
    """geo/assets/provinces.geojson is not there yet."""


def geo_dir() -> Path:
    return Path(os.environ.get("GEO_ASSETS_DIR", ROOT / "geo" / "assets"))


def _stamp(p: Path) -> float:
    return p.stat().st_mtime if p.exists() else -1.0


def load_geo(directory: Path | None = None) -> dict:
    d = Path(directory or geo_dir())
    prov = d / "provinces.geojson"
    if not prov.exists():
        raise GeoMissing(f"missing: {prov}")
    return _load(str(d), _stamp(prov), _stamp(d / "tenline.geojson"), _stamp(d / "cities.csv"))


@lru_cache(maxsize=4)
def _load(d: str, *_stamps) -> dict:
    d = Path(d)
    provinces = json.loads((d / "provinces.geojson").read_text(encoding="utf-8"))
    feats = provinces.get("features", [])
    props = pd.DataFrame([f.get("properties", {}) for f in feats])
    for col in ("code", "name", "short_name", "name_en"):
        if col not in props:
            props[col] = None
    props["code"] = props["code"].astype(str)
    tenline = None
    if (d / "tenline.geojson").exists():
        tenline = json.loads((d / "tenline.geojson").read_text(encoding="utf-8"))
    cities = None
    if (d / "cities.csv").exists():
        cities = pd.read_csv(d / "cities.csv", dtype=str)
        if "code" not in cities and "city_code" in cities:
            cities = cities.rename(columns={"city_code": "code"})
        cities["lon"] = cities["lon"].astype(float)
        cities["lat"] = cities["lat"].astype(float)
        cities = cities[["code", "name", "lon", "lat", *(["name_en"] if "name_en" in cities else [])]]
    provinces = true_provinces = coarse(provinces)
    true_cities = cities
    provinces, tenline, spec = inset.apply(provinces, tenline)   # 南海诸岛 in the lower-right box
    cities = inset.move_points(cities, spec)
    # The national maps draw the inset; a map of one province draws its true shape and places, where a
    # copy of the inset's coastline would show as a second small province (dashboard.province_map).
    return {"provinces": provinces, "true_provinces": true_provinces, "true_cities": true_cities,
            "inset_frame": spec["frame"], "extent": inset.extent(provinces),
            "provinces_url": geojson_data_url(provinces), "provinces_echarts": echarts_encoded(provinces),
            "props": props[["code", "name", "short_name", "name_en"]],
            "tenline": tenline, "cities": cities}


def coarse(geojson: dict, digits: int = 2) -> dict:
    """A lighter copy for the browser: coordinates rounded to `digits` decimals (0.01° ≈ 1 km, under a
    pixel at dashboard size) and repeated points dropped; a ring that rounding would collapse (the
    small southern islands) keeps its own coordinates, so nothing disappears from the map."""
    def ring(r, d=digits):
        out = []
        for x, y in r:
            p = [round(x, d), round(y, d)]
            if not out or out[-1] != p:
                out.append(p)
        if out and out[0] != out[-1]:
            out.append(out[0])
        if len(out) < 4:
            return ring(r, 6) if d < 6 else ([list(p) for p in r] if len(r) >= 4 else None)
        return out

    def polygon(rings):
        rs = [ring(r) for r in rings]
        if not rs or rs[0] is None:
            return None
        return [r for r in rs if r is not None]

    feats = []
    for f in geojson.get("features", []):
        g = f.get("geometry") or {}
        if g.get("type") == "Polygon":
            p = polygon(g["coordinates"])
            g = {"type": "Polygon", "coordinates": p or g["coordinates"]}
        elif g.get("type") == "MultiPolygon":
            ps = [p for p in (polygon(p) for p in g["coordinates"]) if p]
            g = {"type": "MultiPolygon", "coordinates": ps or g["coordinates"]}
        feats.append({"type": "Feature", "properties": f.get("properties", {}), "geometry": g})
    return {"type": "FeatureCollection", "features": feats}


def _encode_ring(ring: list, scale: int) -> tuple[str, list[int]] | None:
    q = [(round(x * scale), round(y * scale)) for x, y in ring]
    px, py = q[0]
    chars = []
    for x, y in q:
        for d in (x - px, y - py):
            zz = (d << 1) if d >= 0 else ((-d) << 1) - 1
            code = zz + 64
            if code >= 0xD800:       # would need a surrogate: leave this geometry unencoded
                return None
            chars.append(chr(code))
        px, py = x, y
    return "".join(chars), [q[0][0], q[0][1]]


def echarts_encoded(geojson: dict, scale: int = 1024) -> dict:
    """The GeoJSON in ECharts' compact form (UTF8Encoding: zig-zag delta-encoded rings as strings,
    decoded by ECharts itself on registerMap). A string per ring makes the component's JSON encoding
    of the map about five times cheaper than nested coordinate lists, on every rerun of the page."""
    feats = []
    for f in geojson.get("features", []):
        g = f.get("geometry") or {}
        enc = None
        if g.get("type") == "Polygon":
            rings = [_encode_ring(r, scale) for r in g["coordinates"]]
            if all(rings):
                enc = {"type": "Polygon", "coordinates": [r[0] for r in rings],
                       "encodeOffsets": [r[1] for r in rings]}
        elif g.get("type") == "MultiPolygon":
            polys = [[_encode_ring(r, scale) for r in p] for p in g["coordinates"]]
            if all(all(p) for p in polys):
                enc = {"type": "MultiPolygon", "coordinates": [[r[0] for r in p] for p in polys],
                       "encodeOffsets": [[r[1] for r in p] for p in polys]}
        feats.append({"type": "Feature", "properties": f.get("properties", {}), "geometry": enc or g})
    return {"type": "FeatureCollection", "UTF8Encoding": True, "UTF8Scale": scale, "features": feats}


def decode_echarts(geojson: dict) -> dict:
    """ECharts' decoder, in Python (for tests): the encoded form back to coordinates."""
    scale = geojson.get("UTF8Scale", 1024)

    def ring(text, off):
        px, py = off
        out = []
        for i in range(0, len(text), 2):
            x, y = ord(text[i]) - 64, ord(text[i + 1]) - 64
            x = (x >> 1) ^ (-(x & 1))
            y = (y >> 1) ^ (-(y & 1))
            px, py = px + x, py + y
            out.append([px / scale, py / scale])
        return out

    feats = []
    for f in geojson["features"]:
        g = f["geometry"]
        if "encodeOffsets" in g:
            if g["type"] == "Polygon":
                g = {"type": "Polygon", "coordinates": [ring(r, o) for r, o in zip(g["coordinates"], g["encodeOffsets"])]}
            else:
                g = {"type": "MultiPolygon", "coordinates": [[ring(r, o) for r, o in zip(p, po)]
                                                             for p, po in zip(g["coordinates"], g["encodeOffsets"])]}
        feats.append({"type": "Feature", "properties": f["properties"], "geometry": g})
    return {"type": "FeatureCollection", "features": feats}


def geojson_data_url(geojson: dict) -> str:
    """The GeoJSON as a data: URL. Plotly traces take it as a string: it is fetched (locally, from the
    URL itself) and cached once by plotly.js, and a string costs the server nothing to validate or
    serialise, where a nested GeoJSON object costs plotly.py half a second per figure."""
    text = json.dumps(geojson, ensure_ascii=False, separators=(",", ":"))
    return "data:application/json," + urllib.parse.quote(text, safe=",:[]{}\"'.-_+/=")


def line_coords(geojson: dict | None) -> tuple[list, list]:
    """Longitudes and latitudes of every line in a GeoJSON, segments separated by None (plotly style)."""
    lons, lats = [], []
    if not geojson:
        return lons, lats
    feats = geojson.get("features", [geojson]) if geojson.get("type") == "FeatureCollection" else [geojson]
    for f in feats:
        g = f.get("geometry", f)
        t, c = g.get("type"), g.get("coordinates", [])
        lines = [c] if t == "LineString" else c if t == "MultiLineString" else []
        if t == "GeometryCollection":
            for sub in g.get("geometries", []):
                a, b = line_coords({"type": "Feature", "geometry": sub})
                lons += a
                lats += b
        for line in lines:
            for x, y in line:
                lons.append(x)
                lats.append(y)
            lons.append(None)
            lats.append(None)
    return lons, lats


def _segments(geojson: dict | None) -> list[list[list[float]]]:
    lons, lats = line_coords(geojson)
    segs, cur = [], []
    for x, y in zip(lons, lats):
        if x is None:
            if len(cur) > 1:
                segs.append(cur)
            cur = []
        else:
            cur.append([x, y])
    if len(cur) > 1:
        segs.append(cur)
    return segs


def map_table(values: pd.DataFrame, props: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The data behind a map: one row per province of the geo assets, value NaN where there is none."""
    v = values.rename(columns={"province_code": "code"})[["code", "value", "n_cases", "case_titles"]]
    t = props.merge(v, on="code", how="left")
    t["n_cases"] = t["n_cases"].fillna(0).astype(int)
    t["case_titles"] = t["case_titles"].fillna("")
    return t.rename(columns={"code": "province_code"})


def hover_text(name: str, value, n_cases: int, titles: str, value_label: str, unit: str | None = None,
               lang: str = "zh") -> str:
    """Hover text for one province, its figure as the tables write it (12.7亿次); document text is
    HTML-escaped (plotly and ECharts render tags)."""
    from dashboard import format as fmt

    lines = [f"<b>{html.escape(str(name))}</b>"]
    lines.append(f"{html.escape(value_label)}: {html.escape(fmt.quantity(value, unit, lang))}")
    items = [x for x in titles.split(" | ") if x] if titles else []
    lines += ["· " + html.escape(x) for x in items[:MAX_HOVER_CASES]]
    if n_cases > len(items[:MAX_HOVER_CASES]):
        lines.append(f"… ({n_cases})")
    return "<br>".join(lines)


def _legend_ticks(values, lang: str) -> dict:
    """Colour-bar ticks labelled like the tables (1385亿), not plotly's 100B."""
    from dashboard import format as fmt

    nums = [v for v in (fmt.finite(x) for x in values) if v is not None]
    if not nums:
        return {}
    vals, text = fmt.axis_ticks(min(nums + [0.0]), max(nums), lang)
    return {"tickmode": "array", "tickvals": vals, "ticktext": text}


# The same reading in the browser, for ECharts' legend (visualMap) labels.
ECHARTS_NUMBER_JS = {
    "zh": ("function(v){ var a=Math.abs(v), s=v<0?'-':''; function t(x){return String(parseFloat(x.toFixed(2)));}"
           " if(a>=1e12)return s+t(a/1e12)+'万亿'; if(a>=1e8)return s+t(a/1e8)+'亿';"
           " if(a>=1e4)return s+t(a/1e4)+'万'; return s+t(a); }"),
    "en": ("function(v){ var a=Math.abs(v), s=v<0?'-':''; function t(x){return String(parseFloat(x.toFixed(2)));}"
           " if(a>=1e12)return s+t(a/1e12)+' trillion'; if(a>=1e9)return s+t(a/1e9)+' billion';"
           " if(a>=1e6)return s+t(a/1e6)+' million'; return s+Math.round(a).toLocaleString('en-US'); }"),
}

PROVINCE_CURVES = {0, 1}   # plotly_map's trace order: 0 every province (grey), 1 those with a value


def plotly_map(table: pd.DataFrame, geojson: dict | str, *, value_label: str, title: str,
               tenline: dict | None = None, cities: pd.DataFrame | None = None, lang: str = "zh",
               selected: str | None = None, frame: list | None = None, extent: tuple | None = None,
               unit: str | None = None):
    """A choropleth of every province in `table` (grey where no value), the ten-dash line and city
    bubbles; the `selected` province (the current filter) gets a thick outline."""
    import plotly.graph_objects as go

    name_col = "name_en" if lang == "en" else "name"
    hover = [hover_text(r[name_col], r["value"], r["n_cases"], r["case_titles"], value_label, unit, lang)
             for _, r in table.iterrows()]
    fig = go.Figure()
    fig.add_trace(go.Choropleth(
        geojson=geojson, featureidkey="properties.code", locations=table["province_code"],
        z=[0] * len(table), colorscale=[[0, "#eeeeee"], [1, "#eeeeee"]], showscale=False,
        customdata=table["province_code"], hovertext=hover, hoverinfo="text",
        marker_line_color="#999999", marker_line_width=0.6, name="base",
        selectedpoints=None,
    ))
    has = table["value"].notna()
    if has.any():
        sub = table[has]
        fig.add_trace(go.Choropleth(
            geojson=geojson, featureidkey="properties.code", locations=sub["province_code"], z=sub["value"],
            colorscale="Blues", marker_line_color="#8c8c8c", marker_line_width=0.6, selectedpoints=None,
            zmin=0 if sub["value"].min() >= 0 else None, zmax=max(1.0, float(sub["value"].max())),
            customdata=sub["province_code"], hovertext=[h for h, k in zip(hover, has) if k], hoverinfo="text",
            colorbar={"title": {"text": value_label}, **_legend_ticks(sub["value"], lang)}, name=value_label,
        ))
    if selected and selected in set(table["province_code"]):
        sel = table[table["province_code"] == selected]
        fig.add_trace(go.Choropleth(
            geojson=geojson, featureidkey="properties.code", locations=sel["province_code"], z=[0],
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False, hoverinfo="skip",
            marker_line_color="#d62728", marker_line_width=2.5, name="selected", customdata=sel["province_code"]))
    lons, lats = line_coords(tenline)
    if lons:
        fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="lines", line={"color": "#555555", "width": 1.5},
                                    hoverinfo="skip", name="tenline", showlegend=False))
    if frame:
        fig.add_trace(go.Scattergeo(lon=[p[0] for p in frame], lat=[p[1] for p in frame], mode="lines",
                                    line={"color": "#777777", "width": 1}, hoverinfo="skip", name="inset",
                                    showlegend=False))
        fig.add_trace(go.Scattergeo(lon=[frame[1][0] - 0.4], lat=[frame[1][1] + 0.5], mode="text",
                                    text=[t("south_sea_islands", lang)], textposition="top left", textfont={"size": 10, "color": "#555"},
                                    hoverinfo="skip", name="inset_label", showlegend=False))
    if cities is not None and not cities.empty:
        size = cities["n_cases"].astype(float)
        fig.add_trace(go.Scattergeo(
            lon=cities["lon"], lat=cities["lat"], mode="markers",
            marker={"size": 6 + 6 * size ** 0.5, "color": "rgba(214,39,40,0.65)", "line": {"color": "#fff", "width": 1}},
            # Bubbles neither hover nor click: a bubble over a small province (滨州 over 天津) would
            # otherwise take its hover and, on click, select the bubble's province. Cities are in the table.
            hoverinfo="skip", name="cities", showlegend=False,
        ))
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator",
                    bgcolor="rgba(0,0,0,0)")
    if extent:
        # plotly's fitbounds leaves a third of a wide mercator map empty; explicit ranges fill it. Its
        # mercator view clips the top of the latitude range, hence the larger top margin.
        x0, y0, x1, y1 = extent
        fig.update_geos(fitbounds=False, lonaxis_range=[x0 - 0.3, x1 + 0.3], lataxis_range=[y0 - 0.3, y1 + 3])
    fig.update_layout(title={"text": title, "y": 0.98}, margin={"l": 0, "r": 0, "t": 28, "b": 0}, height=MAP_HEIGHT,
                      clickmode="event+select", dragmode=False, showlegend=False)
    return fig


def echarts_map(table: pd.DataFrame, *, value_label: str, title: str, tenline: dict | None = None,
                cities: pd.DataFrame | None = None, lang: str = "zh", frame: list | None = None,
                unit: str | None = None) -> dict:
    """ECharts options (built with pyecharts) for a map registered as ECHARTS_MAP_NAME.

    A `geo` component draws the provinces; the map series (geoIndex 0) carries the values, a lines
    series the ten-dash line, and a scatter series the city bubbles. The toolbox saves a PNG.
    """
    from pyecharts import options as opts
    from pyecharts.charts import Map

    data = []
    for _, r in table.iterrows():
        v = r["value"]
        item = {"name": r["name"], "value": None if pd.isna(v) else float(v),
                "tip": hover_text(r["name_en"] if lang == "en" else r["name"], v, r["n_cases"], r["case_titles"],
                                  value_label, unit, lang),
                "code": r["province_code"]}
        data.append(item)
    vals = [d["value"] for d in data if d["value"] is not None]
    chart = (
        Map()
        .add(value_label, [("", 0)], maptype=ECHARTS_MAP_NAME, is_roam=True, geo_index=0,
             label_opts=opts.LabelOpts(is_show=False))
        .set_global_opts(
            title_opts=opts.TitleOpts(title=title, title_textstyle_opts=opts.TextStyleOpts(font_size=14)),
            visualmap_opts=opts.VisualMapOpts(min_=min(vals) if vals else 0, max_=max(vals) if vals else 1,
                                              is_calculable=True, range_color=["#deebf7", "#08519c"],
                                              series_index=0),
            toolbox_opts=opts.ToolboxOpts(feature=opts.ToolBoxFeatureOpts(
                save_as_image=opts.ToolBoxFeatureSaveAsImageOpts(type_="png", name="province_map"),
                restore=None, data_view=None, data_zoom=None, magic_type=None, brush=None)),
            legend_opts=opts.LegendOpts(is_show=False),
        )
    )
    options = json.loads(chart.dump_options_with_quotes())
    options["series"][0]["data"] = data
    options["geo"] = {"map": ECHARTS_MAP_NAME, "roam": True, "aspectScale": 0.85,
                      "itemStyle": {"areaColor": "#eeeeee", "borderColor": "#999999", "borderWidth": 0.6},
                      "emphasis": {"itemStyle": {"areaColor": "#fdd49e"}, "label": {"show": True}},
                      "label": {"show": False}}
    # toolbox pinned to the top-right corner (a fixed place to click, for people and for the browser test)
    options["toolbox"] = [{**(options["toolbox"][0] if isinstance(options.get("toolbox"), list) else
                              options.get("toolbox") or {}), "left": None, "right": 10, "top": 10, "itemSize": 18}]
    options["toolbox"][0] = {k: v for k, v in options["toolbox"][0].items() if v is not None}
    for vm in options["visualMap"] if isinstance(options.get("visualMap"), list) else [options.get("visualMap")]:
        if vm:
            vm["formatter"] = JS + ECHARTS_NUMBER_JS["en" if lang == "en" else "zh"] + JS
    options["tooltip"] = {"trigger": "item", "formatter": JS + (
        "function(p){ if (p.data && p.data.tip) { return p.data.tip; } return p.name; }") + JS}
    segs = _segments(tenline)
    if segs:
        options["series"].append({"type": "lines", "name": "tenline", "coordinateSystem": "geo", "polyline": True,
                                  "silent": True, "data": [{"coords": s} for s in segs],
                                  "lineStyle": {"color": "#555555", "width": 1.5, "opacity": 1}})
    if frame:
        options["series"].append({"type": "lines", "name": "inset", "coordinateSystem": "geo", "polyline": True,
                                  "silent": True, "data": [{"coords": frame}],
                                  "lineStyle": {"color": "#777777", "width": 1, "opacity": 1}})
        options["series"].append({"type": "scatter", "name": "inset_label", "coordinateSystem": "geo",
                                  "silent": True, "symbolSize": 0,
                                  "data": [{"name": t("south_sea_islands", lang), "value": [frame[1][0] - 0.4, frame[1][1] + 0.5]}],
                                  "label": {"show": True, "formatter": "{b}", "position": "left",
                                            "fontSize": 10, "color": "#555"}})
    if cities is not None and not cities.empty:
        pts = [{"name": str(n), "value": [float(x), float(y), int(c)]}
               for n, x, y, c in zip(cities["name"], cities["lon"], cities["lat"], cities["n_cases"])]
        options["series"].append({"type": "scatter", "name": "cities", "coordinateSystem": "geo", "data": pts,
                                  "symbolSize": JS + "function(v){ return 6 + 6 * Math.sqrt(v[2]); }" + JS,
                                  "itemStyle": {"color": "rgba(214,39,40,0.65)"}, "silent": True})
    return options


def city_points(values: pd.DataFrame, cities: pd.DataFrame | None) -> pd.DataFrame:
    """City bubbles: the cities with cases, placed by cities.csv (cities without a point are left out)."""
    cols = ["city_code", "city", "province", "n_cases", "lon", "lat"]
    if cities is None or values.empty:
        return pd.DataFrame(columns=cols)
    pts = values.merge(cities.rename(columns={"code": "city_code", "name": "city_name"}), on="city_code")
    pts["name"] = pts["city"]
    pts = pts.rename(columns={})
    pts["province_code"] = pts["city_code"].str[:2] + "0000"
    return pts[cols + ["name", "province_code"]]
