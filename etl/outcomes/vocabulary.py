"""What a counted noun is: the vocabulary (vocabulary.csv: token, category, note) and noun compounds.

Categories: a metric key; "share"/"collect" (verbs that refine 数据); "info" (信息); "sms" (短信);
"people"; "other" (outcome-like, no metric); "neg" (counted things that are never outcomes). Edit the
CSV to teach the extractor a word; a longer token wins over a shorter one inside it.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

VOCABULARY_CSV = Path(__file__).with_name("vocabulary.csv")


def _load(path: Path = VOCABULARY_CSV) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as f:
        return {row["token"]: row["category"] for row in csv.DictReader(f)}


TOKEN_CAT: dict[str, str] = _load()
# every token, the longest first: at each position the longest token there matches
NOUN_RE = re.compile("|".join(map(re.escape, sorted(TOKEN_CAT, key=len, reverse=True))))

# a modifier of these categories refines a generic head (告警数据 → warnings)
_SPECIFIC = ("warnings_issued", "events_handled", "visits", "registered_users", "enterprises_served", "share")
_PLACE_HEADS = {"点位", "站点", "网点"}
GLUE = set("“”\"'《》〈〉·")


def has_cat(s: str, cat: str) -> bool:
    """Whether `s` holds a token of category `cat`."""
    return any(TOKEN_CAT[m.group()] == cat for m in NOUN_RE.finditer(s))


def chains(s: str) -> list[list[re.Match]]:
    """Runs of vocabulary tokens that touch each other (a quote mark may sit between): noun compounds."""
    out: list[list[re.Match]] = []
    for m in NOUN_RE.finditer(s):
        if out:
            a, b = out[-1][-1].end(), m.start()
            if a == b or all(c in GLUE for c in s[a:b]):
                out[-1].append(m)
                continue
        out.append([m])
    return out


def chain_cat(chain: list[re.Match], unit: str) -> tuple[str, str]:
    """(token, category) of a compound: its head (last token), refined by a specific modifier:
    告警数据 → warnings, 预警广播…次 → warnings (a device counted in 次 is its use)."""
    head = chain[-1].group()
    cat = TOKEN_CAT[head]
    if unit in ("次", "条次") and cat in ("services_online", "data_records") and any(
            TOKEN_CAT[m.group()] == "share" for m in chain):
        return head, "share"  # 数据共享服务…次
    if len(chain) > 1:
        mods = [TOKEN_CAT[m.group()] for m in chain[:-1]]
        if cat == "events_handled" and "warnings_issued" in mods:
            return head, "warnings_issued"  # 告警事件, 预警工单: warnings, not events (metrics.md)
        if cat == "neg" and head in _PLACE_HEADS:
            for c in reversed(mods):
                if c in ("events_handled", "warnings_issued"):
                    return head, c  # "风险隐患点位1200处": the hazards are what is counted
        if cat in ("data_records", "collect", "info") or (cat == "neg" and unit == "次"):
            for c in reversed(mods):
                # data about enterprises or users is still data; warnings/events/calls data is not
                if c in _SPECIFIC and (cat == "neg" or c in ("warnings_issued", "events_handled", "share")):
                    return head, c
    return head, cat
