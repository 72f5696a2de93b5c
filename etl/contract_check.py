"""The build's last check: every stored outcome against the metric contract (etl/contract.py).

The extractor should never store a unit a metric does not accept or an implausible value; this check
is the safety net that says so when it does (a new rule, a new document shape). The unit checked is
the comparable unit (`outcomes.comparable_unit`, what figures are compared and bounded in; the written
`unit` may be any measure word). Violations are reported, never repaired: one `findings` row (kind
`contract_violation`) and one `build_log` warning each.
"""
from __future__ import annotations

from etl.contract import metric_name, violations
from etl.warehouse import load_frame

FINDING_KIND = "contract_violation"


def check_contract(con) -> list[tuple[str, str, str]]:
    """Check the `outcomes` of the warehouse on `con`; store findings; return build_log rows
    (file, level, message) for the violations."""
    rows = con.execute("""
        SELECT o.outcome_id, o.case_id, c.source_id, s.file, o.metric, o.value, o.comparable_unit, o.qualifier,
               o.period, o.quote
        FROM outcomes o JOIN cases c USING (case_id) JOIN sources s ON s.source_id = c.source_id
        ORDER BY o.outcome_id""").fetchall()
    findings, log = [], []
    for outcome_id, case_id, source_id, file, metric, value, unit, qualifier, period, quote in rows:
        reasons = violations(metric, value, unit, qualifier, period)
        if not reasons:
            continue
        message_en = f"{metric} {value:g} {unit or ''}: " + "; ".join(r.en for r in reasons)
        message_zh = f"{metric_name(metric)} {value:g} {unit or ''}:" + ";".join(r.zh for r in reasons)
        findings.append({"finding_id": f"{outcome_id}:contract", "source_id": source_id, "case_id": case_id,
                         "kind": FINDING_KIND, "severity": "warning", "message": message_en,
                         "message_en": message_en, "message_zh": message_zh, "evidence": quote})
        log.append((file, "warning", f"contract: {outcome_id}: {message_en}"))
    load_frame(con, "findings", findings)
    return log
