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

def metric_zh(metric: str) -> str:
    """A metric's Chinese name, from the one contract."""
    from etl.contract import metric_name

    return metric_name(metric, "zh")


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
    # document formats (etl.formats)
    (r"encrypted PDF: needs a password to open", "加密的 PDF:需要密码才能打开"),
    (r"not a readable PDF \((?P<err>.+)\)", "无法读取的 PDF({err})"),
    (r"page (?P<n>\d+) cannot be read \((?P<err>.+)\)", "第 {n} 页无法读取({err})"),
    (r"a PDF without pages", "没有页面的 PDF"),
    (r"no text layer: needs OCR \((?P<n>\d+) pages?\)", "没有文字层:需要 OCR({n} 页)"),
    (r"(?P<k>\d+) of (?P<n>\d+) pages have no text layer \(pages (?P<p>.+?)\): their content is missing; they "
     r"need OCR", "{n} 页中有 {k} 页没有文字层(第 {p} 页):内容缺失,需要 OCR"),
    (r"(?P<k>\d+) of (?P<n>\d+) pages read by OCR \(rapidocr\): their figures are marked low confidence",
     "{n} 页中有 {k} 页由 OCR(rapidocr)识别:其中的数字标为存疑"),
    (r"(?P<n>\d+) running header/footer line\(s\) left out: (?P<rest>.+)", "已略去 {n} 行页眉/页脚:{rest}"),
    (r"not a readable Word \.docx file(?P<err>.*)", "无法读取的 Word .docx 文件{err}"),
    (r"a Word file without text", "没有文字的 Word 文件"),
    (r"no main text found in the web page", "网页中没有找到正文"),
    (r"no readable line \((?P<n>\d+) lines with encoding faults\)", "没有可读的行({n} 行编码错误)"),
    (r"line (?P<n>\d+): (?P<what>.+); the line is left out \((?P<c>\d+) characters\)",
     "第 {n} 行:{what};该行已略去({c} 个字符)"),
    # the metric contract (etl.contract_check)
    (r"contract: (?P<id>\S+): (?P<why>.+)", "违反指标约定:{id}:{why}"),
    (r"(?P<metric>[a-z_]+) (?P<v>[-+\d.e]+) (?P<unit>[^:\s]*): (?P<reasons>unit .+|value .+|unknown .+)",
     "{metric} {v} {unit}:{reasons}"),
    (r"unit (?P<u>.+?) is not a stored unit of (?P<metric>[a-z_]+) \((?P<units>.+)\)",
     "单位 {u} 不是 {metric} 的存储单位({units})"),
    (r"value (?P<v>\S+) outside the plausible range (?P<r>\S+) of (?P<metric>[a-z_]+) in (?P<u>.*)",
     "数值 {v} 超出 {metric}(单位 {u})的合理范围 {r}"),
    (r"unknown metric (?P<v>.+)", "未知指标 {v}"),
    (r"unknown qualifier (?P<v>.+)", "未知限定词 {v}"),
    (r"unknown period (?P<v>.+)", "未知期间 {v}"),
    # last: a reason prefixed with the file it concerns ("scan.pdf: no text layer: …")
    (r"(?P<name>[^\s:;]+\.[A-Za-z0-9]{1,5}): (?P<why>.+)", "{name}:{why}"),
]]
_NESTED = ("why",)   # groups that hold another message
_LISTS = ("reasons",)   # groups that hold several messages joined by "; "


def zh(message: str) -> str:
    """The Chinese of an English build-log message of a known shape; the message itself otherwise."""
    for pattern, template in TEMPLATES:
        m = pattern.match(message or "")
        if m:
            parts = {k: (zh(v) if k in _NESTED else ";".join(zh(x) for x in v.split("; ")) if k in _LISTS
                         else metric_zh(v) if k == "metric" else v)
                     for k, v in m.groupdict().items()}
            return template.format(**parts)
    return message


def known(message: str) -> bool:
    return any(p.match(message or "") for p, _ in TEMPLATES)


def with_languages(row: dict) -> dict:
    """A finding or log row with `message_en` (= `message`) and `message_zh` (given, else from TEMPLATES)."""
    en = row.get("message") or ""
    return {**row, "message_en": en, "message_zh": row.get("message_zh") or zh(en)}
