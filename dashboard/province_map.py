"""The map of one province with its cities as points (plotly, offline like dashboard/maps.py)."""
from __future__ import annotations

import html
from functools import lru_cache

import pandas as pd

from dashboard import maps


def province_feature(geo: dict, code: str) -> dict | None:
    """The province's feature at true position and scale, without the national map's 南海诸岛 inset
    (None when the assets lack it)."""
    for f in geo["true_provinces"].get("features", []):
        if str(f.get("properties", {}).get("code")) == code:
            return f
    return None


@lru_cache(maxsize=64)
def _feature_url(code: str, stamp: int) -> str | None:
    feature = province_feature(maps.load_geo(), code)
    if feature is None:
        return None
    return maps.geojson_data_url({"type": "FeatureCollection", "features": [feature]})


def feature_url(geo: dict, code: str) -> str | None:
    """The province alone, as a data: URL for plotly (cached per code and per loaded asset set)."""
    return _feature_url(code, id(geo["true_provinces"]))


def city_points(cities: pd.DataFrame, geo_cities: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(cities with a point from cities.csv, cities without one) — both keep every column of `cities`."""
    if geo_cities is None or cities.empty:
        return cities.iloc[0:0].assign(lon=[], lat=[]), cities
    pts = cities.merge(geo_cities.rename(columns={"code": "city_code"})[["city_code", "lon", "lat"]],
                       on="city_code", how="left")
    has = pts["lon"].notna()
    return pts[has].reset_index(drop=True), pts[~has].drop(columns=["lon", "lat"]).reset_index(drop=True)


def figure(geo: dict, code: str, name: str, points: pd.DataFrame, *, label: str, height: int = 420):
    """The province outlined and filled light, one bubble per city sized by its number of cases."""
    import plotly.graph_objects as go

    url = feature_url(geo, code)
    fig = go.Figure()
    if url:
        fig.add_trace(go.Choropleth(
            geojson=url, featureidkey="properties.code", locations=[code], z=[0],
            colorscale=[[0, "#e8eef7"], [1, "#e8eef7"]], showscale=False, hoverinfo="text",
            hovertext=[f"<b>{html.escape(name)}</b>"], marker_line_color="#5b7bb0", marker_line_width=1.2,
            name="province"))
    if not points.empty:
        n = points["n_cases"].astype(float)
        fig.add_trace(go.Scattergeo(
            lon=points["lon"], lat=points["lat"], mode="markers+text", text=points["city"],
            textposition="top center", textfont={"size": 12},
            marker={"size": 8 + 7 * n ** 0.5, "color": "rgba(214,39,40,0.7)", "line": {"color": "#fff", "width": 1}},
            hovertext=[f"<b>{html.escape(str(c))}</b><br>{html.escape(label)}: {int(k)}"
                       for c, k in zip(points["city"], points["n_cases"])],
            hoverinfo="text", name="cities", showlegend=False))
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator", bgcolor="rgba(0,0,0,0)")
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=height, dragmode=False, showlegend=False)
    return fig
