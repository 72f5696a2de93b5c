"""PDF reflow: visual line breaks joined, paragraph breaks kept, running headers/footers removed,
and every character of the result mapped back to the page text it came from."""
import pytest

from etl.formats.reflow import line_key, reflow

# A full line on these pages is about 30 CJK characters wide; the rules compare lines with that width.
FULL = "杭州市以城市大脑为中枢推动数据资源整合共享平台累计"          # 26 CJK characters


def one_page(*lines: str) -> str:
    return "\r\n".join(lines)


def flowed(*lines: str) -> str:
    """Reflow one page made of `lines` (with enough full lines around them to set the full width)."""
    text, offsets, _ = reflow([one_page(*lines)])
    return text


@pytest.mark.parametrize("lines, expected", [
    # a sentence broken inside a word: joined without a space (Chinese has none)
    ((FULL + "上海率", "先提出“一网通办”。"), FULL + "上海率先提出“一网通办”。"),
    # inside a decimal number, after the point
    ((FULL + "数据12.", "7亿条。"), FULL + "数据12.7亿条。"),
    # inside a number, before the point
    ((FULL + "数据12", ".7亿条。"), FULL + "数据12.7亿条。"),
    # inside a number with a thousands separator
    ((FULL + "共1,", "234万件。"), FULL + "共1,234万件。"),
    # between a number and its unit
    ((FULL + "累计2000", "万人次。"), FULL + "累计2000万人次。"),
    # after a comma: the sentence goes on
    ((FULL + "，", "注册用户达到1500万。"), FULL + "，注册用户达到1500万。"),
    # two Latin words keep one space between them
    ((FULL + "digital", "government"), FULL + "digital government"),
    # a number followed by a Latin word keeps a space too
    ((FULL + "2022", "edition"), FULL + "2022 edition"),
    # the end of a sentence at the line end: a paragraph break
    ((FULL + "。", "第二段开始于此处并且继续写下去很长很长很长很长很长很长。"),
     FULL + "。\n第二段开始于此处并且继续写下去很长很长很长很长很长很长。"),
    # also after ！？；： and after a closing quote
    ((FULL + "！", FULL), FULL + "！\n" + FULL),
    ((FULL + "？”", FULL), FULL + "？”\n" + FULL),
    ((FULL + "：", FULL), FULL + "：\n" + FULL),
    ((FULL + "；", FULL), FULL + "；\n" + FULL),
    # headings on the next line open a block
    ((FULL, "一、基本情况"), FULL + "\n一、基本情况"),
    ((FULL, "（二）主要成效"), FULL + "\n（二）主要成效"),
    ((FULL, "1. 建设背景"), FULL + "\n1. 建设背景"),
    ((FULL, "2、建设内容"), FULL + "\n2、建设内容"),
    ((FULL, "(3) 应用成效"), FULL + "\n(3) 应用成效"),
    ((FULL, "第三章 典型案例"), FULL + "\n第三章 典型案例"),
    ((FULL, "案例一：浙江“浙里办”"), FULL + "\n案例一：浙江“浙里办”"),
    ((FULL, "● 数据共享"), FULL + "\n● 数据共享"),
    ((FULL, "表1 主要指标"), FULL + "\n表1 主要指标"),
    # a number that merely starts the next line is not a heading
    ((FULL + "累计", "1.5万件，同比增长12%。"), FULL + "累计1.5万件，同比增长12%。"),
    ((FULL + "共", "12.7亿条数据。"), FULL + "共12.7亿条数据。"),
    ((FULL + "提升", "3.5%。"), FULL + "提升3.5%。"),
    # a word that starts like a heading is not one ("案例库" is not "案例一")
    ((FULL + "建成", "案例库并持续更新。"), FULL + "建成案例库并持续更新。"),
    # a short line ends its paragraph (a title, a heading without a number, a paragraph's last line)
    (("数字政府建设成效", FULL), "数字政府建设成效\n" + FULL),
    ((FULL, "最后一行没有标点", FULL), FULL + "最后一行没有标点\n" + FULL),
    # a blank line is a paragraph break
    ((FULL, "", FULL), FULL + "\n" + FULL),
    # an indented line (full-width spaces) opens a paragraph
    ((FULL, "\u3000\u3000" + FULL), FULL + "\n" + FULL),
    # trailing spaces and pdfium's hyphen marks are not text
    ((FULL + "上海率  ", "先提出。"), FULL + "上海率先提出。"),
    ((FULL + "数据\ufffe", "共享。"), FULL + "数据共享。"),
])
def test_line_breaks(lines, expected):
    text = flowed(FULL, FULL, *lines, FULL, FULL)
    assert expected in text, text
    # the padding lines are full, so they join; the case's text must stand as expected inside
    assert "\r" not in text


def test_offsets_map_every_character_to_its_source():
    pages = [one_page("数字政府典型案例汇编", FULL + "上海率", "先提出“一网通办”，数据12.", "7亿条。", "- 1 -"),
             one_page("数字政府典型案例汇编", "第二页的内容继续，" + FULL, "结束。", "- 2 -")]
    raw = "\f".join(pages)
    text, offsets, _ = reflow(pages)
    assert len(offsets) == len(text)
    assert offsets == sorted(offsets)
    for ch, o in zip(text, offsets):
        if ch not in "\n ":
            assert raw[o] == ch
    i = text.index("12.7亿")
    assert raw[offsets[i]:offsets[i + 4] + 1] == "12.\r\n7亿"


def test_running_headers_footers_and_page_numbers_are_removed():
    pages = []
    for n in range(1, 6):
        pages.append(one_page("数字政府典型案例汇编（2022年）", f"第{n}章 案例", FULL + "内容",
                              FULL + f"第{n}页正文。", f"- {n} -", f"{n}/5"))
    text, _, removed = reflow(pages)
    assert "汇编" not in text
    assert "- 3 -" not in text and "3/5" not in text
    assert "第3页正文。" in text                 # body lines with digits stay
    assert set(removed) >= {"数字政府典型案例汇编（2022年）", "- 1 -", "1/5"}


def test_a_line_repeated_in_the_middle_of_pages_stays():
    body = [FULL + "重复的句子。"]
    pages = [one_page(f"页眉{n}", FULL, FULL, *body, FULL, FULL, FULL, FULL, FULL, f"页脚{n}")
             for n in range(4)]
    text, _, _ = reflow(pages)
    assert text.count("重复的句子。") == 4


def test_a_single_page_keeps_its_edges():
    text, _, removed = reflow([one_page("标题", FULL + "。", "1")])
    assert removed == [] and text.startswith("标题") and text.endswith("1")


def test_a_sentence_runs_on_across_a_page_break():
    pages = [one_page("页眉文字", FULL, FULL + "上海率", "3"),
             one_page("页眉文字", "先提出“一网通办”。" + FULL, FULL, "4")]
    text, _, _ = reflow(pages)
    assert "上海率先提出" in text and "页眉" not in text


@pytest.mark.parametrize("a, b", [
    ("- 3 -", "- 12 -"),
    ("第 3 页 共 10 页", "第 4 页 共 10 页"),
    ("数字政府案例集 · 第二章", "数字政府案例集 · 第三章"),
    ("12/5/26, 2:28 AM", "12/5/26, 2:29 AM"),
])
def test_line_key_normalises_page_numbers(a, b):
    assert line_key(a) == line_key(b)


# ---- with char boxes: lines laid out on a page (PDF points, y up), as PDFium reports them

def laid_out(*rows):
    """Pages from rows (text, x0, baseline, size): each char box is `size` wide and tall, so a row's
    right edge is x0 + size * len(text). Returns (pages, box)."""
    pages, boxes = [], []
    for page_rows in rows:
        text, bx = "", []
        for i, (line, x0, y, size) in enumerate(page_rows):
            if i:
                text += "\r\n"
                bx += [bx[-1], bx[-1]]
            for k, _ in enumerate(line):
                bx.append((x0 + k * size, y, x0 + (k + 1) * size, y + size))
            text += line
        pages.append(text)
        boxes.append(bx)
    return pages, (lambda page, i: boxes[page][i])


BODY = 10.0
L, R = 40.0, 40.0 + 20 * BODY            # left margin, right edge of a full 20-character line
ROW = "数字政府建设的成效在于数据共享与业务协同"   # 20 characters: a full line


def test_boxes_tell_headline_indent_and_short_lines():
    page = [("苏州苏周到注册用户突破", 60, 700, 16), ("一千二百万", 100, 680, 16),   # centred headline, wrapped
            ("记者获悉平台注册用户已突破一千二", L + 2 * BODY, 650, BODY),           # indented first line
            (ROW, L, 635, BODY), ("日均访问量约一百五十万人次", L, 620, BODY),       # short: ends the paragraph
            ("在惠企服务方面服务企业八万七千家兑现", L + 2 * BODY, 605, BODY),
            (ROW, L, 590, BODY)]
    pages, box = laid_out(page)
    text, offsets, _ = reflow(pages, box)
    assert text.split("\n") == ["苏州苏周到注册用户突破一千二百万",
                                "记者获悉平台注册用户已突破一千二" + ROW + "日均访问量约一百五十万人次",
                                "在惠企服务方面服务企业八万七千家兑现" + ROW]


def test_boxes_join_a_line_split_on_one_baseline():
    """PDFium may start a new text line inside one printed line (a jump in justified spacing)."""
    page = [("标题行文字", 60, 700, 16), ("第一段文字从这里开始并且", L + 2 * BODY, 650, BODY),
            ("继续。", L + 14 * BODY, 650, BODY), (ROW, L, 635, BODY), (ROW, L, 620, BODY)]
    pages, box = laid_out(page)
    text, _, _ = reflow(pages, box)
    assert text.splitlines()[1] == "第一段文字从这里开始并且继续。"


def test_boxes_find_small_print_at_the_edges_of_a_single_page():
    page = [("数字政府专刊", L, 800, 6), ("标题行文字", 60, 700, 16),
            ("正文从这里开始并且继续写下去的一段文字", L + 2 * BODY, 650, BODY), (ROW, L, 635, BODY),
            ("最后一行。", L, 620, BODY), ("第 1 页 / 共 1 页", 90, 40, 6)]
    pages, box = laid_out(page)
    text, _, removed = reflow(pages, box)
    assert text.startswith("标题行文字\n") and "专刊" not in text and "第 1 页" not in text
    assert sorted(removed) == sorted(["数字政府专刊", "第 1 页 / 共 1 页"])


def test_boxes_keep_a_small_note_that_is_not_apart_from_the_body():
    page = [("标题行文字", 60, 700, 16), ("正文从这里开始并且继续写下去的一段文字", L + 2 * BODY, 650, BODY),
            (ROW, L, 635, BODY), ("最后一行。", L, 620, BODY), ("注：数据截至2022年底。", L, 608, 7)]
    pages, box = laid_out(page)
    text, _, removed = reflow(pages, box)
    assert "注：数据截至2022年底。" in text and removed == []
