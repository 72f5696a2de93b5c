"""添加文档 Add documents: staff drop files, see what the ETL finds in them, confirm the details and
publish; the warehouse is rebuilt and readers keep the old one until the new one is complete.
Enabled only when the UPLOAD_TOKEN environment variable is set; the rules live in dashboard/upload.py."""
import datetime as dt
import gc
import hashlib
import time
from types import SimpleNamespace

import pandas as pd
import streamlit as st

from dashboard import queries, ui, upload
from dashboard.highlight import CSS, outcome_html

ctx = ui.context(need_warehouse=False)
L = ctx.t
st.title(L("page_upload"))


def refusal_text(r: upload.Refusal) -> str:
    return L(r.key, **r.detail)


def token_gate(token: str) -> None:
    """Ask for the token until it is right; stops the page meanwhile."""
    mark = hashlib.sha256(token.encode("utf-8")).hexdigest()
    if st.session_state.get("upload_ok") == mark:
        return
    gate = st.session_state.setdefault("upload_gate", upload.TokenGate())
    with st.form("upload_token_form"):
        given = st.text_input(L("upload_token"), type="password", key="upload_token_input")
        submitted = st.form_submit_button(L("upload_unlock"))
    if submitted:
        now = time.monotonic()
        outcome = gate.attempt(given, token, now)
        if outcome == "ok":
            st.session_state["upload_ok"] = mark
            st.rerun()
        if outcome == "wrong":
            st.error(L("upload_token_wrong"))
        if gate.wait_seconds(now):
            st.error(L("upload_token_locked", seconds=gate.wait_seconds(now)))
    st.stop()


def edit_meta(pv: upload.Preview) -> dict:
    """Title, publisher, date and URL, prefilled from the document, editable."""
    key = pv.sha256[:16]
    st.markdown(f"**{L('upload_meta')}**")
    c1, c2 = st.columns(2)
    title = c1.text_input(L("upload_title"), value=pv.meta.get("title", ""), key=f"m_title_{key}")
    publisher = c2.text_input(L("upload_publisher"), value=pv.meta.get("publisher", ""), key=f"m_pub_{key}")
    try:
        day = dt.date.fromisoformat(pv.meta.get("published", ""))
    except ValueError:
        day = None
    published = c1.date_input(L("upload_date"), value=day, min_value=dt.date(1990, 1, 1), key=f"m_date_{key}")
    url = c2.text_input(L("upload_url"), value=pv.meta.get("url", ""), key=f"m_url_{key}")
    return {"title": title, "publisher": publisher, "url": url,
            "published": published.isoformat() if published else ""}


def show_preview(pv: upload.Preview) -> None:
    """The cases found, with title, place and category, and each outcome marked in its sentence."""
    st.caption(L("upload_saved_as", name=pv.name, kb=f"{pv.size / 1024:,.1f}", sha=pv.sha256[:16]))
    for w in pv.warnings:
        st.caption(f"⚠ {w}")
    st.markdown(L("upload_found", cases=len(pv.cases), outcomes=len(pv.outcomes)))
    if not pv.cases:
        st.info(L("upload_no_case"))
        return
    per_case = pd.Series([o["case_id"] for o in pv.outcomes], dtype=str).value_counts()
    st.table(pd.DataFrame([{
        "#": c["case_no"], L("upload_title"): c["title"],
        L("province"): " ".join(x for x in (c["province"], c["city"]) if x) or "—",
        L("category"): c["category"] or "—", L("outcomes"): int(per_case.get(c["case_id"], 0)),
    } for c in pv.cases]).set_index("#"))
    for c in pv.cases:
        outs = [SimpleNamespace(**o) for o in pv.outcomes if o["case_id"] == c["case_id"]]
        if outs:
            with st.expander(f"#{c['case_no']} {c['title']} ({len(outs)})", expanded=len(pv.cases) <= 3):
                st.markdown("\n".join(outcome_html(o, pv.raw, pv.name, ctx.lang) for o in outs),
                            unsafe_allow_html=True)


def publish(items: list[upload.Item]) -> None:
    raw_dir, warehouse = queries.raw_dir(), queries.warehouse_path()
    if upload.supports_progress():
        bar = st.progress(0.0, text=L("upload_building"))

        def on_progress(done: int, total: int, file: str) -> None:
            bar.progress(min(done / total, 1.0) if total else 1.0,
                         text=L("upload_progress", done=done, total=total, file=file))

        result = upload.publish(raw_dir, items, lambda: upload.run_build(raw_dir, warehouse, on_progress, True))
    else:
        with st.spinner(L("upload_building")):
            result = upload.publish(raw_dir, items, lambda: upload.run_build(raw_dir, warehouse, None, False))
    if not result.ok:
        st.error(refusal_text(result.error))
        return
    st.cache_data.clear()       # every page reads the new warehouse from now on; the cached
    st.cache_resource.clear()   # connections must go too, or DuckDB keeps serving the replaced file
    gc.collect()
    counts = result.counts or upload.warehouse_counts(warehouse)
    st.session_state["upload_previews"] = {}
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1   # an empty uploader
    counts = {k: counts.get(k, "?") for k in ("documents", "cases", "outcomes")}
    st.session_state["upload_done"] = L("upload_success", files="、".join(result.files), **counts)
    st.rerun()


token = upload.configured_token()
if token is None:
    st.info(L("upload_disabled"))
    st.stop()
token_gate(token)

if "upload_done" in st.session_state:
    st.success(st.session_state.pop("upload_done"))
st.html(CSS)
st.caption(L("upload_limit", mb=f"{upload.MAX_UPLOAD_MB:g}"))
files = st.file_uploader(L("upload_files"), type=upload.upload_types(), accept_multiple_files=True,
                         max_upload_size=int(upload.MAX_UPLOAD_MB),
                         key=f"upload_files_{st.session_state.get('upload_round', 0)}")
known = st.session_state.get("upload_previews", {})
previews = st.session_state["upload_previews"] = {}     # kept for the files still in the uploader only
items, batch = [], {}          # batch: sha256 → name, for the same file dropped twice at once
for f in files or []:
    data = f.getvalue()
    key = (f.name, upload.sha256_of(data))
    pv = previews[key] = known.get(key) or upload.preview(f.name, data, queries.raw_dir())
    error = pv.error or (upload.Refusal("refuse_duplicate", {"file": batch[pv.sha256]})
                         if pv.sha256 in batch else None)
    batch.setdefault(pv.sha256, f.name)
    with st.container(border=True):
        st.subheader(L("upload_preview", file=f.name))
        if error:
            st.error(refusal_text(error))
            continue
        show_preview(pv)
        items.append(upload.Item(pv.name, data, edit_meta(pv)))
if files and not items:
    st.info(L("upload_nothing"))
if st.button(L("upload_publish"), type="primary", disabled=not items, key="upload_publish"):
    publish(items)
