"""Plotly chart builders (no Streamlit): each takes the very table that is shown and downloaded."""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard import format as fmt

CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"


def _layout(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    fig.update_layout(title={"text": html.escape(title)}, height=height, margin={"l": 10, "r": 10, "t": 50, "b": 10},
                      font={"family": FONT}, showlegend=False)
    return fig


def value_axis(values, lang: str = "zh", log: bool = False) -> dict:
    """Axis settings whose tick labels read like the tables (1385亿, 18.7 million), never 100B or 20k."""
    nums = [v for v in (fmt.finite(x) for x in values) if v is not None and (v > 0 or not log)]
    if not nums:
        return {}
    vals, text = fmt.axis_ticks(min(nums), max(nums), lang, log=log)
    return {"tickmode": "array", "tickvals": vals, "ticktext": text}


def bar(df: pd.DataFrame, x: str, y: str, *, title: str, x_label: str, y_label: str,
        horizontal: bool = False, hover: str | None = None, lang: str = "zh", unit: str | None = None) -> go.Figure:
    labels = [html.escape(str(v)) for v in df[x]]
    shown = [fmt.quantity(v, unit, lang) for v in df[y]]
    extra = [html.escape(fmt.text(v, "")) for v in df[hover]] if hover else [""] * len(df)
    text = [f"<b>{lb}</b><br>{html.escape(v)}" + (f"<br>{e}" if e else "") for lb, v, e in zip(labels, shown, extra)]
    common = {"hovertext": text, "hoverinfo": "text", "marker_color": "#3182bd"}
    if horizontal:
        trace = go.Bar(y=labels, x=df[y], orientation="h", **common)
    else:
        trace = go.Bar(x=labels, y=df[y], **common)
    fig = go.Figure(trace)
    axis = value_axis(df[y], lang)
    if horizontal:
        fig.update_yaxes(autorange="reversed", title=x_label)
        fig.update_xaxes(title=y_label, **axis)
    else:
        fig.update_xaxes(title=x_label)
        fig.update_yaxes(title=y_label, **axis)
    return _layout(fig, title, height=max(320, 26 * len(df) + 120) if horizontal else 420)


def box_strip(stats: pd.DataFrame, points: pd.DataFrame, *, title: str, value_label: str,
              log: bool = False, unsure_label: str = "unsure", lang: str = "zh", unit: str | None = None) -> go.Figure:
    """Boxes from precomputed quartiles of all rows, with a (sampled) strip of the points over them."""
    fig = go.Figure()
    if not stats.empty:
        fig.add_trace(go.Box(
            x=[html.escape(str(g)) for g in stats["group"]], q1=stats["q1"], median=stats["median"], q3=stats["q3"],
            lowerfence=stats["min"], upperfence=stats["max"], name="box", marker_color="#9ecae1",
            boxpoints=False, hoverinfo="skip",
        ))
    if not points.empty:
        low = points["confidence"].eq("low")
        for mask, colour, sym, label in ((~low, "#08519c", "circle", ""), (low, "#e6550d", "circle-open", unsure_label)):
            sub = points[mask]
            if sub.empty:
                continue
            fig.add_trace(go.Box(
                x=[html.escape(str(g)) for g in sub["group"]], y=sub["value"], boxpoints="all", jitter=0.4,
                pointpos=0, fillcolor="rgba(0,0,0,0)", line={"color": "rgba(0,0,0,0)"},
                marker={"color": colour, "size": 6, "symbol": sym},
                hovertext=[html.escape(f"{fmt.quantity(v, unit, lang)} · {t} ({fmt.text(p)}) {label}".strip())
                           for v, t, p in zip(sub["value"], sub["case_title"], sub["province"])],
                hoverinfo="text", name=label or "points",
            ))
    everything = list(stats["min"]) + list(stats["max"]) if not stats.empty else []
    everything += list(points["value"]) if not points.empty else []
    fig.update_yaxes(title=value_label, type="log" if log else "linear", **value_axis(everything, lang, log))
    return _layout(fig, title, height=460)
