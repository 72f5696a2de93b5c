"""Name rules for Chinese administrative units: which strings may stand for a place.

The gazetteer holds full official names only (广东省, 恩施土家族苗族自治州, 博山区). People also write
names without their suffix (宣城, 恩施, 恩施州). A stem is a useful key when it is distinctive, and
a source of false positives when it is also an ordinary word (中山路, 三明治, 长治久安, 阿里云) or a
generic district name (城区 in 主城区, 高县 in 提高县域). The rules below sort every key into one of
three trust modes; :mod:`geo.places` applies them when it reads a text.
"""
from __future__ import annotations

PLAIN = 0          # accepted anywhere
AT_BOUNDARY = 1    # accepted right after its parent place, or at the start of the text / after a non-Han char
AFTER_PARENT = 2   # accepted only right after a mention of its parent (淄博博山, 北京朝阳, 阳泉市城区)

# The 56 ethnic groups, longest first, as they appear inside autonomous-unit names.
ETHNIC = sorted("""汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水
东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克
德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺""".split(), key=len, reverse=True)

AUTONOMOUS = ("自治州", "自治县", "自治旗", "自治区")
SUFFIXES = ("特别行政区", "自治区", "地区", "林区", "新区", "省", "市", "区", "县", "旗", "盟")

# City stems that are also ordinary words or other well-known things; they need their province
# right before them (广东中山) and are otherwise read only with their suffix (中山市).
RISKY_CITY_STEMS = frozenset("""
中山 东方 来宾 三明 长治 大同 安康 北海 普洱 天门 双河 文昌 白沙 昌江 新乡 兴安 朝阳 四平 大庆 日照
白银 阿里 海西 海北 山南 红河 怒江 白山 黑河 安顺 大理 中卫 广安 五指山 定安 临高
""".split())

# Ordinary words that often stand right before a place name's first character and would
# otherwise be read across the word boundary: 制定安全 (定安), 确保定期 (保定), 推广元宇宙 (广元),
# 建成都市圈 (成都), 面临高风险 (临高), 经营口径 (营口), 医保定点 (保定), 市长沙龙 (长沙),
# 平台北京 (台北), 平台州级 (台州), 沿海城市 (海城市), 出海口 (海口), 提高雄安 (高雄), 幸福建设 (福建),
# 最大连接 (大连).
# Found by running the resolver over jieba's word list (words containing a key, and frequent word
# pairs whose junction spells one).
# They enter the automaton as keys without a place: the leftmost-longest scan consumes them, so the
# overlapping place key loses; a real place starting at the same character is longer and still wins.
BLOCKERS = frozenset("""
制定 确定 决定 规定 稳定 认定 鉴定 设定 判定 约定 指定 法定 核定 评定 审定 锁定 坚定
确保 担保 环保 医保 社保 参保 推广 宽广 建成 形成 完成 构成 达成 生成 集成 促成 组成 养成
面临 莅临 光临 来临 经营 运营 国营 民营 阵营 联营 公安 平安 治安 保安 诚信 征信 增长 成长 延长 局长 部长
市长 省长 县长 区长 校长 院长 队长 处长 科长 资金 基金 现金 奖金 租金 道德 品德 传承 精简 创新 更新 全新
平台 舞台 后台 前台 阳台 柜台 出台 沿海 出海 入海 提高 幸福 最大 造成
上海品茶
""".split())   # 上海品茶: watermark of a report-hosting site, left inside extracted PDF text

# District full names that are ordinary words (主城区, 老城区改造, 西南区域) or directions.
GENERIC_DISTRICTS = frozenset("""
城区 矿区 郊区 东区 西区 南区 北区 中区 新城区 老城区 新市区 西市区 城中区 城东区 城西区 城北区 市中区
解放区
""".split())   # 解放区: 焦作's district, but mostly the historical "liberated area"


def _strip_ethnic(s: str) -> str:
    """恩施土家族苗族 → 恩施, 博尔塔拉蒙古 → 博尔塔拉 (族 is optional: 伊犁哈萨克自治州)."""
    changed = True
    while changed:
        changed = False
        for e in ETHNIC:
            for form in (e + "族", e) if len(e) > 1 else (e + "族",):
                if s.endswith(form) and len(s) > len(form):
                    s, changed = s[: -len(form)], True
                    break
            if changed:
                break
    return s


def stem(name: str) -> str | None:
    """The name without its administrative suffix, or None when fewer than two characters remain
    (沛县 → 沛 is no key; 城区 → 城 neither)."""
    for suf in AUTONOMOUS:
        if name.endswith(suf):
            s = _strip_ethnic(name[: -len(suf)])
            return s if len(s) >= 2 else None
    for suf in SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf):
            s = name[: -len(suf)]
            return s if len(s) >= 2 else None
    return None


def autonomous_short(name: str) -> str | None:
    """The everyday form of an autonomous unit: 恩施土家族苗族自治州 → 恩施州, 长阳土家族自治县 → 长阳县."""
    for suf, short in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if name.endswith(suf):
            s = stem(name)
            return s + short if s else None
    return None


def keys_for(level: str, name: str, short_name: str | None = None) -> list[tuple[str, int]]:
    """Every (key, mode) by which a unit may be named.

    - Provinces: full name and official short name (广东, 内蒙古), both PLAIN. The one-character
      简称 (粤, 蒙) are not keys: they occur inside ordinary words and brand names.
    - Cities: full name PLAIN; 自治州 form PLAIN (恩施州); stem PLAIN (宣城, 包头) unless it is in
      RISKY_CITY_STEMS (then AFTER_PARENT).
    - Districts/counties: full name PLAIN, except two-character names (沛县, 高县 in 提高县域) which
      and three-character 山区 names (中山区 in 鲁中山区, 山区 = mountain area) are AT_BOUNDARY, generic names (城区, 新城区) which are AFTER_PARENT; their stems
      (博山, 朝阳, 和平, 白云 — about 2,800 of them, many ordinary words) are AFTER_PARENT.
    """
    out: list[tuple[str, int]] = []
    if level == "province":
        out.append((name, PLAIN))
        if short_name and short_name != name:
            out.append((short_name, PLAIN))
        return out
    if level == "city":
        out.append((name, PLAIN))
        s = stem(name)
        if s:
            out.append((s, AFTER_PARENT if s in RISKY_CITY_STEMS else PLAIN))
    else:
        if name in GENERIC_DISTRICTS:
            out.append((name, AFTER_PARENT))
        elif len(name) <= 2 or (len(name) == 3 and name.endswith("山区")):
            # 沛县 in 提高县域 is no place; 中山区 in 鲁中山区 (mountain area) neither
            out.append((name, AT_BOUNDARY))
        else:
            out.append((name, PLAIN))
        s = stem(name)
        if s:
            out.append((s, AFTER_PARENT))
    short = autonomous_short(name)
    if short:
        out.append((short, PLAIN))
    return out
