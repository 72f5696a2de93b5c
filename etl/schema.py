"""Warehouse DDL: the tables of ../shared/contract/warehouse.md, plus the project's own extras.

Kept in one place so that the build, the tests and the dashboard's fixtures agree on one schema.
"""

METRICS = (
    "registered_users",
    "visits",
    "data_records",
    "data_shares",
    "warnings_issued",
    "events_handled",
    "time_saved",
    "services_online",
    "enterprises_served",
    "funds_yuan",
)
METRIC_KEYS = METRICS + ("other",)
QUALIFIERS = ("exact", "lower_bound", "approx", "upper_bound")
PERIODS = ("cumulative", "daily", "peak_daily", "annual", "unspecified")
# cases.scope: what a case is about. '全国' = the whole country (a national body or nationwide
# document; province and city stay NULL, the dashboard counts it on the national view); 'province' =
# one province-level division (city NULL); 'city' = one prefecture-level city; NULL = no place found,
# or several (a joint case). Set by etl.place.
SCOPES = ("全国", "province", "city")

TABLES = {
    "sources": """
        CREATE TABLE sources (
            source_id VARCHAR PRIMARY KEY,
            file VARCHAR NOT NULL,
            title VARCHAR,
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
            category VARCHAR,
            award VARCHAR,
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
            message VARCHAR NOT NULL,
            evidence VARCHAR
        )""",
    "build_log": """
        CREATE TABLE build_log (
            file VARCHAR,
            level VARCHAR NOT NULL,
            message VARCHAR NOT NULL
        )""",
}

VIEWS = {
    "v_outcomes": """
        CREATE VIEW v_outcomes AS
        SELECT o.outcome_id, s.file AS source_file, s.source_id, c.case_id, c.case_no,
               c.title AS case_title, c.short_name, c.province, c.province_code, c.city, c.city_code,
               c.category, c.award, c.canonical_id, o.metric, o.value, o.unit, o.qualifier, o.period,
               o.part_of_total, o.before_value, o.after_value, o.quote, o.raw_start, o.raw_end,
               o.confidence, o.note
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
