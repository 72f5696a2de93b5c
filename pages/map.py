"""省份地图 Province map: plotly and ECharts choropleths of the 34 provinces, a city bubble layer;
clicking a province sets the province filter (in the URL) for every page."""
import dataclasses

import streamlit as st

from dashboard import maps, queries, ui
from dashboard.filters import echarts_selection_province, selection_province
from dashboard.profile import profile_link

ctx = ui.context()
L = ctx.t
st.title(L("page_map"))

try:
    geo = maps.load_geo()
except maps.GeoMissing as exc:
    geo = None
    st.warning(f"{L('geo_missing')} ({exc})")
    st.code(maps.GEO_BUILD_COMMAND, language="bash")

top_left, top_right = st.columns([3, 2], vertical_alignment="bottom")   # one row: the map stays above the fold
mode = top_left.radio(L("colour_by"), ["cases", "metric"], horizontal=True, key="map_mode",
                      format_func=lambda m: L("by_cases") if m == "cases" else L("by_metric"))
show_cities = top_right.toggle(L("cities_layer"), value=True, key="map_cities")
if mode == "metric":
    measure, agg = ui.measure_controls(ctx, "map")
    value_label = ui.measure_label(ctx, measure, agg)
    st.caption(ui.agg_caption(ctx, measure, agg) + " " + L("dedupe_note"))
else:
    measure, agg = None, "count"
    value_label = L("n_cases")
value_unit = (queries.measure_unit(measure) or None) if measure and agg != "count" else None

# The map shows every province (the province filter is what a click sets, for the other pages);
# the selected one is outlined. Its tables and downloads say so in their filter header.
selected = ctx.filters.province
ctx = dataclasses.replace(ctx, filters=dataclasses.replace(ctx.filters, province=None))
values = queries.province_values(ctx.wh, ctx.filters, measure, agg)
cities = queries.city_values(ctx.wh, ctx.filters)
title = f"{L('page_map')} — {value_label}"

if geo is not None:
    table = maps.map_table(ui.with_origin(ctx, values, agg), geo["props"], ctx.lang)   # hover names the origin
    if mode == "cases":
        table["value"] = table["n_cases"]
    points = maps.city_points(cities, geo["cities"]) if show_cities else None
    codes = table["province_code"].tolist()
    names_to_codes = dict(zip(table["name"], table["province_code"]))

    def _on_plotly_select():
        sel = st.session_state.get("fig_map", {}).get("selection")
        code = selection_province(sel, codes, curves=maps.PROVINCE_CURVES)
        if code:
            ui.set_province(code)

    def _on_echarts_select():
        state = st.session_state.get("echarts_map") or {}
        code = echarts_selection_province(state.get("selection"), names_to_codes)
        if code:
            ui.set_province(code)

    hint = L("map_click_hint")
    if selected:
        hint += " " + L("map_selected", name=ctx.labels["province"].get(selected, selected))
    st.caption(hint)
    if selected:
        st.page_link("pages/province.py", icon=":material/location_city:",
                     label=f"{L('open_profile')} · {ctx.labels['province'].get(selected, selected)} →",
                     query_params={"province": selected, **({"lang": "en"} if ctx.lang == "en" else {})})
    tab_plotly, tab_echarts = st.tabs([L("map_plotly"), L("map_echarts")])
    with tab_plotly:
        fig = maps.plotly_map(table, geo["provinces_url"], value_label=value_label, title=title,
                              tenline=geo["tenline"], cities=points, lang=ctx.lang, selected=selected,
                              frame=geo.get("inset_frame"), extent=geo.get("extent"), unit=value_unit)
        st.plotly_chart(fig, config=maps.PLOTLY_CONFIG, key="fig_map", on_select=_on_plotly_select,
                        selection_mode="points")
    with tab_echarts:
        from streamlit_echarts import Map, st_echarts  # only inside a running app (see notes)

        options = maps.echarts_map(table, value_label=value_label, title=title, tenline=geo["tenline"],
                                   cities=points, lang=ctx.lang, frame=geo.get("inset_frame"), unit=value_unit)
        st_echarts(options=options, map=Map(maps.ECHARTS_MAP_NAME, geo["provinces_echarts"]), height=f"{maps.MAP_HEIGHT}px",
                   key="echarts_map", on_select=_on_echarts_select, selection_mode="points")
    shown = table[["province_code", "name", "name_en", "value", "n_cases"]].merge(
        values[["province_code", "case_titles"]], on="province_code", how="left").fillna({"case_titles": ""})
else:
    shown = values[["province_code", "province", "value", "n_cases", "case_titles"]]
    points = None

if measure is not None and not values.empty:     # which case and source each province's value comes from
    shown = shown.merge(values[["province_code", "from_case", "from_source"]], on="province_code", how="left")
st.subheader(L("map_table"))
# the figure under its full name (访问量 · 最大值 (次)); in case mode it is the case count already shown
shown = shown.drop(columns="value") if mode == "cases" else shown.rename(columns={"value": value_label})
ui.table(ctx, shown, "province_map", title, "map", values={value_label: value_unit},
         links=(L("open_profile"), L("open"), [profile_link(c, ctx.lang) for c in shown["province_code"]]))
if show_cities and points is not None and not points.empty:
    st.subheader(L("city_table"))
    ui.table(ctx, points[["city_code", "city", "province", "n_cases", "lon", "lat"]], "city_points",
             f"{title} — {L('city_table')}", "cities")
