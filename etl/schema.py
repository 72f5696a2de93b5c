"""Warehouse DDL: the tables of ../shared/contract/warehouse.md, plus the project's own extras.

Kept in one place so that the build, the tests and the dashboard's fixtures agree on one schema.
Every column is documented once, by the comment on its DDL line; `docs/columns.md` is generated from
these comments (`.venv/bin/python -m etl.schema > docs/columns.md`; tests/test_schema_docs.py fails
when it is stale or when a column has no comment).
"""
import re
import sys

# The metric keys, qualifiers and periods are defined by the metric contract; re-exported here for
# modules that read them with the schema.
from etl.contract import METRIC_KEYS, METRICS, PERIODS, QUALIFIERS  # noqa: E402,F401

# cases.scope: what a case is about. '全国' = the whole country (a national body or nationwide
# document; province and city stay NULL, the dashboard counts it on the national view); 'province' =
# one province-level division (city NULL); 'city' = one prefecture-level city; NULL = no place found,
# or several (a joint case). Set by etl.place.
SCOPES = ("全国", "province", "city")

TABLES = {
    "sources": """
        CREATE TABLE sources (
            source_id VARCHAR PRIMARY KEY,  -- stable id of the document: its file stem
            file VARCHAR NOT NULL,  -- file name under data/raw/
            title VARCHAR,          -- the manifest's title, else derived from the text (title_derived)
            title_derived BOOLEAN NOT NULL DEFAULT false,  -- true: no manifest title; the text's first headline-like line (else first sentence)
            publisher VARCHAR,  -- who published the document (manifest; else the document's own metadata)
            published DATE,  -- publication date (manifest or document metadata); NULL when unknown
            published_precision VARCHAR,  -- how much of `published` the source states: day | month | year (February 2023 is stored as 2023-02-01 with precision month)
            script VARCHAR NOT NULL,  -- simplified | traditional: the script the raw text is written in (the ETL reads everything as Simplified)
            kind VARCHAR,  -- the manifest's kind of document (compendium, award list, news article …); NULL when not given
            description VARCHAR,  -- the manifest's free-text description of the document
            noise VARCHAR,  -- the manifest's note on extraction noise in the file (page headers, chunk markers …)
            sha256 VARCHAR NOT NULL,  -- SHA-256 of the raw file's bytes (the build cache's key)
            n_chars INTEGER NOT NULL,  -- length of the decoded raw text, in characters
            arrived_via VARCHAR NOT NULL DEFAULT 'build',  -- build | upload (sources.csv; absent: build)
            arrived_at TIMESTAMP    -- UTC; from sources.csv, else when a build first saw the file
        )""",
    "cases": """
        CREATE TABLE cases (
            case_id VARCHAR PRIMARY KEY,  -- stable id: <source_id>:<case_no, 3 digits>
            source_id VARCHAR NOT NULL,  -- → sources
            case_no INTEGER NOT NULL,  -- 1-based order within its source (the compendium: its table-of-contents order)
            title VARCHAR NOT NULL,  -- Simplified Chinese, cleaned of extraction noise
            short_name VARCHAR,  -- the platform's nickname (津心办, 粤省事 …); NULL when none
            category VARCHAR,       -- the source's own grouping, as stated (社会管理类, 示范案例, 卓越示范案例, 省级第一梯队 …)
            award VARCHAR,          -- honour or tier as its own dimension (卓越示范案例, 特色案例, 示范案例, 省级第一梯队), year dropped; NULL: none
            year INTEGER,           -- the case's evaluation or publication year (see year_basis); NULL: no year known
            year_basis VARCHAR,     -- selection (year an award names) | evaluation (year of a tier's evaluation) | stated (year in the source's title) | published (source's date)
            domain VARCHAR,         -- one of etl.taxonomy.DOMAINS: 政务服务 社会管理 市场监管 数字机关 应用支撑 智慧城市 综合实践
            domain_inferred BOOLEAN,  -- true: the source states no class; domain inferred from title and text by etl.taxonomy's keyword scorer
            province VARCHAR,  -- full official name of the province-level division; NULL when unknown or several
            province_code VARCHAR,  -- six-digit administrative code of the province (440000)
            city VARCHAR,  -- prefecture-level city, full name; NULL for a province-level case
            city_code VARCHAR,  -- six-digit administrative code of the city (350200)
            place_note VARCHAR,  -- in Chinese, how sure the place is: candidates when undecided (未能确定，候选…), other places named (文中另提及…), inferred from the body (由正文地名推断…); NULL when the title names it
            scope VARCHAR,          -- 全国 (national: province NULL) | province | city; NULL: no place or several (etl.schema.SCOPES, set by etl.place)
            reporting_unit VARCHAR,  -- 报送单位 / 单位 as the source states it
            page INTEGER,  -- page of the source where the case starts (compendium table of contents, PDF page); NULL when unpaged
            has_text BOOLEAN NOT NULL,  -- false for a case known only from a table of contents or a list
            canonical_id VARCHAR NOT NULL,  -- equal for mentions of the same real-world case in different sources (etl.canonical)
            raw_start INTEGER,  -- offset in the raw text where the case's body starts; NULL when has_text is false
            raw_end INTEGER,  -- offset in the raw text where the case's body ends
            body VARCHAR  -- the case's cleaned Simplified text (what outcomes were extracted from); NULL when has_text is false
        )""",
    "outcomes": """
        CREATE TABLE outcomes (
            outcome_id VARCHAR PRIMARY KEY,  -- stable id: <case_id>:<offset of the number in the case body>:<metric>
            case_id VARCHAR NOT NULL,  -- → cases
            metric VARCHAR NOT NULL,  -- a metric key of etl/contract.py, or other
            value DOUBLE NOT NULL,  -- multipliers applied (万 = 1e4, 亿 = 1e8); money in yuan; time saved in hours or percent points
            unit VARCHAR,  -- the measure word as written after the number (起, 个, 张, 条次, 人次 …; 名/位 stored as 人; etl.contract.written_unit); nothing written: what the words count, else the metric's default unit; time saved: 小时 or %
            comparable_unit VARCHAR,  -- the contract's unit for comparing (etl.contract.store_unit: 起/个 of events → 件, 个 of services → 项, 人次 → 次); charts, rankings, sums and checks group by it; figures in different comparable units count different things
            qualifier VARCHAR NOT NULL,  -- exact | lower_bound (超, 逾, 余, 多, 以上, 突破) | approx (近, 约, 左右) | upper_bound (以内, 不超过)
            period VARCHAR NOT NULL,  -- cumulative | daily | peak_daily | annual | unspecified (per-minute rates are kept as other)
            part_of_total BOOLEAN NOT NULL,  -- true for a component listed under a total in the same passage (其中 …): never add it to its total
            before_value DOUBLE,  -- time_saved from two durations: hours before
            after_value DOUBLE,  -- time_saved from two durations: hours after
            quote VARCHAR NOT NULL,  -- the cleaned sentence fragment holding the number
            raw_start INTEGER NOT NULL,  -- offset in the raw text where the number starts (raw[raw_start:raw_end] is the number as written)
            raw_end INTEGER NOT NULL,  -- offset in the raw text where the number ends
            page INTEGER,  -- page of a paged source (PDF) holding the number; NULL for unpaged sources
            page_start INTEGER,  -- offset of the number in that page's text
            page_end INTEGER,  -- offset of the number's end in that page's text
            confidence VARCHAR NOT NULL DEFAULT 'high',  -- high | low: low when the classifier is unsure (shown as such, never dropped)
            note VARCHAR  -- why a figure is low-confidence or other (a target, a rate, a threshold …); NULL when nothing to say
        )""",
    "provinces": """
        CREATE TABLE provinces (
            province_code VARCHAR PRIMARY KEY,  -- six-digit administrative code (440000)
            name VARCHAR NOT NULL,  -- full official name (广东省, 内蒙古自治区)
            short_name VARCHAR NOT NULL,  -- short name (广东, 内蒙古)
            name_en VARCHAR NOT NULL  -- English name
        )""",
    "tiers": """
        CREATE TABLE tiers (
            evaluation VARCHAR NOT NULL,  -- the ranking's name as the source states it
            evaluator VARCHAR NOT NULL,  -- who ranks (中央党校电子政务研究中心 …)
            year INTEGER NOT NULL,  -- the evaluation's year
            level VARCHAR NOT NULL,  -- province | city
            tier VARCHAR NOT NULL,  -- the tier as the source names it (第一梯队, 优秀 …)
            member VARCHAR,  -- a member of the tier, full official name
            member_code VARCHAR,  -- the member's six-digit administrative code; NULL when not resolved
            source_id VARCHAR NOT NULL,  -- → sources, or a reference for facts from outside the documents (data/reference/)
            claimed_count INTEGER,  -- how many members the source says the tier has, when it says so
            quote VARCHAR  -- the sentence naming the tier
        )""",
    "findings": """
        CREATE TABLE findings (
            finding_id VARCHAR PRIMARY KEY,  -- stable id of the finding
            source_id VARCHAR,  -- the source it concerns; NULL when it concerns the whole build
            case_id VARCHAR,  -- the case it concerns; NULL when none
            kind VARCHAR NOT NULL,  -- what was found: cross_source_mismatch, contract_violation, a segmentation finding …
            severity VARCHAR NOT NULL,  -- info | warning | error
            message VARCHAR NOT NULL,   -- English (kept for compatibility; = message_en)
            message_zh VARCHAR,         -- the message in Chinese (etl.messages; what a Chinese reader sees)
            message_en VARCHAR,         -- the message in English
            evidence VARCHAR  -- the quotes or values that show it
        )""",
    "build_log": """
        CREATE TABLE build_log (
            file VARCHAR,  -- the document the line is about; NULL for the whole build
            level VARCHAR NOT NULL,  -- debug | info | warning | error
            message VARCHAR NOT NULL,   -- English (kept for compatibility; = message_en)
            message_zh VARCHAR,         -- Chinese, from etl.messages.TEMPLATES (English when of no known shape)
            message_en VARCHAR          -- English, as written where the line arose
        )""",
}

VIEWS = {
    "v_outcomes": """
        CREATE VIEW v_outcomes AS
        SELECT o.outcome_id, s.file AS source_file, s.source_id, c.case_id, c.case_no,
               c.title AS case_title, c.short_name, c.province, c.province_code, c.city, c.city_code,
               c.category, c.award, c.year, c.domain, c.domain_inferred, c.canonical_id, o.metric, o.value, o.unit, o.comparable_unit,
               o.qualifier, o.period,
               o.part_of_total, o.before_value, o.after_value, o.quote, o.raw_start, o.raw_end,
               o.page, o.page_start, o.page_end, o.confidence, o.note
        FROM outcomes o
        JOIN cases c USING (case_id)
        JOIN sources s ON s.source_id = c.source_id""",
}


# one column per DDL line: name, SQL type and constraints, then its description after "--"
_COLUMN_LINE = re.compile(r"^\s*(?P<name>[a-z_][a-z0-9_]*)\s+(?P<type>[A-Z]+[^\n]*?)(?:\s*--\s*(?P<doc>[^\n]*))?$", re.M)


def columns(table: str) -> list[tuple[str, str, str]]:
    """(name, SQL type with its constraints, description) of each column of `table`, from its DDL."""
    body = TABLES[table].split("(", 1)[1]
    return [(m.group("name"), m.group("type").strip().rstrip(",").strip(), (m.group("doc") or "").strip())
            for m in _COLUMN_LINE.finditer(body)]


def column_reference() -> str:
    """docs/columns.md: every table's columns with their types and descriptions (Markdown)."""
    lines = ["# Warehouse columns", "",
             "Generated from the DDL comments in `etl/schema.py` by `.venv/bin/python -m etl.schema > docs/columns.md`;",
             "do not edit by hand. Metric keys, units, qualifiers and periods: `etl/contract.py`.", ""]
    for table in TABLES:
        lines += [f"## `{table}`", "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| {name} | {sqltype} | {doc.replace('|', '/')} |" for name, sqltype, doc in columns(table)]
        lines.append("")
    select = VIEWS["v_outcomes"].split("SELECT", 1)[1].split("FROM", 1)[0]
    names = [c.strip().split(" AS ")[-1].split(".")[-1] for c in select.split(",")]
    lines += ["## `v_outcomes` (view)", "", "Outcomes joined with their case and source, for reading: "
              + ", ".join(f"`{n}`" for n in names) + ".", ""]
    return "\n".join(lines)


def create_all(con) -> None:
    """Create every table and view on an empty DuckDB connection."""
    for ddl in TABLES.values():
        con.execute(ddl)
    for ddl in VIEWS.values():
        con.execute(ddl)


if __name__ == "__main__":
    sys.stdout.write(column_reference())
