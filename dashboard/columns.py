"""What every warehouse column is called on the pages and in downloads, and how its values read.

Queries return columns under their warehouse names (`n_cases`, `case_id`); `present` turns such a
table into what a reader sees: headers in the reader's language, figures as 12.7亿次, codes as
words (存疑, 累计), "—" for a missing value, and identifiers (hash ids, file names, offsets) moved out
to a technical table that the page keeps in a collapsed 技术信息 expander and that downloads append
as their last columns. A column the dictionary does not know is shown as it is named (pages name
their own computed columns, such as "访问量 · 最大值 (次)").
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard import format as fmt

# Kinds: text, count (integer), value (a figure with a unit), metric, code (a value dictionary
# below), word (a data vocabulary: dashboard.vocab.WORDS), place (a province or city, by the code
# column of PLACE_CODES when there is one), note (an extractor's note, stored in English:
# etl.outcomes.notes), bool, tech (identifier: 技术信息 and the end of downloads), zh_only / en_only
# (one per language).
COLUMNS: dict[str, tuple[str, str, str]] = {
    # places
    "province": ("省份", "Province", "place"),
    "name": ("省份", "Province", "zh_only"),
    "name_en": ("省份", "Province", "en_only"),
    "member": ("成员", "Member", "place"),
    "city": ("城市", "City", "place"),
    "province_code": ("省级行政区划代码", "Province code", "tech"),
    "member_code": ("行政区划代码", "Division code", "tech"),
    "city_code": ("城市行政区划代码", "City code", "tech"),
    "lon": ("经度", "Longitude", "tech"),
    "lat": ("纬度", "Latitude", "tech"),
    # figures and counts
    "value": ("数值", "Value", "value"),
    "before_value": ("之前", "Before", "value"),
    "after_value": ("之后", "After", "value"),
    "min": ("最小值", "Minimum", "value"),
    "q1": ("下四分位数", "Lower quartile", "value"),
    "median": ("中位数", "Median", "value"),
    "q3": ("上四分位数", "Upper quartile", "value"),
    "max": ("最大值", "Maximum", "value"),
    "n": ("数字个数", "Figures", "count"),
    "n_cases": ("案例数", "Cases", "count"),
    "n_listings": ("案例记录数", "Case listings", "count"),
    "n_sources": ("来源数", "Sources", "count"),
    "n_tier_rows": ("梯队记录数", "Tier rows", "count"),
    "n_with_text": ("有正文的案例数", "Cases with text", "count"),
    "n_outcomes": ("成效数字个数", "Outcome figures", "count"),
    "n_low": ("存疑个数", "Unsure", "count"),
    "n_parts": ("分项个数", "Parts of totals", "count"),
    "n_chars": ("字数", "Characters", "count"),
    "claimed_count": ("来源所称个数", "Count claimed", "count"),
    "named_count": ("点名个数", "Count named", "count"),
    "rank": ("名次", "Rank", "count"),
    "case_no": ("序号", "No.", "count"),
    "page": ("页码", "Page", "count"),
    # what a figure is
    "metric": ("指标", "Metric", "metric"),
    "unit": ("单位", "Unit", "unit"),
    "comparable_unit": ("可比单位", "Comparable unit", "unit"),
    "qualifier": ("限定", "Qualifier", "code"),
    "period": ("期间", "Period", "code"),
    "part_of_total": ("属于分项", "Part of a total", "bool"),
    "confidence": ("可信度", "Confidence", "code"),
    "quote": ("原文", "Quote", "text"),
    "note": ("备注", "Note", "note"),
    # cases
    "title": ("标题", "Title", "text"),
    "case_title": ("案例", "Case", "text"),
    "case_titles": ("案例", "Cases", "text"),
    "short_name": ("简称", "Short name", "text"),
    "category": ("来源所列类别", "Category as listed", "word"),
    "domain": ("领域", "Domain", "word"),
    "domain_inferred": ("领域为推断", "Domain inferred", "bool"),
    "year_basis": ("年份依据", "Year basis", "code"),
    "award": ("奖项", "Award", "word"),
    "reporting_unit": ("申报单位", "Reporting unit", "text"),
    "has_text": ("有正文", "Has text", "bool"),
    "outcomes": ("成效", "Outcomes", "text"),
    "tier": ("梯队", "Tier", "word"),
    "from_case": ("数值来自案例", "Value from case", "text"),
    "from_source": ("数值来源", "Value from source", "text"),
    "from_quote": ("原句", "Quote", "text"),
    "group": ("分组", "Group", "text"),
    "definition": ("定义", "Definition", "text"),
    "year": ("年份", "Year", "text"),
    "evaluator": ("评估方", "Evaluator", "word"),
    "evaluation": ("评估", "Evaluation", "word"),
    "level": ("级别", "Level", "code"),
    # sources
    "source_title": ("来源", "Source", "text"),
    "publisher": ("发布者", "Publisher", "text"),
    "published": ("发布日期", "Published", "text"),
    "published_precision": ("日期精度", "Date precision", "code"),
    "script": ("字形", "Script", "code"),
    "kind": ("类型", "Kind", "code"),
    "description": ("说明", "Description", "text"),
    "noise": ("文本噪声", "Text noise", "text"),
    "arrived_via": ("收录方式", "Arrived via", "text"),   # the page puts it in words (via_build / via_upload)
    "arrived_at": ("收录时间", "Arrived at", "text"),
    # findings and build log
    "severity": ("严重程度", "Severity", "code"),
    "message": ("说明", "Message", "text"),
    "evidence": ("依据", "Evidence", "text"),
    # identifiers
    "case_id": ("案例编号", "Case id", "tech"),
    "canonical_id": ("案例归并编号", "Canonical case id", "tech"),
    "outcome_id": ("成效编号", "Outcome id", "tech"),
    "finding_id": ("发现编号", "Finding id", "tech"),
    "source_id": ("来源编号", "Source id", "tech"),
    "source_file": ("来源文件", "Source file", "tech"),
    "file": ("文件", "File", "tech"),
    "sha256": ("文件校验值", "SHA-256", "tech"),
    "raw_start": ("原文起点", "Raw start", "tech"),
    "raw_end": ("原文终点", "Raw end", "tech"),
    "page_start": ("页内起点", "Start in page", "tech"),
    "page_end": ("页内终点", "End in page", "tech"),
    "figure": ("数字编号", "Figure id", "tech"),
}

# Words for coded values (column → value → (zh, en)); a code not listed reads as a generic word.
CODES: dict[str, dict[str, tuple[str, str]]] = {
    "qualifier": {k: (v[0] or "确数", v[1] or "exact") for k, v in fmt.QUALIFIER_WORDS.items()},
    "period": {k: (v[0] or "未说明", v[1] or "unspecified") for k, v in fmt.PERIOD_WORDS.items()},
    "confidence": {"high": ("可靠", "reliable"), "low": ("存疑", "unsure")},
    "severity": {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "note")},
    "level": {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("信息", "info"),
              "province": ("省级", "provincial"), "city": ("市级", "city"), "county": ("县级", "county")},
    "script": {"simplified": ("简体", "Simplified"), "traditional": ("繁体", "Traditional"),
               "mixed": ("简繁混合", "mixed")},
    "published_precision": {"day": ("日", "day"), "month": ("月", "month"), "year": ("年", "year")},
    "year_basis": {"selection": ("评选年份", "selection year"), "evaluation": ("评估年份", "evaluation year"),
                   "stated": ("文中所述年份", "year stated in the source"),
                   "published": ("发布年份", "publication year")},
    "kind": {
        # source kinds
        "award_list": ("获奖名单", "award list"), "compendium": ("案例汇编", "compendium"),
        "article": ("文章", "article"), "tier_article": ("梯队评估文章", "tier article"),
        "category_article": ("类别文章", "category article"),
        # finding kinds
        "truncated": ("文档不完整", "document cut off"), "count_mismatch": ("数量不符", "count mismatch"),
        "tier_count_mismatch": ("梯队成员数不符", "tier count mismatch"),
        "missing_text": ("缺少正文", "text missing"), "case_without_text": ("案例无正文", "case without text"),
        "name_variant": ("名称异写", "name variant"), "award_unknown": ("奖项不明", "award unknown"),
        "cross_source_mismatch": ("来源间数字不一致", "sources disagree"),
        "part_total": ("分项与总数", "parts and total"),
        "contract_violation": ("不符合指标定义", "outside the metric contract"),
    },
}
UNKNOWN_CODE = ("其他", "other")
PLACE_CODES = {"province": "province_code", "member": "member_code", "city": "city_code"}
TECH_TITLE = ("技术信息", "Technical details")


@dataclass
class Presented:
    shown: pd.DataFrame      # what the page draws
    tech: pd.DataFrame       # identifiers, for the 技术信息 expander (may have no columns)
    download: pd.DataFrame   # shown columns, then figures as numbers, then identifiers
    number_cols: list[str]   # download columns holding figures as numbers (for number formats)
    figures: dict[str, pd.Series] = field(default_factory=dict)   # shown columns of figures, as numbers:
    #                                                                the grid sorts by them (dashboard/grid.py)


def header(col: str, lang: str = "zh") -> str:
    zh, en, _ = COLUMNS.get(col, (col, col, "text"))
    return en if lang == "en" else zh


def code_word(column: str, value, lang: str = "zh") -> str:
    if fmt.is_missing(value):
        return fmt.DASH
    zh, en = CODES.get(column, {}).get(str(value), UNKNOWN_CODE)
    return en if lang == "en" else zh


def bilingual(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Columns stored in both languages (message_zh, message_en) become one column (message) in the
    reader's language, falling back, row by row, to the other language where one is missing."""
    pairs = [c[:-3] for c in df.columns if c.endswith("_zh") and f"{c[:-3]}_en" in df.columns]
    if not pairs:
        return df
    df = df.copy()
    for base in pairs:
        first, second = (f"{base}_en", f"{base}_zh") if lang == "en" else (f"{base}_zh", f"{base}_en")
        merged = [b if fmt.is_missing(a) else a for a, b in zip(df[first], df[second])]
        if base in df.columns:   # an older single-language column: last resort
            merged = [c if fmt.is_missing(m) else m for m, c in zip(merged, df[base])]
            df = df.drop(columns=base)
        at = list(df.columns).index(f"{base}_zh")
        df = df.drop(columns=[f"{base}_zh", f"{base}_en"])
        df.insert(min(at, len(df.columns)), base, merged)
    return df


def _unit_of(df: pd.DataFrame, units) -> list:
    """The unit of each row's figures: its `unit` column, else the table's unit."""
    if "unit" in df.columns:
        return df["unit"].tolist()
    return [units] * len(df)


def present(df: pd.DataFrame, lang: str = "zh", unit: str | None = None,
            values: dict[str, str | None] | None = None, places: dict[str, str] | None = None) -> Presented:
    """The reader's table of `df`. `unit`: the unit of the known figure columns when rows carry
    none; `values`: page-named columns that hold figures, with their unit ({"访问量 · 最大值 (次)": "次"});
    `places`: province code → name in the reader's language, before the geo assets' names."""
    from dashboard import vocab
    from dashboard.i18n import metric_name
    from etl.outcomes import notes

    values, places = values or {}, places or {}
    df = bilingual(df, lang)
    row_units = _unit_of(df, unit)
    shown, numbers, tech, figures = {}, {}, {}, {}
    for col in df.columns:
        s = df[col]
        zh, en, kind = COLUMNS.get(col, (col, col, "value" if col in values else "text"))
        name = en if lang == "en" else zh
        if kind == "tech":
            tech[name] = s.map(lambda v: fmt.DASH if fmt.is_missing(v) else v)
        elif kind in ("zh_only", "en_only"):
            if (kind == "en_only") == (lang == "en"):
                shown[name] = s.map(fmt.text)
        elif kind == "value":
            us = [values[col]] * len(df) if col in values else row_units
            shown[name] = [fmt.quantity(v, u, lang) for v, u in zip(s, us)]
            numbers[name] = figures[name] = pd.to_numeric(s, errors="coerce")
        elif kind == "count":
            num = pd.to_numeric(s, errors="coerce")
            if num.notna().all() and (num == num.round()).all():
                shown[name] = num.astype("Int64")
            else:
                shown[name] = [fmt.DASH if fmt.is_missing(v) else int(n) if n == n and n == round(n) else v
                               for v, n in zip(s, num)]          # 3, not 3.0
                figures[name] = num
        elif kind == "metric":
            shown[name] = s.map(lambda m: fmt.DASH if fmt.is_missing(m) else metric_name(str(m), lang))
        elif kind == "unit":
            shown[name] = s.map(lambda u: fmt.unit_word(u, lang) or fmt.DASH)
        elif kind == "code":
            shown[name] = s.map(lambda v, c=col: code_word(c, v, lang))
        elif kind == "word":
            shown[name] = s.map(lambda v, c=col: vocab.word(c, v, lang))
        elif kind == "place":
            codes = df[PLACE_CODES[col]] if PLACE_CODES[col] in df.columns else [None] * len(df)
            shown[name] = [places[c] if not fmt.is_missing(c) and c in places else vocab.place(v, c, lang)
                           for v, c in zip(s, codes)]
        elif kind == "note":   # the extractor's notes are stored in English (etl.outcomes.notes)
            shown[name] = s.map(lambda v: fmt.DASH if fmt.is_missing(v) else notes.zh(v) if lang == "zh" else v)
        elif kind == "bool":
            shown[name] = s.map(lambda v: fmt.yes_no(v, lang))
        else:
            shown[name] = s.map(lambda v: fmt.DASH if fmt.is_missing(v) else
                                ("; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v))
    shown_df = pd.DataFrame(shown, index=df.index).reset_index(drop=True)
    tech_df = pd.DataFrame(tech, index=df.index).reset_index(drop=True)
    number_suffix = "(数字)" if lang == "zh" else " (number)"
    num_df = pd.DataFrame({f"{k}{number_suffix}": v for k, v in numbers.items()}, index=df.index).reset_index(drop=True)
    download = pd.concat([shown_df, num_df, tech_df], axis=1)
    figures = {k: v.reset_index(drop=True) for k, v in figures.items()}
    return Presented(shown_df, tech_df, download, list(num_df.columns), figures)
