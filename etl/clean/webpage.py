"""Step: the chrome of a web page saved as text (navigation, breadcrumbs, bylines, share bars,
previous/next links, sidebars of other headlines, footers).

Analysts collect most documents by saving a news or government page as text. Around the article the
page keeps its furniture, and that furniture hurts three ways: a navigation line becomes the case's
title, a publisher's address or a breadcrumb sets the case's place, and a sidebar headline with a
figure ("我市投入资金12亿元") becomes an outcome. The rules here are generic shapes of that furniture,
matched on whole lines of Simplified text; a line is deleted with its line break.

Where a rule could also hit real prose it is confined to the page's *margins*: the lines before the
article's first paragraph and after its last one (a paragraph is a long line with a sentence end).
Lines of short items (navigation bars and menus) are only chrome there; bylines, breadcrumbs,
footers, share bars, previous/next links and headed lists of other headlines are chrome anywhere.
"""
from __future__ import annotations

import re

Span = tuple[int, int]

_SEP = r"\s|\u3000|[|｜丨/•·●▪■◆►▶>＞»›→]"
_DATE = r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?)"
_TIME = r"\d{1,2}[:：时]\d{2}(?:[:：分]\d{2})?秒?"

# Labels of a byline: who published what, when, how often it was read.
_BYLINE_LABEL = (r"(?:信息|文章|新闻|稿件)?来源|稿源|出处|发布(?:时间|日期|机构|单位|者)|(?:更新|成文|发文)?(?:时间|日期)"
                 r"|作者|记者|通讯员|摄影|(?:责任)?编辑|责编|编审|审核|审校|校对|供稿|撰稿|字号|字体"
                 r"|(?:浏览|阅读|点击|访问)(?:次数|量|数)|来源单位|所属栏目|栏目|索引号|分类")
_BYLINE_START = re.compile(rf"^[【\[（(]?\s*(?:{_BYLINE_LABEL})\s*[:：]")
_BYLINE_ANY = re.compile(rf"(?:^|(?<=[\s\u3000【\[（(|]))(?:{_BYLINE_LABEL})\s*[:：]")
_STARTS_DATE = re.compile(rf"^[【\[（(]?\s*{_DATE}")
_DATE_ONLY = re.compile(rf"^[【\[（(]?\s*(?:{_DATE})?\s*(?:{_TIME})?\s*(?:[（(]?星期[一二三四五六日天][)）]?)?\s*[】\]）)]?$")
_ZONE_TIME = re.compile(r"^(?:北京|香港|澳门|台北)?时间\s*\d{1,2}\s*[时:：]\s*\d{1,2}\s*分?$")
# "（记者 张三）" / "大众网记者 孙明 济南报道" / "本报讯" on a line of its own
_REPORTER = re.compile(r"^[（(]?[^\n。，]{0,16}(?:记者|通讯员)[^\n。，]{0,20}(?:报道|摄|讯)?[)）]?$")

_BREADCRUMB_START = re.compile(r"^(?:您?(?:当前|现在|所在)?的?(?:位置|所在位置)|当前位置|所在位置|位置)\s*[:：]")
_CRUMB_SEP = re.compile(r"\s*(?:>>|>|＞|»|›|→|≫)\s*")

_PREV_NEXT = re.compile(r"^[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|上篇|下篇|前一篇|后一篇|上一页|下一页)")

_FOOTER = re.compile(
    r"版权所有|版权归|Copyright|copyright|©|ICP[备证]|公网安备|网站标识码|主办单位|主办\s*[:：]|承办(?:单位)?\s*[:：]"
    r"|协办单位|技术支持\s*[:：]|运行维护单位|运维单位|制作单位|建设单位\s*[:：]|互联网新闻信息服务许可证|新闻许可证"
    r"|建议使用[^\n]{0,30}(?:浏览器|分辨率)|分辨率|您是第\s*\d+\s*位访|All Rights Reserved|all rights reserved"
    r"|未经[^\n]{0,10}授权|禁止转载|不得转载|转载请注明")
_CONTACT = re.compile(r"^(?:地址|通讯地址|联系地址|电话|联系电话|邮编|邮政编码|传真|邮箱|电子邮箱|E-?mail|Email)\s*[:：]", re.I)

# Headings of lists of other articles.
_LIST_HEAD = re.compile(
    r"^[【\[]?\s*(?:相关(?:新闻|阅读|链接|稿件|文章|报道|推荐|资讯|专题)|延伸阅读|推荐阅读|热点推荐|热门推荐|精彩推荐|"
    r"今日推荐|编辑推荐|热点新闻|热门新闻|热门文章|热门阅读|最新文章|最新新闻|最新动态|图片新闻|猜你喜欢|"
    r"阅读排行|点击排行|排行榜|热读|推荐|专题专栏|往期回顾|更多新闻|更多|友情链接|网友评论|今日新闻)"
    r"\s*[】\]]?\s*[:：]?")

# Words that, alone on a line with separators, are page furniture.
_CHROME_WORDS = re.compile(
    r"网站首页|首\s*页|主页|返回首页|打印本页|打印|列印|关闭窗口|关闭|返回顶部|回到顶部|返回列表|返回|收藏本页|收藏|"
    r"分享到|分享至|分享|转发|微信|微博|新浪微博|腾讯微博|QQ空间|QQ|朋友圈|豆瓣|人人网|复制链接|Facebook|Twitter|"
    r"LINE|WhatsApp|我要纠错|纠错|字号|字体|默认|超大|大|中|小|无障碍|长者模式|关怀版|适老化|繁体|简体|English|ENGLISH|"
    r"登录|注册|退出|搜索|网站地图|联系我们|关于我们|重要告示|私隐政策|隐私政策|使用条款|免责声明|网站声明|"
    r"扫一扫|扫码|手机版|移动版|客户端|下载|评论|点赞|在看|完|上一页|下一页|"
    r"[【】\[\]()（）:：,，、|｜/\-—_=+*＊#.。·•…～~\s\u3000]")
_PROMO = re.compile(r"客户端|APP下载|App下载|阅读更多|更多精彩|网友评论|发表评论|我要评论|分享让更多人|扫一扫|扫码|"
                    r"二维码|请使用浏览器|在手机打开")

_SENT_END = re.compile(r"[。！？!?]")
_DATED = re.compile(rf"[\[（(]?{_DATE}[\]）)]?$")       # a list item ending with its date
_HAN = re.compile(r"[\u3400-\u9fff]")


def _is_paragraph(s: str, chrome: bool) -> bool:
    """An article paragraph: a long line that ends sentences and is no chrome (``chrome``: whether
    ``_is_chrome(s, margin=False)`` holds)."""
    n = len(s)
    return not chrome and (n >= 30 and bool(_SENT_END.search(s))
                           or n >= 80 and s.count("，") + s.count(",") >= 2)


def _items(s: str) -> list[str]:
    return [x for x in re.split(f"(?:{_SEP})+", s) if x]


def _is_nav(s: str) -> bool:
    """A bar of navigation items: three or more short items between separators, no sentence."""
    if re.search(r"[。，；;！？!?：:“”\d]", s):
        return False
    items = _items(s)
    if len(items) >= 3 and all(len(x) <= 8 for x in items) and len(s) <= 160:
        return True
    return s[:1] in "•·●▪■◆►▶" and all(len(x) <= 8 for x in items)


def _is_breadcrumb(s: str) -> bool:
    """A breadcrumb trail ("首页 > 新闻 > 正文")."""
    if _BREADCRUMB_START.match(s):
        return True
    parts = [p for p in _CRUMB_SEP.split(s) if p]
    seps = len(_CRUMB_SEP.findall(s))
    return seps >= 2 and len(parts) >= 3 and all(len(p) <= 12 for p in parts) \
        and not re.search(r"[。，；]", s)


def _is_byline(s: str) -> bool:
    if len(s) > 120:
        return False
    if _BYLINE_START.match(s):
        return True
    labels = len(_BYLINE_ANY.findall(s))
    if labels >= 2:
        return True
    if labels and (re.search(_DATE, s) or len(s) <= 40):
        return True
    if _STARTS_DATE.match(s) and len(s) <= 60 and not _SENT_END.search(s):
        return True        # "2023年05月06日09:18  来源：人民网" / "2023-04-20 07:30 湖北日报"
    return bool(_DATE_ONLY.match(s) or _ZONE_TIME.match(s) or (len(s) <= 40 and _REPORTER.match(s)))


def _only_chrome_words(s: str) -> bool:
    """Nothing but furniture words, brackets and separators ("【打印】【关闭】", "分享到：微信 微博")."""
    if len(s) > 60 or "。" in s or "，" in s:     # a bar of buttons is short and has no sentence
        return False
    rest = _CHROME_WORDS.sub("", s)
    return len(rest) <= 2 and not _HAN.search(rest)


def _is_chrome(s: str, margin: bool) -> bool:
    """Whether the stripped line ``s`` is page furniture (``margin``: it lies outside the article)."""
    if not s or len(s) > 160:        # furniture is short; a long line is text
        return False
    if _PREV_NEXT.match(s) or _is_breadcrumb(s) or _is_byline(s) or _only_chrome_words(s):
        return True
    if len(s) <= 160 and (_FOOTER.search(s) or _CONTACT.match(s)):
        return True
    if len(s) <= 30 and _PROMO.search(s):
        return True
    if re.fullmatch(r"[\W_]+", s):                      # rules of ＊＊＊ or ------
        return True
    return margin and _is_nav(s)


def _title_like(s: str) -> bool:
    """A headline of another article in a list: short, no sentence inside it."""
    return 4 <= len(s) <= 50 and not re.search(r"[。；;]", s) and not s.endswith(("，", "：", ":"))


def webpage_spans(text: str) -> list[Span]:
    """Spans of whole chrome lines (each with its line break).

    Every rule reads every line (issue 11): skipping the breadcrumb split on lines without a
    separator and the byline-label scan on lines without a colon saved ~0.45 ms of ~40 ms per seed
    round in bench/stages.py, under the 5 % a speed trick must save."""
    lines = []                       # (start, end incl. newline, stripped line)
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        lines.append((pos, min(end + 1, len(text)), raw.strip()))
        pos = end + 1
    drop = [bool(s) and _is_chrome(s, margin=False) for _, _, s in lines]
    para = [bool(s) and _is_paragraph(s, d) for (_, _, s), d in zip(lines, drop)]
    paras = [i for i, p in enumerate(para) if p]
    # without a paragraph there is no article to stand outside of: no margins after it
    first, last = (paras[0], paras[-1]) if paras else (len(lines), len(lines))
    for i, (_, _, s) in enumerate(lines):
        if s and not drop[i] and (i < first or i > last):
            drop[i] = _is_nav(s)
    _drop_menus(lines, drop, first)
    _drop_lists(lines, drop, para, last)
    return [(a, b) for (a, b, _), d in zip(lines, drop) if d]


def _drop_menus(lines: list, drop: list[bool], first: int) -> None:
    """Before the article: runs of three or more very short lines (a menu, one item per line;
    dropped and empty lines in between do not break a run)."""
    run: list[int] = []
    for i in range(min(first, len(lines))):
        s = lines[i][2]
        if not s or drop[i]:
            continue
        if len(s) <= 6 and not re.search(r"[。，；：:“”、\d]", s):
            run.append(i)
            continue
        _flush(run, drop)
        run = []
    _flush(run, drop)


def _flush(run: list[int], drop: list[bool]) -> None:
    if len(run) >= 3:
        for k in run:
            drop[k] = True


def _headline_slot(lines: list, drop: list[bool], para: list[bool]) -> int:
    """The line right above the article's first paragraph (chrome in between skipped): where the
    headline stands, so a list of other headlines just above it (a left column) never takes it."""
    first = next((i for i, p in enumerate(para) if p), -1)
    for i in range(first - 1, -1, -1):
        if lines[i][2] and not drop[i]:
            return i
    return -1


def _drop_lists(lines: list, drop: list[bool], para: list[bool], last: int) -> None:
    """Lists of other headlines: the lines after a list heading ("相关新闻"), after bullets, or with
    a date at their end, and, after the article, any headline-like line that follows a chrome line."""
    in_list = False
    prev_dropped = False
    headline = _headline_slot(lines, drop, para)
    for i, (_, _, s) in enumerate(lines):
        if not s:
            continue
        if drop[i]:                  # other chrome (a breadcrumb, a byline) ends a list
            in_list, prev_dropped = False, True
            continue
        if i == headline:
            in_list, prev_dropped = False, False
            continue
        if len(s) > 50:              # no headline in a list is longer; a long line ends a list
            in_list = prev_dropped = False
            continue
        head = _LIST_HEAD.match(s)
        titled = _title_like(s)
        if head and (len(s) - head.end() <= 2 or _title_like(s[head.end():].strip())):
            drop[i] = in_list = True
        elif in_list and titled and not para[i]:
            drop[i] = True
        elif s[0] in "•·●▪■◆►▶" and _title_like(s[1:].strip()) and not _SENT_END.search(s):
            drop[i] = True
        elif titled and _DATED.search(s) and not re.match(_DATE, s):
            drop[i] = True
        elif i > last and prev_dropped and titled and not _SENT_END.search(s):
            drop[i] = True
        else:
            in_list = False
        prev_dropped = drop[i]
