"""The build's last check: every stored outcome against the metric contract (etl/contract.py).

The extractor should never store a unit a metric does not accept or an implausible value; this check
is the safety net that says so when it does (a new rule, a new document shape). Violations are
reported, never repaired: one `findings` row (kind `contract_violation`) and one `build_log` warning
each.
"""
from __future__ import annotations

from etl.contract import violations
from etl.messages import with_languages
from etl.warehouse import load_frame

FINDING_KIND = "contract_violation"


def check_contract(con) -> list[tuple[str, str, str]]:
    """Check the `outcomes` of the warehouse on `con`; store findings; return build_log rows
    (file, level, message) for the violations."""
    rows = con.execute("""
        SELECT o.outcome_id, o.case_id, c.source_id, s.file, o.metric, o.value, o.unit, o.qualifier,
               o.period, o.quote
        FROM outcomes o JOIN cases c USING (case_id) JOIN sources s ON s.source_id = c.source_id
        ORDER BY o.outcome_id""").fetchall()
    findings, log = [], []
    for outcome_id, case_id, source_id, file, metric, value, unit, qualifier, period, quote in rows:
        reasons = violations(metric, value, unit, qualifier, period)
        if not reasons:
            continue
        message = f"{metric} {value:g} {unit or ''}: " + "; ".join(reasons)
        findings.append(with_languages({"finding_id": f"{outcome_id}:contract", "source_id": source_id,
                                        "case_id": case_id, "kind": FINDING_KIND, "severity": "warning",
                                        "message": message, "evidence": quote}))
        log.append((file, "warning", f"contract: {outcome_id}: {message}"))
    if findings:
        import pyarrow as pa

        load_frame(con, "findings", pa.Table.from_pylist(findings))
    return log
