"""Step: generic chrome lines of sharing sites and platforms (close buttons, captions, share bars,
view counters, fold markers, platform disclaimers, download boxes, login prompts)."""
from __future__ import annotations

import re

from .chars import SP

Span = tuple[int, int]

_CHROME_LINE_PATTERNS = [
    r"[×✕✖╳]",                                               # close button
    r"[A-Z]{2,}(?: [A-Z]{2,}){1,4}",                           # NEWS CENTER (nav caption)
    r"(?:新闻|资讯)(?:中心|动态|资讯|频道)",
    r"(?:展开|阅读|查看)全文|点击展开(?:全文)?|收起全文|展开",
    r"分享到[::]?|扫一扫[^\n]{0,20}|微信扫一扫[^\n]{0,20}|扫描二维码[^\n]{0,20}",
    r"(?:微信|微博|QQ|QQ空间|朋友圈|豆瓣|复制链接|打印|关闭|返回顶部|回到顶部|返回列表|收藏|举报|"
    r"打印本页|关闭窗口|【打印】|【关闭】)",
    # a page's date and view counter: "时间:2020-05-09 10:27:07 次数:3801" (the line ends with the count)
    r"(?:[^\n]{0,20}?\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[^\n]{0,30}?)?"
    r"(?:浏览|阅读|点击|访问)?(?:次数|量)[::][ ]*\d+",
    r"(?:特别声明|免责声明|郑重声明)[::][^\n]*(?:平台|本站|本网|自媒体|用户上传|信息存储)[^\n]*",
    r"Notice[::][^\n]*(?:platform|information storage|uploaded)[^\n]*",
    r"(?:您的)?当前位置[::][^\n]*",
    r"[^\n]{0,40}下载积分[^\n]*|编号[::]\s*\d+[^\n]{0,40}?(?:PDF|DOCX?|页|MB)[^\n]*",   # download box
    r"[^\n]{2,100}\.(?:pdf|PDF|docx?|DOCX?|pptx?|PPTX?)",                              # file name line
    r"(?:友情提示|温馨提示)(?:[::][^\n]*(?:下载|本站|网速)[^\n]*)?",
    r"[^\n]{0,20}请您?先登录[!!。]?",
]
_CHROME_LINE = re.compile(
    rf"(?m)^[{SP}]*(?:{'|'.join(_CHROME_LINE_PATTERNS)})[{SP}]*(?:\n|\Z)")


def chrome_line_spans(text: str) -> list[Span]:
    """Whole lines that are chrome (generic patterns, matched on Simplified text)."""
    return [m.span() for m in _CHROME_LINE.finditer(text)]
