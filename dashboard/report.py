"""A province profile as a Word document (DOCX) for a briefing: headings, the page's tables and a
bar chart drawn with matplotlib (offline, CJK font from fonts-noto-cjk when installed).

Plain module (no Streamlit): the page gathers the tables it shows and hands them here unchanged,
so the report holds exactly what the page shows.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

import pandas as pd

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "WenQuanYi Zen Hei", "SimHei")


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    image: bytes | None = None      # PNG


def bar_png(labels: list[str], values: list[float], *, highlight: str | None, title: str,
            xlabel: str = "") -> bytes | None:
    """A horizontal bar chart as PNG (the `highlight` bar in red); None when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib import font_manager
    except ImportError:
        return None
    have = {f.name for f in font_manager.fontManager.ttflist}
    fonts = [f for f in CJK_FONTS if f in have]
    rc = {"font.sans-serif": fonts + ["DejaVu Sans"], "font.family": "sans-serif", "axes.unicode_minus": False}
    with matplotlib.rc_context(rc):
        fig, ax = plt.subplots(figsize=(6.4, 0.28 * len(labels) + 1.0), dpi=150)
        colors = ["#d62728" if lb == highlight else "#6c8ebf" for lb in labels]
        ax.barh(labels[::-1], values[::-1], color=colors[::-1])
        ax.set_title(title, fontsize=11)
        ax.set_xlabel(xlabel)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        plt.close(fig)
    return buf.getvalue()


def _cell_text(v) -> str:
    if v is None:
        return "—"
    try:
        if pd.isna(v):
            return "—"
    except (TypeError, ValueError):
        pass
    return str(v)


def docx(title: str, subtitle: str, sections: list[Section]) -> bytes:
    """The report as DOCX bytes: title, subtitle, then each section's heading, paragraphs, image, table."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Noto Sans CJK SC"
    style.font.size = Pt(10)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")
    doc.add_heading(title, level=0)
    if subtitle:
        doc.add_paragraph(subtitle)
    for s in sections:
        doc.add_heading(s.heading, level=1)
        for p in s.paragraphs:
            doc.add_paragraph(p)
        if s.image:
            doc.add_picture(io.BytesIO(s.image), width=Cm(15))
        if s.table is not None and not s.table.empty:
            t = doc.add_table(rows=1, cols=len(s.table.columns))
            t.style = "Table Grid"
            for cell, name in zip(t.rows[0].cells, s.table.columns):
                cell.text = str(name)
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in s.table.itertuples(index=False, name=None):
                cells = t.add_row().cells
                for cell, v in zip(cells, row):
                    cell.text = _cell_text(v)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
