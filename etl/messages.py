"""Findings and build-log messages in both languages (`message_zh`, `message_en`).

A finding is written in both languages where it is made (the segment adapters and etl.checks set
`message_zh` beside `message`). Build-log lines come from many places (reading, the manifest, the
cache, the build itself); they are written in English where they arise and given their Chinese
here, from one table of message shapes (TEMPLATES), when the build loads them. A line of no known
shape keeps its English text in both columns rather than a made-up translation;
tests/test_messages.py holds every shape the seed and the refusal tests produce.

`message` (English) stays for compatibility; readers pick the column of their language.
"""
from __future__ import annotations

import re

# Chinese metric names for messages (the dashboard's labels say the same; → etl.contract once merged)
METRIC_ZH = {
    "registered_users": "注册用户", "visits": "访问量", "data_records": "数据归集量", "data_shares": "数据共享调用量",
    "warnings_issued": "预警数", "events_handled": "事件处置数", "time_saved": "时间节省",
    "services_online": "网上服务事项", "enterprises_served": "服务企业数", "funds_yuan": "资金", "other": "其他",
}


def metric_zh(metric: str) -> str:
    return METRIC_ZH.get(metric, metric)


# Reasons inside a message ("skipped: <reason>") are translated by the same table, recursively.
TEMPLATES: list[tuple[re.Pattern, str]] = [(re.compile(p + r"\Z", re.S), zh) for p, zh in [
    (r"skipped: (?P<why>.+)", "已跳过:{why}"),
    (r"empty file", "空文件"),
    (r"binary file \(NUL bytes\)", "二进制文件(含 NUL 字节)"),
    (r"binary file \((?P<n>\d+) control bytes in the first (?P<m>\d+)\)", "二进制文件(前 {m} 字节中有 {n} 个控制字节)"),
    (r"neither UTF-8 nor GBK/GB18030 text \((?P<err>.+)\)", "既不是 UTF-8 也不是 GBK/GB18030 文本({err})"),
    (r"too large: (?P<size>[\d.]+) MB > (?P<lim>[\d.]+) MB limit \(split it into documents, or raise the limit "
     r"with --max-mb\)", "文件过大:{size} MB,超过 {lim} MB 上限(请拆分文档,或用 --max-mb 提高上限)"),
    (r"cannot read: (?P<err>.+)", "无法读取:{err}"),
    (r"a folder: documents in subfolders are not read", "这是文件夹:不读取子文件夹中的文档"),
    (r"not a regular file", "不是普通文件"),
    (r"not a document format: (?P<rest>.+)", "不是可读取的文档格式:{rest}"),
    (r"decoded as GB18030/GBK, not UTF-8: raw offsets index the decoded text",
     "按 GB18030/GBK 解码(不是 UTF-8):原文偏移指向解码后的文本"),
    (r"not in data/raw/sources\.csv: title and publisher unknown", "不在 data/raw/sources.csv 中:标题和发布者未知"),
    (r"no case found", "没有找到案例"),
    (r"adapter (?P<a>\w+): (?P<c>\d+) cases, (?P<o>\d+) outcomes", "适配器 {a}:{c} 个案例,{o} 条成效数据"),
    (r"removed a temporary file left by an interrupted build", "已删除中断的构建留下的临时文件"),
    (r"removed from the cache: (?P<name>.+)", "已从缓存中删除:{name}"),
    (r"lists (?P<name>.+), which is not in (?P<dir>.+)", "列出了 {name},但 {dir} 中没有该文件"),
    (r"(?P<where>\S+): (?P<n>\d+) line\(s\) decoded as GBK/GB18030, not UTF-8",
     "{where}:{n} 行按 GBK/GB18030 解码(不是 UTF-8)"),
    (r"(?P<where>.+?): published (?P<v>.+) is not a date: left empty", "{where}:发布日期 {v} 不是日期,留空"),
    (r"(?P<where>.+?): published_precision (?P<v>.+?) is not one of (?P<rest>.+)",
     "{where}:发布日期精度 {v} 不是 {rest} 之一"),
    (r"(?P<where>.+?): arrived_via (?P<v>.+) is not build or upload: left empty",
     "{where}:arrived_via {v} 不是 build 或 upload,留空"),
    (r"(?P<where>.+?): arrived_at (?P<v>.+) is not an ISO 8601 time: left empty",
     "{where}:arrived_at {v} 不是 ISO 8601 时间,留空"),
    (r"(?P<where>.+?): more fields than columns: extra fields ignored", "{where}:字段多于列,多余字段已忽略"),
    (r"(?P<where>.+?): no file name: row ignored", "{where}:没有文件名,该行已忽略"),
    (r"(?P<where>.+?): (?P<name>\S+) listed again: first row kept", "{where}:{name} 重复列出,保留第一行"),
    (r"(?P<where>.+?) line (?P<n>\d+): (?P<err>.+): the rest of the file ignored",
     "{where} 第 {n} 行:{err}:文件其余部分已忽略"),
    (r"(?P<where>\S+): line\(s\) (?P<lines>[\d, ]+) neither UTF-8 nor GBK: (?P<rest>.+)",
     "{where}:第 {lines} 行既不是 UTF-8 也不是 GBK:{rest}"),
]]
_NESTED = ("why",)   # groups that hold another message


def zh(message: str) -> str:
    """The Chinese of an English build-log message of a known shape; the message itself otherwise."""
    for pattern, template in TEMPLATES:
        m = pattern.match(message or "")
        if m:
            parts = {k: (zh(v) if k in _NESTED else v) for k, v in m.groupdict().items()}
            return template.format(**parts)
    return message


def known(message: str) -> bool:
    return any(p.match(message or "") for p, _ in TEMPLATES)


def with_languages(row: dict) -> dict:
    """A finding or log row with `message_en` (= `message`) and `message_zh` (given, else from TEMPLATES)."""
    en = row.get("message") or ""
    return {**row, "message_en": en, "message_zh": row.get("message_zh") or zh(en)}
