"""Cleaning layer: table-driven on real snippets from data/raw, offsets properties, gold quotes."""
from __future__ import annotations

import json
import re

import pytest

from etl.clean import headers, t2s
from etl.script import to_simplified
from etl.clean import Cleaned, clean

from conftest import GOLD, RAW

RAW_FILES = sorted(RAW.glob("*.txt"))


def _raw(prefix: str) -> str:
    (path,) = [p for p in RAW_FILES if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cleaned_docs() -> dict[str, tuple[str, Cleaned]]:
    return {p.name[:3]: (p.read_text(encoding="utf-8"), clean(p.read_text(encoding="utf-8")))
            for p in RAW_FILES}


# ------------------------------------------------------------------------------------------------
# Snippets (copied from the raw files) -> expected cleaned text
# ------------------------------------------------------------------------------------------------
SNIPPETS = [
    # stray spaces around Latin digits
    ("数据量达 648.39 亿条,形成高质量数据资源池。", "数据量达648.39亿条,形成高质量数据资源池。"),
    ("2022 年 6 月,国务院正式印发", "2022年6月,国务院正式印发"),
    ("实现 64 个国垂系统 3487 万条办件数据回流", "实现64个国垂系统3487万条办件数据回流"),
    ("(十四)上海市金山区 AI 助力城市精细化管理", "(十四)上海市金山区AI助力城市精细化管理"),
    # a blank between two Han characters is kept (a real separator as often as a stray one)
    ("(五)淄博市桓台县“守信快办 失信制约”点亮政务服务新体验", "(五)淄博市桓台县“守信快办 失信制约”点亮政务服务新体验"),
    ("“ 一网通办 ”改革", "“一网通办”改革"),
    # spaces between Latin words stay
    ("数字政府 Digital Government Index 2022 发布", "数字政府Digital Government Index 2022发布"),
    ("基于 IPv6 over SRv6 的电子政务外网", "基于IPv6 over SRv6的电子政务外网"),
    # chunk markers inside numbers / words: see test_chunk_markers (they need realistic chunks)
    # a real enumerator at a line start that breaks the marker sequence is kept, and a short
    # real list is never taken for markers
    ("1、下载报告失败解决办法\n2、PDF文件下载后,可能会被浏览器默认打开。\n3、本站不支持迅雷下载。",
     "1、下载报告失败解决办法\n2、PDF文件下载后,可能会被浏览器默认打开。\n3、本站不支持迅雷下载。"),
    # pinyin readings glued into words
    ("中國省級第一梯隊“數(shù)字政府”建設路線一覽", "中国省级第一梯队“数字政府”建设路线一览"),
    ("近年來(lái),在政府管理(lǐ)理(lǐ)念轉變和(hé)技(jì)術(shù)高(gāo)速發展",
     "近年来,在政府管理理念转变和技术高速发展"),
    ("一窗(網上(shàng)政務大(dà)廳)、三庫(人(rén)口、法人(rén)、空(kōng)間(jiān)地理(lǐ)信息庫)",
     "一窗(网上政务大厅)、三库(人口、法人、空间地理信息库)"),
    ("他(de)书", "他书"),
    # real snippets of 004 and 002 (Traditional)
    ("發布《廣東省“數(shù)字政府”建設總體(tǐ)規劃(2018—2020年)》,要求廣東省以建設數(shù)字中",
     "发布《广东省“数字政府”建设总体规划(2018—2020年)》,要求广东省以建设数字中"),
    ("務、法人(rén)服務、直通(tōng)市(州)、直通(tōng)部", "务、法人服务、直通市(州)、直通部"),
    ("—數(shù)字福建雲計(jì)算(suàn)中心(政務雲)正式投入使用。", "—数字福建云计算中心(政务云)正式投入使用。"),
    ("“數園區?疫防控”(園區疫情防控一體化平臺)運用大數據手", "“数园区?疫防控”(园区疫情防控一体化平台)运用大数据手"),
    ("01 在平台建設方面\n\n2017年1月,作(zuò)為(wèi)北京市", "01在平台建设方面\n2017年1月,作为北京市"),
    # real parentheses stay
    ("“市州雲”全部接入,市(州)政務", "“市州云”全部接入,市(州)政务"),
    ("《貴州省數字政府建設規劃(2018-2020年)》", "《贵州省数字政府建设规划(2018-2020年)》"),
    ("一站式政务APP(APP)与人工智能(AI)", "一站式政务APP(APP)与人工智能(AI)"),
    ("形成数字政府典型案例汇编(2022 年),以期为", "形成数字政府典型案例汇编(2022年),以期为"),
    ("(一)广东省数据资源一网共享平台", "(一)广东省数据资源一网共享平台"),
    ("中国信通院:数字政府典型案例汇编(2022年)(335页).pdf文件", "中国信通院:数字政府典型案例汇编(2022年)(335页).pdf文件"),
    ("数据 ETL(抽取、转换、加载)", "数据ETL(抽取、转换、加载)"),
    # doubled headings collapse, real reduplication stays
    ("违反上述声明者,本院将追究其相关法律责任。前言前言党的十九届四中全会",
     "违反上述声明者,本院将追究其相关法律责任。前言党的十九届四中全会"),
    ("不断成长的历程。目录目录一、示范案例.1(一)广东省数据资源一网共享平台.1",
     "不断成长的历程。目录一、示范案例.1(一)广东省数据资源一网共享平台.1"),
    ("数字政府典型案例汇编数字政府典型案例汇编(20222022 年)年)中国信息通信研究院",
     "数字政府典型案例汇编(2022年)中国信息通信研究院"),
    ("全面落地开花。(四)包头市以“(四)包头市以“1+1+N”模式,加快推进数字政府建设”模式,加快推进数字政府建设报送单位:"
     "包头市人民政府办公室", "全面落地开花。(四)包头市以“1+1+N”模式,加快推进数字政府建设报送单位:包头市人民政府办公室"),
    ("指标自动化输出。(二)宣城市城市大脑赋能政府数字化(二)宣城市城市大脑赋能政府数字化报送单位:宣城市数据资源管理局",
     "指标自动化输出。(二)宣城市城市大脑赋能政府数字化报送单位:宣城市数据资源管理局"),
    ("。二、市场监管类天津市“互联网天津市“互联网+监管”系统应用案例监管”系统应用案例报送单位:天津市",
     "。二、市场监管类天津市“互联网+监管”系统应用案例报送单位:天津市"),
    ("(三)日照市数据赋能推动“婚育服务(三)日照市数据赋能推动“婚育服务全照办全照办”报送单位:日照市政府办公室",
     "(三)日照市数据赋能推动“婚育服务全照办”报送单位:日照市政府办公室"),
    ("政务服务中心2023年2月版权声明版权声明本报告版权属于中国信息通信研究院",
     "政务服务中心2023年2月版权声明本报告版权属于中国信息通信研究院"),
    ("2022年6月,国务院正式印发", "2022年6月,国务院正式印发"),
    ("21位领域资深专家层层筛选,常常如此。", "21位领域资深专家层层筛选,常常如此。"),
    ("层层筛选", "层层筛选"),
    ("。2020年以来,聊城市城市大脑建设目标", "。2020年以来,聊城市城市大脑建设目标"),
    ("。前言前言2020年,数据", "。前言2020年,数据"),
    # paragraph breaks kept, blank runs collapsed, chrome lines removed
    ("第一段。\n\n\n第二段。\n \n第三段。", "第一段。\n第二段。\n第三段。"),
    ("×\nNEWS CENTER\n\n新聞中心\n\n標題\n\n時(shí)間(jiān):2020-05-09 10:27:07 次數(shù):3801\n\n正文。",
     "标题\n正文。"),
    ("正文一。\n\n展开全文\n\n正文二。", "正文一。\n正文二。"),
    ("正文。\n阅读量:1234\n平台访问量:12000次\n", "正文。\n平台访问量:12000次"),   # content lines stay
    ("正文。\n\n掃一掃分享當前頁面\n分享到", "正文。"),
    ("具体而言,一是以智能化推动为民服务提\n\n微信", "具体而言,一是以智能化推动为民服务提"),
    ("最後一段。\n特別聲明:以上內容(如有圖片或視頻亦包括在內)為自媒體平臺“網易號”用戶上傳並發布,本平臺僅提供信息存儲服務。\n"
     "Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of "
     "NetEase Hao, which is a social media platform and only provides information storage services.\n",
     "最后一段。"),
    # a byline is page chrome (issue 9.3): its date and publisher are the source's metadata, not text
    ("发布时间: 2023-07-11\n\n三所高校联合评审", "三所高校联合评审"),
    # a sharing site's chrome lines, also without the chunk markers
    ("上海品茶\n\n您的当前位置:上海品茶 > 报告分类 > PDF报告下载\n\n中国信通院:数字政府典型案例汇编(2022年)(335页).pdf\n\n"
     "编号:115274 PDF   DOCX  335页 12.33MB 下载积分:VIP专享\n下载报告请您先登录!\n\n正文。\n\n友情提示\n\n"
     "温馨提示:如果因为网速或其他原因下载失败请重新下载,重复下载不扣分。\n回到顶部", "上海品茶\n正文。"),
]


@pytest.mark.parametrize("raw,expected", SNIPPETS)
def test_snippets(raw, expected):
    c = clean(raw)
    assert c.text == expected
    _check_offsets(raw, c)


FILLER = "统筹推进数字政府建设,推动政务数据共享,提升政务服务效能和群众办事满意度"   # 38 chars


def _fill(k: int, seed: int = 0) -> str:
    """k distinct filler sentences (repeated runs would look like doubled headings)."""
    return "".join(f"{'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'[(seed + j) % 20]}{FILLER}" for j in range(k))


def test_chunk_markers_and_site_chrome():
    chunks = [_fill(3) + "超 160", "万" + _fill(3, 3), _fill(3, 6), _fill(3, 9), _fill(2, 12) + "。完"]
    raw = ("上海品茶\n\n您的当前位置:上海品茶 > 报告分类\n\n下载报告请您先登录!\n\n"
           + "".join(f"\n\n{i}、{ch}" for i, ch in enumerate(chunks, 1))
           + "\n\n友情提示\n\n1、下载报告失败解决办法\n2、本站不支持迅雷下载。\n")
    c = clean(raw)
    assert c.text == _fill(3) + "超160万" + _fill(3, 3) + _fill(3, 6) + _fill(3, 9) + _fill(2, 12) + "。完"
    _check_offsets(raw, c)


def test_chunk_markers_inside_numbers():
    chunks = [_fill(3) + "超 160", "万" + _fill(3, 1) + "协议 3", "689 万元" + _fill(3, 2) + "金额 358",
              ".78 亿元" + _fill(3, 3) + "578 万余", "条" + _fill(3, 4), _fill(3, 5) + "。"]
    raw = "".join(f"\n\n{i}、{ch}" for i, ch in enumerate(chunks, 1))
    t = clean(raw).text
    assert "超160万" in t and "协议3689万元" in t and "金额358.78亿元" in t and "578万余条" in t


def test_real_numbered_lists_are_not_chunk_markers():
    items = "".join(f"{i}、第{i}项工作要点。\n正文说明。\n" for i in range(1, 9))
    raw = "前言。\n" + items + "结语。"
    assert clean(raw).text == raw.rstrip()
    short = "".join(f"\n\n{i}、事项{i}" for i in range(1, 9))   # short items without punctuation
    raw = "正文开头。" + short + "\n\n结语。"
    assert clean(raw).text.startswith("正文开头。\n1、事项1\n2、事项2")
    assert clean(raw).text.endswith("结语。")


def test_page_headers_removed_by_page_sequence():
    prose = ["党中央提出要求", "各地区推进建设", "平台上线运行。", "实现数据共享", "成效显著,",
             "技术创新方面", "运营创新:一是"]
    pages = "".join(f"{p}数字政府典型案例汇编(2022 年){i}" for i, p in enumerate(prose, 1))
    raw = ("形成数字政府典型案例汇编(2022 年),以期为。" + pages.replace("(2022 年)7", "(2022 年)74经验总结")
           + "完。")
    c = clean(raw)
    assert "汇编(2022年)," in c.text            # the title in prose stays
    assert c.text.count("数字政府典型案例汇编") == 1
    assert "平台上线运行。实现数据共享成效显著," in c.text
    assert c.text.endswith("运营创新:一是4经验总结完。")  # page 7, then section "4经验总结"
    _check_offsets(raw, c)


def test_page_headers_without_year_tag():
    prose = ["党中央提出要求", "各地区推进建设", "平台上线运行。", "实现数据共享", "成效显著,", "技术创新方面",
             "运营创新:一是", "注册用户超"]
    pages = "".join(f"{p}中国数字政府建设白皮书 {i + 11}" for i, p in enumerate(prose))
    raw = "白皮书正文。" + pages.replace("白皮书 18", "白皮书 18160") + "万人。"
    c = clean(raw)
    assert "中国数字政府建设白皮书" not in c.text
    assert c.text.endswith("注册用户超160万人。")
    # prose that repeats a phrase before numbers is no header: the numbers do not count pages
    prose = "".join(f"累计办件数量达到{n}件。" for n in (500, 20, 7000, 3, 41, 999))
    assert clean(prose).text == prose


def test_page_number_split_chooses_the_sequence():
    assert headers._page_number("74", 6, None) == 1
    assert headers._page_number("15012345", 149, None) == 3
    assert headers._page_number("10", 9, None) == 2
    assert headers._page_number("1", None, "2") == 1


def test_compendium_chrome_and_headers(cleaned_docs):
    raw, c = cleaned_docs["001"]
    t = c.text
    assert t.startswith("数字政府典型案例汇编(2022年)中国信息通信研究院")
    assert "上海品茶" not in t and "请您先登录" not in t and "友情提示" not in t and "回到顶部" not in t
    assert t.endswith("有效改变以往“大水漫灌”为“精准滴灌”。数字政")
    assert not re.search(r"汇编\(2022年\)\d", t)
    assert not re.search(r"\n\d+、", t)
    assert "网页端注册用户超160万" in t
    assert "推动达成还款协议3689万元" in t
    assert "直融金额358.78亿元" in t
    assert "前言前言" not in t and "目录目录" not in t
    assert t.count("(二)宣城市城市大脑赋能政府数字化") == 2      # TOC + heading, no doubling
    assert "聊城市城市大脑" in t


def test_article_chrome(cleaned_docs):
    t4 = cleaned_docs["004"][1].text
    assert t4.startswith("中国省级第一梯队“数字政府”建设路线一览\n")
    assert "NEWS" not in t4 and "次数" not in t4 and "分享" not in t4 and "×" not in t4
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", t4)
    assert "市(州)" in t4 and "(2018-2020年)" in t4
    t0 = cleaned_docs["000"][1].text
    assert "展开全文" not in t0 and not t0.endswith("微信")
    t2 = cleaned_docs["002"][1].text
    assert "特别声明" not in t2 and "Notice" not in t2
    assert t2.endswith("提升基层治理精细化水平。")
    assert "數" not in t2 and "数字政府" in t2


# ------------------------------------------------------------------------------------------------
# Offsets
# ------------------------------------------------------------------------------------------------
def _check_offsets(raw: str, c: Cleaned) -> None:
    offs = c.offsets
    assert len(offs) == len(c.text) + 1
    assert offs[-1] == len(raw)
    assert all(a <= b for a, b in zip(offs, offs[1:]))
    for i, ch in enumerate(c.text):
        if ch.isdigit() or ch.isascii():
            assert raw[offs[i]] == ch, (i, ch, raw[offs[i]])


def test_offsets_properties_on_every_file(cleaned_docs):
    for raw, c in cleaned_docs.values():
        _check_offsets(raw, c)


def test_raw_span_and_clean_span(cleaned_docs):
    raw, c = cleaned_docs["001"]
    i = c.text.index("超160万")
    rs, re_ = c.raw_span(i, i + len("超160万"))
    assert raw[rs:re_] == "超 160\n\n64、万"
    assert c.clean_span(rs, re_) == (i, i + len("超160万"))
    assert c.raw_span(5, 5) == (c.offsets[5], c.offsets[5])


def _denoise(q: str) -> str:
    q = re.sub(r"\s*\n\s*\d{1,5}、", "", q)
    return re.sub(r"\s+", "", to_simplified(q))


def test_gold_quotes_map_to_cleaned_text(cleaned_docs):
    n = 0
    for line in (GOLD / "outcomes.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        raw, c = cleaned_docs[d["doc"][:3]]
        q = d["quote"]
        rs = raw.find(q)
        assert rs >= 0, q
        s, e = c.clean_span(rs, rs + len(q))
        piece = c.text[s:e]
        assert re.sub(r"\s+", "", piece) == _denoise(q), (q, piece)
        assert not re.search(r"\n\d+、", piece)
        n += 1
    assert n >= 40


# ------------------------------------------------------------------------------------------------
# Traditional -> Simplified when OpenCC changes a length
# ------------------------------------------------------------------------------------------------
def test_t2s_length_change_is_mapped():
    def fake(s: str) -> str:          # a phrase that grows and one that shrinks
        return to_simplified(s).replace("乾隆", "乾隆皇").replace("數據庫", "库")
    raw = "第1行數據庫共 12 條\n乾隆 2022 年\n普通的行 3"
    conv, segs = t2s.t2s_with_map(raw, convert=fake)
    assert conv == fake(raw)
    offs = [src + k for _, src, n in segs for k in range(n)] + [len(raw)]
    assert len(offs) == len(conv) + 1
    assert all(a <= b for a, b in zip(offs, offs[1:]))
    for i, ch in enumerate(conv):
        if ch.isdigit() or ch in " \n":
            assert raw[offs[i]] == ch


def test_clean_with_length_change(monkeypatch):
    real = t2s.t2s_with_map
    fake = lambda s: s.replace("數據庫", "库")          # noqa: E731
    monkeypatch.setattr(t2s, "t2s_with_map", lambda text: real(text, convert=fake))
    raw = "數據庫共 12 條\n\n\n數據庫達 3 萬"
    c = clean(raw)
    assert c.text == "库共12條\n库達3萬"
    _check_offsets(raw, c)
    assert c.raw_span(0, 1) == (0, 1)


def test_edge_inputs():
    for raw in ("", "   ", "\n\n\n", "×\n分享到\n", "数(shù)", "(一)", "1、", "\r\n正文\r\n"):
        c = clean(raw)
        _check_offsets(raw, c)
        assert c.raw_span(0, len(c.text))[1] <= len(raw)
    assert clean("").offsets == [0]
    assert clean("\r\n正文\r\n").text == "正文"


def test_random_slices_keep_offsets_sound():
    import random
    rnd = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in RAW_FILES]
    for _ in range(60):
        t = rnd.choice(texts)
        a = rnd.randrange(len(t))
        b = min(len(t), a + rnd.randrange(1, 4000))
        raw = t[a:b]
        c = clean(raw)
        _check_offsets(raw, c)
