"""Warehouse DDL: the tables of ../shared/contract/warehouse.md, plus the project's own extras.

Kept in one place so that the build, the tests and the dashboard's fixtures agree on one schema.
"""

# The metric keys, qualifiers and periods are defined by the metric contract; re-exported here for
# modules that read them with the schema.
from etl.contract import METRIC_KEYS, METRICS, PERIODS, QUALIFIERS  # noqa: E402,F401

TABLES = {
    "sources": """
        CREATE TABLE sources (
            source_id VARCHAR PRIMARY KEY,
            file VARCHAR NOT NULL,
            title VARCHAR,          -- the manifest's title, else derived from the text (title_derived)
            title_derived BOOLEAN NOT NULL DEFAULT false,  -- true: no manifest title; the text's first headline-like line (else first sentence)
            publisher VARCHAR,
            published DATE,
            published_precision VARCHAR,
            script VARCHAR NOT NULL,
            kind VARCHAR,
            description VARCHAR,
            noise VARCHAR,
            sha256 VARCHAR NOT NULL,
            n_chars INTEGER NOT NULL,
            arrived_via VARCHAR NOT NULL DEFAULT 'build',  -- build | upload (sources.csv; absent: build)
            arrived_at TIMESTAMP    -- UTC; from sources.csv, else when a build first saw the file
        )""",
    "cases": """
        CREATE TABLE cases (
            case_id VARCHAR PRIMARY KEY,
            source_id VARCHAR NOT NULL,
            case_no INTEGER NOT NULL,
            title VARCHAR NOT NULL,
            short_name VARCHAR,
            category VARCHAR,       -- the source's own grouping, as stated (社会管理类, 示范案例, 卓越示范案例, 省级第一梯队 …)
            award VARCHAR,          -- honour or tier as its own dimension (卓越示范案例, 特色案例, 示范案例, 省级第一梯队), year dropped; NULL: none
            year INTEGER,           -- the case's evaluation or publication year (see year_basis); NULL: no year known
            year_basis VARCHAR,     -- selection (year an award names) | evaluation (year of a tier's evaluation) | stated (year in the source's title) | published (source's date)
            domain VARCHAR,         -- one of etl.taxonomy.DOMAINS: 政务服务 社会管理 市场监管 数字机关 应用支撑 智慧城市 综合实践
            domain_inferred BOOLEAN,  -- true: the source states no class; domain inferred from title and text by etl.taxonomy's keyword scorer
            province VARCHAR,
            province_code VARCHAR,
            city VARCHAR,
            city_code VARCHAR,
            place_note VARCHAR,
            scope VARCHAR,
            reporting_unit VARCHAR,
            page INTEGER,
            has_text BOOLEAN NOT NULL,
            canonical_id VARCHAR NOT NULL,
            raw_start INTEGER,
            raw_end INTEGER,
            body VARCHAR
        )""",
    "outcomes": """
        CREATE TABLE outcomes (
            outcome_id VARCHAR PRIMARY KEY,
            case_id VARCHAR NOT NULL,
            metric VARCHAR NOT NULL,
            value DOUBLE NOT NULL,
            unit VARCHAR,
            qualifier VARCHAR NOT NULL,
            period VARCHAR NOT NULL,
            part_of_total BOOLEAN NOT NULL,
            before_value DOUBLE,
            after_value DOUBLE,
            quote VARCHAR NOT NULL,
            raw_start INTEGER NOT NULL,
            raw_end INTEGER NOT NULL,
            page INTEGER,
            page_start INTEGER,
            page_end INTEGER,
            confidence VARCHAR NOT NULL DEFAULT 'high',
            note VARCHAR
        )""",
    "provinces": """
        CREATE TABLE provinces (
            province_code VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            short_name VARCHAR NOT NULL,
            name_en VARCHAR NOT NULL
        )""",
    "tiers": """
        CREATE TABLE tiers (
            evaluation VARCHAR NOT NULL,
            evaluator VARCHAR NOT NULL,
            year INTEGER NOT NULL,
            level VARCHAR NOT NULL,
            tier VARCHAR NOT NULL,
            member VARCHAR,
            member_code VARCHAR,
            source_id VARCHAR NOT NULL,
            claimed_count INTEGER,
            quote VARCHAR
        )""",
    "findings": """
        CREATE TABLE findings (
            finding_id VARCHAR PRIMARY KEY,
            source_id VARCHAR,
            case_id VARCHAR,
            kind VARCHAR NOT NULL,
            severity VARCHAR NOT NULL,
            message VARCHAR NOT NULL,   -- English (kept for compatibility; = message_en)
            message_zh VARCHAR,         -- the message in Chinese (etl.messages; what a Chinese reader sees)
            message_en VARCHAR,         -- the message in English
            evidence VARCHAR
        )""",
    "build_log": """
        CREATE TABLE build_log (
            file VARCHAR,
            level VARCHAR NOT NULL,
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
               c.category, c.award, c.year, c.domain, c.domain_inferred, c.canonical_id, o.metric, o.value, o.unit, o.qualifier, o.period,
               o.part_of_total, o.before_value, o.after_value, o.quote, o.raw_start, o.raw_end,
               o.page, o.page_start, o.page_end, o.confidence, o.note
        FROM outcomes o
        JOIN cases c USING (case_id)
        JOIN sources s ON s.source_id = c.source_id""",
}


def create_all(con) -> None:
    """Create every table and view on an empty DuckDB connection."""
    for ddl in TABLES.values():
        con.execute(ddl)
    for ddl in VIEWS.values():
        con.execute(ddl)
