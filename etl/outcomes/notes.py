"""Why a figure is low confidence or kept as `other`: the notes the extractor stores in `outcomes.note`.

They are written in English where they are decided (etl/outcomes/*.py, etl.pipeline for OCR) and
given their Chinese here, for the dashboard's Chinese mode: officials read 备注 in Chinese. A note of
no known shape is shown as stored rather than with a made-up translation; tests/test_notes.py fails
when the extractor writes a note this table does not know.
"""
from __future__ import annotations

import re

ZH = {
    "a target or a forecast, not an outcome": "目标或预测，不是已取得的成效",
    "a target, not an outcome": "目标，不是已取得的成效",
    "a rate per second, minute or hour, not a total": "每秒、每分钟或每小时的速率，不是总量",
    "aggregate time saved over many transactions": "多笔业务累计节省的时间，不是每笔节省的时间",
    "a size threshold (…以上的项目)": "规模门槛（…以上的项目），不是成效",
    "money: 元 not written": "金额：原文未写“元”",
    "percent restating the durations just given": "百分比重述了前面给出的时长",
    "travel time is not processing time": "路途时间不是办理时间",
    "trips a citizen makes (跑N次), not visits": "群众跑腿次数（跑N次），不是访问量",
    "服务…次: uses of a service": "服务…次：服务使用次数",
    "服务…次 in a passage about data: calls": "数据段落中的服务…次：调用次数",
    "transactions handled (办件), not items offered": "办件量，不是上线事项数",
    "enterprises sanctioned or removed, not served": "受处罚或被清退的企业，不是服务的企业",
    "noun left out; same unit as the previous mention": "省略了名词；单位与前一处相同",
    "items not stated as online": "未说明是网上办理的事项",
    "items brought under a reform, not stated as online": "纳入改革的事项，未说明是网上办理",
    "read by OCR from a scanned page: check the figure against the original":
        "由扫描页 OCR 识别：请与原件核对",
}
# Notes with a value inside (etl/outcomes/measures.py): the metric key is given its Chinese name.
PATTERNS = [
    (re.compile(r"(?P<metric>[a-z_]+)\? unit (?P<unit>.+)\Z"), "可能是{metric}，但单位为“{unit}”"),
    (re.compile(r"(?P<metric>[a-z_]+)\? (?P<value>\S+) is not plausible\Z"), "可能是{metric}，但数值 {value} 不合理"),
]


def _one(note: str) -> str | None:
    if note in ZH:
        return ZH[note]
    for pattern, template in PATTERNS:
        m = pattern.match(note)
        if m:
            from etl.contract import metric_name

            parts = m.groupdict()
            return template.format(**{**parts, "metric": metric_name(parts["metric"], "zh")})
    return None


def zh(note: str | None) -> str | None:
    """The Chinese of a stored note; notes joined by "; " (etl.pipeline adds the OCR note to another)
    are translated one by one; a part of no known shape stays as stored."""
    if not note:
        return note
    whole = _one(note)
    if whole is not None:
        return whole
    return "；".join(_one(part) or part for part in note.split("; "))


def known(note: str) -> bool:
    return _one(note) is not None or all(_one(p) is not None for p in note.split("; "))
