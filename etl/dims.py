"""The dimensions a case is compared by besides place: its year, its domain, its award or tier,
and the title of a source whose manifest gives none.

- `year` is the case's evaluation or publication year, and `year_basis` says which:
  `selection` (the year an award names: “2022数字政府建设卓越示范案例”), `evaluation` (the year of the
  evaluation whose tier the case stands for), `stated` (a year in the source's title: 案例汇编(2022年)),
  `published` (the source's publication date); last, a year in the title of the work the text
  reports on (《…(2022年)》), again `stated`. Earlier bases win: they date the case itself, the
  later ones only the document.
- `domain` comes from `etl.taxonomy` (stated by the source, else inferred from the text).
- `award` is an honour or tier as its own dimension (卓越示范案例, 特色案例, 示范案例, 省级第一梯队), never a
  domain: a source's grouping that is an award or tier lands here, with any year prefix dropped.
- A source without a manifest title gets the first headline-like line of its text (else its first
  sentence), marked `title_derived`.
"""
from __future__ import annotations

import re
from datetime import date

from etl import taxonomy, tiers

YEAR_BASES = ("selection", "evaluation", "stated", "published")
# Honours a selection gives a case (award_label), with their English; tiers come from etl.tiers.
AWARDS_EN = {"卓越示范案例": "Outstanding exemplary case", "示范案例": "Exemplary case",
             "特色案例": "Distinctive case", "优秀案例": "Excellent case", "典型案例": "Typical case",
             "创新案例": "Innovative case"}
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# an honour or a tier: "…案例" that is not a domain class, or "…梯队"
_AWARD = re.compile(r"(?:案例|梯队)$")
TITLE_LIMIT = 40


def year_in(text: str | None) -> int | None:
    """The first plausible year written in `text` (1990–2099), or None."""
    for m in _YEAR.finditer(text or ""):
        y = int(m.group(1))
        if 1990 <= y <= 2099:
            return y
    return None


def award_label(award: str | None, category: str | None) -> str | None:
    """The case's honour or tier: the source's award without its year and selection name
    ('2022数字政府建设卓越示范案例' → '卓越示范案例'), else a grouping that is an award or tier
    (示范案例, 省级第一梯队), else None (a domain class is not an award)."""
    from etl.segment.award_list import award_category

    if award:
        return award_category(award)
    if category and _AWARD.search(category) and not taxonomy.stated_domain(category):
        return category
    return None


def award_en(award: str | None) -> str | None:
    """The English of an award or tier label ('卓越示范案例', '省级第一梯队'); None when unknown."""
    if not award:
        return None
    return AWARDS_EN.get(award.strip()) or tiers.tier_en(award)


def category_en(category: str | None) -> str | None:
    """The English of a source's grouping of a case: a domain class ('社会管理类' → 'Social
    management'), an award or a tier; None when unknown."""
    domain = taxonomy.stated_domain(category)
    if domain:
        return taxonomy.DOMAINS_EN[domain]
    return award_en(category) or award_en(award_label(category, None))


_BOOK_TITLE = re.compile(r"《([^《》\n]{2,60})》")
LEAD_CHARS = 2000


def document_year(text: str) -> int | None:
    """The year of the work a document reports on: the first book title in its lead that carries a
    year (《数字政府典型案例汇编(2022年)》). Used only when the source has no title year and no date."""
    for m in _BOOK_TITLE.finditer(text[:LEAD_CHARS]):
        y = year_in(m.group(1))
        if y:
            return y
    return None


def case_year(award: str | None, tier_years: dict[str, int], label: str | None, source_title: str | None,
              published, text_year: int | None = None) -> tuple[int | None, str | None]:
    """(year, basis) of one case; see the module docstring for the order of the bases (a year of a
    work the text reports on, `text_year`, comes last, as `stated`)."""
    y = year_in(award)
    if y:
        return y, "selection"
    if label:
        for tier, year in tier_years.items():
            if tier and tier in label:
                return year, "evaluation"
    y = year_in(source_title)
    if y:
        return y, "stated"
    if isinstance(published, date):
        return published.year, "published"
    if isinstance(published, str):
        y = year_in(published[:4])
        if y:
            return y, "published"
    if text_year:
        return text_year, "stated"
    return None, None


def derived_title(text: str) -> str:
    """A title for a source whose manifest gives none: its headline line, else its first sentence,
    shortened to TITLE_LIMIT characters."""
    from etl.segment.generic import first_title, headline

    title, _ = headline(text)
    title = title or first_title(text, 200)
    if len(title) > TITLE_LIMIT:
        title = title[:TITLE_LIMIT - 1].rstrip("，,、；;：: ") + "…"
    return title


def source_fields(meta: dict, cleaned_text: str) -> dict:
    """`title` and `title_derived` of a `sources` row."""
    title = (meta.get("title") or "").strip()
    if title:
        return {"title": title, "title_derived": False}
    derived = derived_title(cleaned_text)
    return {"title": derived or None, "title_derived": bool(derived)}


def case_fields(draft, body: str | None, tier_years: dict[str, int], source_title: str | None,
                published, text_year: int | None = None) -> dict:
    """year, year_basis, domain, domain_inferred and award of one case."""
    label = award_label(draft.award, draft.category)
    year, basis = case_year(draft.award, tier_years, label, source_title, published, text_year)
    domain, inferred = taxonomy.case_domain(draft.category, draft.title, body)
    return {"award": label, "year": year, "year_basis": basis, "domain": domain, "domain_inferred": inferred}
