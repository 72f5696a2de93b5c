"""ETL for 政务成效看板: raw documents → cleaned text → cases and mentions → DuckDB warehouse."""
