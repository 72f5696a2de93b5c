"""One document through every layer: raw → cleaned → cases → outcome mentions → warehouse rows.

Pure apart from the gazetteer lookup: takes a RawDocument, returns plain row dicts, so a document's
rows can be tested without a database and documents can be processed one at a time (memory holds one
document's text plus the rows kept).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from etl import dims, messages
from etl.clean import Cleaned, clean
from etl.formats.ocr import NOTE as OCR_NOTE
from etl.outcomes import extract_outcomes
from etl.segment import segment
from etl.sources import RawDocument
from etl.place import place_about, scope_of
from geo import places

QUOTE_MAX = 160


@dataclass
class DocumentRows:
    """What one document contributes to the warehouse."""

    adapter: str
    cases: list[dict] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)
    tiers: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    source: dict = field(default_factory=dict)   # fields of the `sources` row known only from the text


def case_id(source_id: str, case_no: int) -> str:
    """Derived, never random: the source's stem and the case's order within it."""
    return f"{source_id}:{case_no:03d}"


def outcome_id(cid: str, raw_start: int, metric: str) -> str:
    """Derived from where the number stands in the raw file, so rebuilds give the same ids."""
    return f"{cid}:{raw_start}:{metric}"


def place_of(text: str) -> dict:
    """Province and city a case is about, from the gazetteer.

    When the text is ambiguous or names other places too, the gazetteer's candidates are kept in
    `place_note`, so an unsure attribution is shown as such instead of silently guessed.
    """
    hit = places.resolve(text or "")
    note = None
    if hit.get("candidates"):
        names = []
        for c in hit["candidates"]:
            if hit.get("province") and c.get("province") == hit["province"] and \
                    c.get("city") in (None, hit.get("city")):
                continue  # the chosen place itself, or a part of it
            label = "".join(x for x in (c.get("province"), c.get("city"), c.get("district")) if x)
            if label and label not in names:
                names.append(label)
        note = ("未能确定，候选：" if not hit.get("province") else "文中另提及：") + "、".join(names[:8])
    return {
        "province": hit.get("province"),
        "province_code": hit.get("province_code"),
        "city": hit.get("city"),
        "city_code": hit.get("city_code"),
        "place_note": note,
    }


def place_from_body(body: str) -> dict | None:
    """For a case whose title and lead name no place: the province most of its body's places lie in.

    Only unambiguous mentions vote; the province needs at least two of them and a strict majority.
    The city is kept only when every city named in that province is the same one. The result is
    marked in `place_note` as inferred from the body.
    """
    votes: Counter = Counter()
    cities: dict[str, set] = {}
    for m in places.resolve_all(body or ""):
        provs = {p.get("province_code") for p in m["places"]}
        if len(provs) != 1 or None in provs:
            continue
        code = provs.pop()
        votes[code] += 1
        cities.setdefault(code, set()).update(p["city_code"] for p in m["places"] if p.get("city_code"))
    if not votes:
        return None
    code, n = votes.most_common(1)[0]
    if n < 2 or n * 2 <= sum(votes.values()):
        return None
    city_codes = cities.get(code, set())
    city = places.place_dict(city_codes.pop()) if len(city_codes) == 1 else None
    named = "、".join(places.place_dict(c)["name"] for c, _ in votes.most_common(4))
    return {
        "province": places.place_dict(code)["name"],
        "province_code": code,
        "city": city["name"] if city else None,
        "city_code": city["code"] if city else None,
        "place_note": f"标题未指明地点，由正文地名推断（正文提及：{named}）",
    }


def process(doc: RawDocument) -> DocumentRows:
    cleaned = clean(doc.text)
    document = segment(doc.file, cleaned)
    rows = DocumentRows(adapter=document.adapter, source=dims.source_fields(doc.meta, cleaned.text))
    tier_years = {c.tier: c.year for c in document.tiers if c.year}
    text_year = dims.document_year(cleaned.text)
    for draft in document.cases:
        cid = case_id(doc.source_id, draft.case_no)
        has_body = draft.has_text and draft.body_start is not None
        body = cleaned.text[draft.body_start:draft.body_end] if has_body else None
        rows.cases.append({**case_row(doc, cleaned, draft, cid, body, document.adapter),
                           **dims.case_fields(draft, body, tier_years, rows.source["title"],
                                              doc.meta.get("published"), text_year)})
        if has_body:
            rows.outcomes.extend(outcome_rows(cleaned, draft.body_start, body, cid, doc))
    for claim in document.tiers:
        rows.tiers.extend(tier_rows(doc, cleaned, claim))
    for i, f in enumerate(document.findings, 1):
        rows.findings.append({
            "finding_id": f"{doc.source_id}:f{i:02d}",
            "source_id": doc.source_id,
            "case_id": f.get("case_id"),
            "kind": f["kind"],
            "severity": f.get("severity", "warning"),
            "message": f["message"],
            "message_en": f["message"],
            "message_zh": f.get("message_zh") or messages.zh(f["message"]),
            "evidence": f.get("evidence"),
        })
    return rows


def case_row(doc: RawDocument, cleaned: Cleaned, draft, cid: str, body: str | None,
             adapter: str | None = None) -> dict:
    """The `cases` row; `body` is the case's cleaned text (None when the source gives none).

    A one-case text (the generic adapter: an article, a web page) is placed by weighted votes of
    all its places (`etl.place.place_about`); a case of a multi-case source by its heading and lead,
    where the first place named is the case's own."""
    raw_start = raw_end = None
    page = draft.page
    if body is not None:
        raw_start, raw_end = doc.raw_span(*cleaned.raw_span(draft.body_start, draft.body_end))
        if page is None:
            page = doc.page_span(raw_start, raw_end)[0]
    if adapter == "generic":
        place = place_about(draft.title, draft.place_text)
    else:
        place = place_of(draft.place_text)
        if place["province"] is None and not place["place_note"] and body:
            place = place_from_body(body) or place
        place["scope"] = scope_of(place["province"], place["city"], draft.title)
    return {
        "case_id": cid,
        "source_id": doc.source_id,
        "case_no": draft.case_no,
        "title": draft.title,
        "short_name": draft.short_name or None,
        "category": draft.category or None,
        "award": draft.award or None,
        **place,
        "reporting_unit": draft.reporting_unit or None,
        "page": page,
        "has_text": bool(draft.has_text),
        "raw_start": raw_start,
        "raw_end": raw_end,
        "body": body,
    }


def outcome_rows(cleaned: Cleaned, body_start: int, body: str, cid: str,
                 doc: RawDocument | None = None) -> list[dict]:
    """The `outcomes` rows of one case body that starts at `body_start` in the cleaned text.

    Offsets are composed twice: cleaned text → the text the cleaner read (`cleaned.raw_span`) → the
    document's raw text (`doc.raw_span`: PDF reflow, lines left out for encoding faults), and for a
    PDF the page and the offsets within that page's text.
    """
    out = []
    for m in extract_outcomes(body):
        raw_start, raw_end = cleaned.raw_span(body_start + m.start, body_start + m.end)
        page = page_start = page_end = None
        if doc is not None:
            raw_start, raw_end = doc.raw_span(raw_start, raw_end)
            page, page_start, page_end = doc.page_span(raw_start, raw_end)
        quote = body[m.quote_start:m.quote_end].strip()
        confidence, note = m.confidence, m.note
        if doc is not None and page in doc.ocr_pages:
            confidence, note = "low", "; ".join(filter(None, (note, OCR_NOTE)))
        out.append({
            "outcome_id": outcome_id(cid, raw_start, m.metric),
            "case_id": cid,
            "metric": m.metric,
            "value": float(m.value),
            "unit": m.unit,
            "comparable_unit": m.comparable_unit,
            "qualifier": m.qualifier,
            "period": m.period,
            "part_of_total": bool(m.part_of_total),
            "before_value": m.before_value,
            "after_value": m.after_value,
            "quote": quote[:QUOTE_MAX],
            "raw_start": raw_start,
            "raw_end": raw_end,
            "page": page,
            "page_start": page_start,
            "page_end": page_end,
            "confidence": confidence,
            "note": note,
        })
    return out


def tier_rows(doc: RawDocument, cleaned: Cleaned, claim) -> list[dict]:
    quote = cleaned.text[claim.quote_start:claim.quote_end]
    rows = []
    for member in claim.members:
        prov = places.province_by_name(member) if claim.level == "province" else None
        rows.append({
            "evaluation": claim.evaluation,
            "evaluator": claim.evaluator,
            "year": claim.year,
            "level": claim.level,
            "tier": claim.tier,
            "member": prov["name"] if prov else member,
            "member_code": prov["province_code"] if prov else None,
            "source_id": doc.source_id,
            "claimed_count": claim.claimed_count,
            "quote": quote,
        })
    return rows
