"""Web-page chrome and markup inside text files (etl.clean.webpage, etl.clean.markup)."""
from __future__ import annotations

import pytest

from etl.clean import clean
from etl.clean.markup import markup_spans
from etl.clean.webpage import webpage_spans


def _kept(text: str, spans) -> str:
    out, pos = [], 0
    for s, e in sorted(spans):
        if s >= pos:
            out.append(text[pos:s])
            pos = e
        else:
            pos = max(pos, e)
    out.append(text[pos:])
    return "".join(out)


ARTICLE = ("　　记者从某市大数据局获悉，该市政务服务平台上线服务事项1200项，累计注册用户突破300万，"
           "群众办事更加便捷。\n")

# Lines that are page furniture, shown around one article paragraph.
CHROME = [
    "•首页 •时政 •经济 •社会 •文旅",
    "首页 | 机构概况 | 政务公开 | 政策解读 | 互动交流",
    "您当前的位置：首页 > 新闻 > 国内新闻 > 正文",
    "当前位置：首页 >> 新闻发布 >> 工作动态",
    "人民网 >> 地方 >> 贵州",
    "来源：重庆日报  作者：本报记者 王晓  编辑：李娜  发布时间：2023-06-12 08:35",
    "发布时间：2024-03-18  来源：国家数据局  浏览次数：3421",
    "2023年05月06日09:18  来源：人民网-贵州频道",
    "新闻局  发布日期：2023-09-15 18:22",
    "字号：大 中 小 | 打印 | 关闭",
    "【字体：大 中 小】【打印本页】【关闭窗口】",
    "分享到：微信 微博 QQ空间",
    "（责任编辑：王震、张华）",
    "上一篇：我市启动2023年数字经济招商活动",
    "下一条：关于公开征求意见的通知",
    "版权所有：重庆日报报业集团  渝ICP备05009875号",
    "主办单位：国家数据局  网站标识码：bm00000001  京ICP备2023000001号-1",
    "地址：重庆市渝北区同茂大道416号  联系我们  网站地图",
    "网站标识码：3205000001  苏ICP备05007781号  您是第38916572位访客",
    "Copyright © 2000-2023 XINHUANET.com All Rights Reserved.",
    "扫一扫在手机打开当前页",
    "2023年10月10日（星期二）",
]


@pytest.mark.parametrize("line", CHROME)
def test_chrome_lines_are_removed(line):
    text = "某市政务服务平台建设成效显著\n" + line + "\n" + ARTICLE + line + "\n"
    got = clean(text).text
    assert line.strip() not in got
    assert "上线服务事项1200项" in got and got.startswith("某市政务服务平台建设成效显著")


# Lines that look a little like chrome but are article text: they stay.
PROSE = [
    "来源于群众的诉求，平台今年以来累计办结12万件，办结率达到98%。",
    "一、总体情况",
    "北京市",
    "济南“泉城办”APP上线一周年 注册用户超860万",
    "平台访问量同比增长35%，其中移动端占比超过七成，群众满意度持续提升。",
    "1.建设统一的数据共享平台，归集数据超过10亿条；",
]


@pytest.mark.parametrize("line", PROSE)
def test_prose_lines_stay(line):
    text = "标题\n" + ARTICLE + line + "\n" + ARTICLE
    assert line.replace(" ", "") in clean(text).text.replace(" ", "")


def test_sidebar_of_other_headlines_is_removed():
    text = (ARTICLE + "相关新闻\n重庆“渝快办”上线服务事项突破3000项\n我市智慧交通建设投入资金12亿元\n"
            "热点推荐\n•深圳市“i深圳”日均访问量突破300万人次\n•佛山市一网通办改革成效显著\n")
    got = clean(text).text
    assert "3000项" not in got and "12亿元" not in got and "300万人次" not in got
    assert "1200项" in got


def test_menu_one_item_per_line_before_the_article():
    text = "国家数据局\n首页\n机构概况\n新闻发布\n政策文件\n全国一体化政务大数据体系建设取得积极进展\n" + ARTICLE
    got = clean(text).text
    assert got.startswith("全国一体化政务大数据体系建设取得积极进展\n")


def test_script_style_tags_and_entities():
    raw = ("<html><head><title>标题</title><style>.nav{margin:0}</style></head>\n"
           "<script type=\"text/javascript\">window.__x='访问量100万人次';</script>\n"
           "<p>平台上线&nbsp;服务事项1200项。</p>\n"
           "window.__stat = '访问量200万人次';\n"
           "增速<5%，效果明显。\n")
    got = clean(raw).text
    assert "万人次" not in got and "<" not in got.replace("增速<5%", "") and "&nbsp;" not in got
    assert "标题" in got and "平台上线服务事项1200项。" in got and "增速<5%" in got


def test_unclosed_script_at_the_end():
    raw = ARTICLE + "<script>var a = '访问量100万人次';"
    assert "100万" not in clean(raw).text


def test_offsets_stay_exact_after_chrome_and_markup():
    raw = ("<p>您当前的位置：首页 > 新闻</p>\n某市大數據局成效\n來源：本網  發佈時間：2023-01-02\n"
           "<b>平台</b>上線服務事項1200項。\n上一篇：別的新聞\n")
    c = clean(raw)
    for i, ch in enumerate(c.text):
        o = c.offsets[i]
        assert raw[o] == ch or ch not in "平台1200。", (i, ch, raw[o])
    i = c.text.index("1200")
    a, b = c.raw_span(i, i + 4)
    assert raw[a:b] == "1200"


def test_markup_spans_leave_prose_with_angle_brackets():
    text = "指标值<5且>2，说明A<B。"
    assert markup_spans(text) == []


def test_webpage_spans_keep_body_between_chrome():
    text = "首页 | 新闻 | 政务 | 服务\n" + ARTICLE + "打印本页 关闭窗口\n"
    assert _kept(text, webpage_spans(text)) == ARTICLE


def test_left_column_list_does_not_take_the_headline():
    text = ("某区人民政府\n最新动态\n某区召开全体会议\n某区出台支持企业发展措施\n首页→政务公开→要闻\n"
            "某区“城市大脑”助力基层治理提质增效\n时间：2023-03-09　来源：某区指挥中心\n" + ARTICLE)
    got = clean(text).text
    assert "某区“城市大脑”助力基层治理提质增效\n" in got
    assert "召开全体会议" not in got and "时间：" not in got
