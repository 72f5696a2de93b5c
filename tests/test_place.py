"""The place a one-case text is about, and national scope (etl.place)."""
from __future__ import annotations

import pytest

from etl.place import NATIONAL, is_national, place_about, scope_of

CASES = [
    # (headline, body, province, city, scope)
    ("杭州“城市大脑”让城市治理更聪明",
     "重庆日报记者走进浙江省杭州市城市大脑运营指挥中心。重庆市有关部门也曾赴杭州学习交流。",
     "浙江省", "杭州市", "city"),
    ("城市大脑让城市更聪明",
     "湖北日报讯 记者赴杭州市采访。杭州城市大脑已接入98个部门数据。杭州市民办事更便捷。",
     "浙江省", "杭州市", "city"),
    ("贵阳：数据共享让群众办事“一次不跑”", "人民网贵阳5月6日电 记者从贵州省贵阳市大数据局获悉。",
     "贵州省", "贵阳市", "city"),
    ("“粤省事”平台实名注册用户突破1.8亿", "记者从广东省政务服务和数据管理局获悉，广州、深圳等地用户增长较快。",
     "广东省", None, "province"),
    ("「一戶通」帳戶數突破五十萬", "澳門特別行政區政府行政公職局表示，帳戶達52.6萬個。", "澳门特别行政区", None, "province"),
    ("「智方便」登記用戶突破二百萬", "香港特別行政區政府資訊科技總監辦公室今日公布。", "香港特别行政区", None, "province"),
    ("全国一体化政务大数据体系建设取得积极进展",
     "国家数据局召开推进会。北京、上海、广东、浙江等地要发挥示范引领作用。", None, None, NATIONAL),
    ("国务院办公厅关于全国政务服务“好差评”工作情况的通报",
     "各省、自治区、直辖市人民政府：浙江、江苏等地整改及时率位居前列。", None, None, NATIONAL),
    ("国家数据局：浙江省公共数据平台建设经验", "浙江省大数据发展管理局介绍，浙江已归集数据。", "浙江省", None, "province"),
]


@pytest.mark.parametrize("title,body,province,city,scope", CASES)
def test_place_about(title, body, province, city, scope):
    got = place_about(title, body)
    assert (got["province"], got["city"], got["scope"]) == (province, city, scope)


def test_body_without_a_clear_majority_is_not_guessed():
    got = place_about("数字政府建设成效显著", "北京、上海、广州、成都各有探索。")
    assert got["province"] is None and got["place_note"].startswith("未能确定")


def test_national_needs_no_dominant_province():
    body = "国家数据局调研组赴浙江。浙江省杭州市、宁波市、温州市介绍了浙江的经验。"
    assert not is_national("国家数据局调研数字政府建设", body)


def test_scope_of_other_adapters():
    assert scope_of("广东省", "广州市") == "city"
    assert scope_of("广东省", None) == "province"
    assert scope_of(None, None, "国家政务服务平台建设情况") == NATIONAL
    assert scope_of(None, None, "某平台建设情况") is None
