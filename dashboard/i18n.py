"""Labels in Simplified Chinese (default) and English; `t(key, lang)` looks one up.

Chinese comes first everywhere; the sidebar toggle switches to English. Metric names and
definitions come from the metric contract (etl/contract.py), and so do period names
(dashboard.comparable.period_name); the words of the data (domains, awards, tiers, evaluators,
provinces, cities) from dashboard/vocab.py.
"""
from __future__ import annotations

from etl.contract import METRICS, OTHER, OTHER_DEFINITION, OTHER_LABEL

LANGS = ("zh", "en")

LABELS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("政务成效看板", "Digital-government outcomes"),
    "page_overview": ("总览", "Overview"),
    "page_map": ("省份地图", "Province map"),
    "page_category": ("类别对比", "Category comparison"),
    "page_tiers": ("梯队排名", "Tier ranking"),
    "page_cases": ("案例浏览", "Case explorer"),
    "page_method": ("数据与方法", "Data & method"),
    "page_upload": ("添加文档", "Add documents"),
    "english": ("English", "English"),
    # filters
    "filters": ("筛选", "Filters"),
    "province": ("省份", "Province"),
    "category": ("类别", "Category"),
    "award": ("奖项", "Award"),
    "source": ("来源", "Source"),
    "metric": ("指标", "Metric"),
    "all": ("全部", "All"),
    "clear_filters": ("清除筛选", "Clear filters"),
    "share_hint": ("筛选条件保存在网址中,复制网址即可分享当前视图。",
                   "Filters live in the URL: copy it to share this view."),
    # warehouse state
    "missing_title": ("数据仓库尚未构建", "The warehouse is not built yet"),
    "missing_body": ("请先运行以下命令构建数据仓库,然后刷新本页:",
                     "Run this command to build the warehouse, then reload this page:"),
    "no_data": ("当前筛选条件下没有数据。", "No data for the current filters."),
    "no_data_yet": ("数据仓库中还没有这部分数据(ETL 尚未产出)。",
                    "The warehouse holds none of this yet (the ETL has not produced it)."),
    # overview
    "cases": ("案例数", "Cases"),
    "provinces_covered": ("覆盖省份", "Provinces covered"),
    "sources": ("来源文档", "Source documents"),
    "outcomes": ("成效数据条数", "Outcome mentions"),
    "def_cases": ("不同案例的个数:同一案例在多个来源中出现只计一次。",
                  "Distinct cases: a case presented by several sources counts once."),
    "listings_note": ("共 {listings} 条案例记录(各来源所列,同一案例在不同来源中各计一条)。",
                      "{listings} case listings (as each source lists them; a case in two sources is two listings)."),
    "def_provinces": ("至少有一个案例可归属到的省级行政区数量(共 34 个)。",
                      "Provincial-level divisions (of 34) with at least one case placed in them."),
    "def_sources": ("读入数据仓库的原始文档数量。", "Raw documents read into the warehouse."),
    "def_outcomes": ("从案例文本中抽取的量化成效提及,每处一条。",
                     "Quantitative outcome mentions extracted from case texts, one per mention."),
    "key_figure": ("指标", "Figure"),
    "key_figures_table": ("关键数字(表格与下载)", "Key figures (table and download)"),
    "outcomes_per_metric": ("各指标成效数据", "Outcomes per metric"),
    "findings": ("数据质量发现", "Data-quality findings"),
    "n_outcomes": ("提及条数", "Mentions"),
    "n_cases": ("案例数", "Cases"),
    "n_low": ("存疑条数", "Unsure"),
    "n_with_text": ("有正文的案例数", "Cases with text"),
    "url_dropped": ("链接中的{name}“{value}”在数据中不存在,已忽略:下面显示的是未按{name}筛选的数据。",
                    "The link's {name} “{value}” is not in the data and was ignored: what follows is not filtered by {name}."),
    "definition": ("定义", "Definition"),
    # aggregation
    "aggregation": ("汇总方式", "Aggregation"),
    "agg_sum": ("求和", "sum"),
    "agg_max": ("最大值", "max"),
    "agg_median": ("中位数", "median"),
    "agg_count": ("条数", "count"),
    "agg_note": ("汇总方式:{agg};已排除“其中”所列的分项,不把分项加到总数上;只汇总同一指标、同一单位、同一期间的数字:{unit}。",
                 "Aggregation: {agg}; parts listed under a total are excluded so no part is added to its "
                 "total; only figures of one metric, one unit and one period: {unit}."),
    "no_sum": ("不提供求和:{reason}", "No sum: {reason}"),
    "sum_note": ("求和时每个案例只取其最大的一个数字,不同来源中的同一案例只计一次。",
                 "A sum takes one figure per case (its largest); the same case in several sources counts once."),
    "from_source": ("来源", "Source"),
    "from_quote": ("原句", "Quote"),
    "dedupe_note": ("同一案例在多个来源中给出的相同数值只计一次。",
                    "The same figure for the same case in several sources counts once."),
    "max_default_note": ("平台总量常有重叠,默认取最大值。", "Platform totals overlap, so max is the default."),
    "colour_by": ("着色依据", "Colour by"),
    "by_cases": ("案例数", "number of cases"),
    "by_metric": ("指标值", "a metric"),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    # map
    "map_plotly": ("地图(一)", "Map (Plotly)"),
    "map_echarts": ("地图(二)", "Map (ECharts)"),
    "map_click_hint": ("点击省份即可按该省筛选其他页面。", "Click a province to filter the other pages by it."),
    "map_selected": ("当前选中:{name}(红色描边;其他页面按此筛选,地图仍显示全部省份)。",
                     "Selected: {name} (red outline; the other pages are filtered by it, the map shows all)."),
    "cities_layer": ("城市气泡图层", "City bubble layer"),
    "geo_missing": ("地图资产(geo/assets)尚未生成,请运行:", "The map assets (geo/assets) are missing; run:"),
    "map_table": ("地图数据", "Map data"),
    "city_table": ("城市数据", "City data"),
    "tenline": ("南海十段线", "Ten-dash line"),
    "south_sea_islands": ("南海诸岛", "South China Sea Islands"),
    # category
    "by_category": ("按类别", "By domain"),
    "domain": ("类别", "Domain"),
    "domain_note": ("类别采用案例汇编的七个类别(政务服务、社会管理、市场监管、数字机关、应用支撑、智慧城市、综合实践)。"
                    "来源未注明类别的案例按标题与正文中的关键词归类,并标注为推断;奖项与梯队另见“按奖项”。",
                    "Domains are the compendium's seven classes. A case whose source states none is classified from "
                    "keywords of its title and text and marked as inferred; awards and tiers are under 'By award'."),
    "value_from": ("数值来自:{case}({source})", "Value from: {case} ({source})"),
    "inferred": ("由文本推断", "inferred from the text"),
    "tier_label": ("{year}年 · {tier} — {evaluator}", "{year} · {tier} — {evaluator}"),
    "by_award": ("按奖项", "By award"),
    "group_by": ("分组", "Group by"),
    "log_scale": ("对数刻度", "Log scale"),
    "box_stats": ("箱线统计", "box statistics"),
    "distribution": ("分布(箱线 + 散点)", "Distribution (box + strip)"),
    "sample_note": ("散点最多显示 {n} 个(按编号确定性抽样),箱线按全部数据计算。",
                    "At most {n} points drawn (a fixed sample by id); boxes use all rows."),
    # tiers
    "tiers_title": ("来源所述梯队", "Tiers as the source states them"),
    "tier_claim_flag": ("⚠ {tier}:来源称有 {claimed} 个,但只点名了 {named} 个。",
                        "⚠ {tier}: the source claims {claimed} members but names only {named}."),
    "tier_order_note": ("梯队内部不排序;成员按行政区划代码排列。",
                        "The evaluation does not rank inside a tier; members are listed in administrative-code order."),
    "evaluator": ("评估方", "Evaluator"),
    "tier_from_document": ("来源文档", "Stated by corpus document"),
    "tier_from_reference": ("外部参考", "Outside reference"),
    "year": ("年份", "Year"),
    "ranking": ("按抽取成效的省份排名", "Province ranking by extracted outcomes"),
    "rank": ("名次", "Rank"),
    # cases
    "search": ("搜索案例(标题、简称、单位、地区和正文)", "Search cases (title, short name, unit, place and text)"),
    "case_list": ("案例列表", "Cases"),
    "rows_shown": ("显示 {shown} / 共 {total} 条案例记录({cases} 个不同案例;同一案例可见于多个来源)",
                   "Showing {shown} of {total} case listings ({cases} distinct cases; a case may appear in several sources)"),
    "row_click_hint": ("点击表格中的一行即可查看该案例详情。", "Click a row to open that case below."),
    "choose_case": ("选择案例", "Choose a case"),
    "case_view": ("案例详情", "Case view"),
    "unsure": ("存疑", "unsure"),
    "unsure_explained": ("⚠ 存疑:这个数字计的是什么,不是由紧挨着它的词语确定的,而是从所在分句或整句推断的(或属于同类推断),"
                         "可能归错指标。请对照下方原文核实后再引用。",
                         "⚠ Unsure: what this figure counts was not settled by the words right next to it but inferred "
                         "from its clause or sentence, so it may sit under the wrong metric. Check it against the "
                         "text below before citing it."),
    "part_badge": ("属于分项(不计入汇总)", "part of a total (not added)"),
    "page_n": ("第 {n} 页", "p. {n}"),
    "case": ("案例", "case"),
    "case_link_hint": ("地址栏中的链接会打开这个案例,可直接复制分享。", "The link in the address bar opens this case: copy it to share."),
    "reporting_unit": ("申报单位", "Reporting unit"),
    "short_name": ("简称", "Short name"),
    "case_outcomes_title": ("成效数据", "Outcomes"),
    "raw_context": ("原文位置", "In the raw file"),
    "same_case": ("同一案例在不同来源中", "The same case across sources"),
    "no_outcomes": ("该案例没有抽取到成效数据。", "No outcomes extracted for this case."),
    "no_text": ("该案例仅见于目录或名单,没有正文。", "This case is known only from a contents page or list; no text."),
    # method
    "sources_provenance": ("来源及出处", "Sources and provenance"),
    "metric_dictionary": ("指标词典", "Metric dictionary"),
    "warnings": ("构建警告与矛盾", "Contradictions and warnings"),
    "build_log": ("构建日志", "Build log"),
    "how_to_cite": ("如何引用", "How to cite"),
    "what_counts": ("计入", "What counts"),
    "what_not": ("不计入", "What does not"),
    # upload (pages/upload.py, dashboard/upload.py)
    "upload_disabled": ("本部署为只读:未设置环境变量 UPLOAD_TOKEN,因此不能上传文档。",
                        "This deployment is read-only: the UPLOAD_TOKEN environment variable is not set, "
                        "so documents cannot be uploaded."),
    "upload_token": ("上传口令", "Upload token"),
    "upload_unlock": ("验证口令", "Check token"),
    "upload_token_wrong": ("口令不正确。", "Wrong token."),
    "upload_token_locked": ("口令错误次数过多,请 {seconds} 秒后再试。",
                            "Too many wrong tokens: try again in {seconds} seconds."),
    "upload_files": ("拖入一个或多个文档(PDF、Word DOCX、网页 HTML、文本 TXT)",
                     "Drop one or more documents (PDF, Word DOCX, web page HTML, text TXT)"),
    "upload_limit": ("每个文件不超过 {mb} MB;文件原样保存在 data/raw/,发布后重新构建数据仓库。",
                     "At most {mb} MB per file; the file is kept as it is in data/raw/ and the warehouse is "
                     "rebuilt on publish."),
    "upload_preview": ("预览:{file}", "Preview: {file}"),
    "upload_saved_as": ("将保存为 {name}({kb} KB,sha256 {sha})", "Will be saved as {name} ({kb} KB, sha256 {sha})"),
    "upload_found": ("找到 {cases} 个案例、{outcomes} 条成效数据。", "Found {cases} cases and {outcomes} outcomes."),
    "upload_no_case": ("未识别出案例:发布后该文档仍会列入来源,但不会新增案例。",
                       "No case recognised: once published the document is listed as a source but adds no case."),
    "upload_meta": ("文档信息(可修改)", "Document details (editable)"),
    "upload_title": ("标题", "Title"),
    "upload_publisher": ("发布者", "Publisher"),
    "upload_date": ("发布日期", "Date published"),
    "upload_url": ("网址", "URL"),
    "upload_publish": ("发布到看板", "Publish to the dashboard"),
    "upload_nothing": ("没有可发布的文件。", "No file can be published."),
    "upload_building": ("正在重新构建数据仓库…", "Rebuilding the warehouse…"),
    "upload_progress": ("已处理 {done}/{total}:{file}", "Processed {done}/{total}: {file}"),
    "upload_success": ("已发布 {files}。数据仓库现有 {documents} 份文档、{cases} 个案例、{outcomes} 条成效数据。",
                       "Published {files}. The warehouse now holds {documents} documents, {cases} cases and "
                       "{outcomes} outcomes."),
    "refuse_type": ("不支持的文件类型 {suffix}。", "Unsupported file type {suffix}."),
    "refuse_large": ("文件过大:{mb} MB,上限 {limit} MB。", "File too large: {mb} MB, the limit is {limit} MB."),
    "refuse_duplicate": ("相同的文件已存在:{file}(sha256 相同)。",
                         "An identical file is already there: {file} (same sha256)."),
    "refuse_unreadable": ("无法读取该文件:{reason}", "The file cannot be read: {reason}"),
    "refuse_build": ("重新构建失败,未发布任何内容:{reason}", "The rebuild failed and nothing was published: {reason}"),
    "refuse_busy": ("另一项发布正在进行,请稍后再试。", "Another publish is in progress: try again shortly."),
    "arrived_via": ("到达方式", "Arrived via"),
    "arrived_at": ("到达时间", "Arrived at"),
    "via_build": ("构建", "build"),
    "via_upload": ("上传", "upload"),
    # province profile and comparison (pages/province.py, pages/compare.py)
    "page_province": ("省份画像", "Province profile"),
    "page_compare": ("省份对比", "Compare provinces"),
    "profile_pick": ("选择省份", "Choose a province"),
    "profile_none": ("请选择一个省份查看其画像。", "Choose a province to see its profile."),
    "profile_scope": ("本页显示该省的全部数据,不受侧栏类别、来源、指标筛选的影响。",
                      "This page shows all of the province's data; the sidebar's category, source and metric filters do not apply."),
    "profile_cases_kpi": ("案例", "Cases"),
    "profile_listings": ("{n} 条记录", "{n} listings"),
    "n_listings": ("记录数", "Listings"),
    "profile_cities_kpi": ("涉及城市", "Cities"),
    "profile_tiers_kpi": ("梯队评定", "Tier memberships"),
    "profile_sources_kpi": ("来源文档", "Source documents"),
    "profile_no_cases": ("{name}在现有来源文档中没有案例;梯队评定(如有)仍列在下面。",
                         "{name} has no case in the source documents; its tier memberships, if any, are still listed below."),
    "tiers_of": ("梯队评定", "Tier memberships"),
    "no_tiers": ("没有来源把该省列入梯队。", "No source places this province in a tier."),
    "tier_contradiction": ("⚠ 来源自相矛盾:{source}称{tier}有 {claimed} 个,但只点名了 {named} 个。",
                           "⚠ The source contradicts itself: {source} says {tier} has {claimed} members but names {named}."),
    "level_province": ("省级", "provincial"),
    "level_city": ("市级", "city"),
    "level": ("级别", "Level"),
    "tier": ("梯队", "Tier"),
    "evaluation": ("评估", "Evaluation"),
    "quote": ("原文", "Quote"),
    "figures_ranks": ("各指标最佳可比数字及全国排名", "Best comparable figure per metric and its rank"),
    "period": ("口径", "Period"),
    "all_periods": ("全部口径", "All periods"),
    "rank_of": ("第 {rank} / {n}", "{rank} of {n}"),
    "ranks_note": ("只在同一指标、同一单位(人与次、百分比与数量都分开)、同一口径的数字之间排名;每省取最大的数字"
                   "(平台总量常有重叠,不相加),不含“其中”分项。",
                   "Ranked only among figures of the same metric, unit (persons apart from visits, percent apart "
                   "from counts) and period; each province's largest figure (platform totals overlap, so never "
                   "summed); parts of a total left out."),
    "ranks_hidden": ("另有 {n} 个其他口径的数字,选择“全部口径”可查看。",
                     "{n} more figures of other periods: choose “All periods” to see them."),
    "no_figures": ("该省没有此口径的成效数字。", "No figure of this period for the province."),
    "best_figure": ("最佳数字", "Best figure"),
    "from_case": ("出自案例", "From case"),
    "profile_cases": ("案例及主要成效", "Cases and headline outcomes"),
    "headline": ("主要成效", "Headline outcomes"),
    "title": ("名称", "Title"),
    "city": ("城市", "City"),
    "n_sources": ("来源数", "Sources"),
    "open": ("打开", "Open"),
    "open_case": ("案例详情", "Case page"),
    "open_profile": ("省份画像", "Profile"),
    "cities_map": ("城市分布", "Cities"),
    "no_cities": ("该省没有可定位到地级市的案例。", "No case of this province is placed in a city."),
    "cities_without_point": ("以下城市没有坐标,未画在地图上:{names}", "No coordinates, not drawn: {names}"),
    "profile_sources": ("来源", "Sources"),
    "no_sources": ("没有来源文档提到该省的案例或梯队。", "No source document gives a case or tier of this province."),
    "publisher": ("发布者", "Publisher"),
    "published": ("发布日期", "Published"),
    "severity": ("级别", "Severity"),
    "kind": ("类型", "Kind"),
    "message": ("说明", "Message"),
    "evidence": ("证据", "Evidence"),
    "profile_findings": ("与该省有关的数据质量发现", "Data-quality findings about this province"),
    "no_findings": ("没有与该省有关的发现。", "No finding concerns this province."),
    "report_docx": ("下载简报(DOCX)", "Download briefing (DOCX)"),
    "report_chart": ("各省案例数(不同案例)", "Distinct cases per province"),
    "report_generated": ("生成于 {when},数据来自 {n} 份来源文档。", "Generated {when} from {n} source documents."),
    "coverage": ("{cases} 个案例({listings} 条记录),覆盖 {provinces}/{total} 个省级行政区,来自 {sources} 份文档{years}。",
                 "{cases} cases ({listings} listings) in {provinces}/{total} provincial-level divisions, from "
                 "{sources} documents{years}."),
    "top_provinces": ("案例最多的省份", "Provinces with most cases"),
    "tier_bands": ("梯队", "Tiers"),
    "tier_band_claim": ("来源称 {claimed} 个,只点名 {named} 个", "source says {claimed}, names {named}"),
    "findings_link": ("数据质量发现 {n} 条(其中警告 {w} 条),见“数据与方法” →",
                      "{n} data-quality findings ({w} warnings): see Data & method →"),
    "map_link": ("完整地图与城市气泡 →", "Full map with city bubbles →"),
    "tiers_link": ("梯队与排名 →", "Tiers and rankings →"),
    "selected_rank": ("当前选中:{name},第 {rank} / {n} 名", "Selected: {name}, rank {rank} of {n}"),
    "empty_intro": ("当前筛选条件下没有案例。各筛选条件单独使用时的案例数:", "No case under the current filters. Cases under each filter alone: "),
    "empty_part": ("{name}“{value}”{n} 个", "{name} “{value}”: {n}"),
    "empty_single": ("为 0 的那一项本身就没有数据,请更换或清除它。", "A filter at 0 has no data by itself: change or clear it."),
    "empty_combo": ("每一项单独都有数据,但组合起来没有重叠,请放宽其中一项。",
                    "Each filter alone has data, but together they do not overlap: relax one of them."),
    "selected_no_figure": ("当前选中:{name},没有此指标的数字。", "Selected: {name}, no figure for this measure."),
    "compare_pick": ("选择 2–4 个省份", "Choose 2–4 provinces"),
    "compare_placeholder": ("选择省份", "Choose provinces"),
    "compare_need_two": ("请至少选择两个省份进行对比。", "Choose at least two provinces to compare."),
    "compare_unknown": ("网址中的省份代码无法识别,已忽略:{codes}", "Unknown province codes in the link, ignored: {codes}"),
    "compare_summary": ("概况", "Summary"),
    "compare_item": ("项目", "Item"),
    "selected_none": ("当前选中:{name},在来源文档中没有案例。", "Selected: {name}, no case in the source documents."),
    # downloads
    "chart_data": ("图表数据", "Data of this chart"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    "hdr_table": ("表格", "Table"),
    "hdr_filters": ("筛选条件", "Filters"),
    "hdr_sources": ("来源", "Sources"),
    "hdr_generated": ("生成", "Generated by"),
    "hdr_time": ("下载时间", "Downloaded at"),
    "hdr_link": ("视图链接", "Link to this view"),
    "download_page": ("下载本页全部表格(Excel)", "Download all tables of this page (Excel)"),
    "download_page_help": ("一个 Excel 文件:本页每个表格一个工作表,另有“说明”工作表(筛选条件、来源、下载时间、链接)。",
                           "One Excel file: a sheet per table of this page, and a Notes sheet (filters, sources, time, link)."),
    "tech_info": ("技术信息", "Technical details"),
    "print_rows_cut": ("打印只含前 {shown} 行(共 {total} 行);完整数据请下载。",
                       "Printed: the first {shown} of {total} rows; download the table for all of them."),
    "tech_info_note": ("编号、文件名与原文位置,供核对与引用。", "Ids, file names and raw-text offsets, for checking and citing."),
    "download_failed": ("无法生成此 Excel 文件({error})。请改用 CSV 下载,或告知维护人员。",
                        "This Excel file could not be built ({error}). Use the CSV download, or tell the maintainers."),
}

# Metric names and definitions come from the metric contract (etl/contract.py), in both languages.
METRIC_NAMES: dict[str, tuple[str, str]] = {
    **{k: (m.name_zh, m.name_en) for k, m in METRICS.items()},
    OTHER: (OTHER_LABEL.zh, OTHER_LABEL.en),
}

# (definition, counts, does not count) — zh, en.
METRIC_DEFS: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    **{k: ((m.definition_zh, m.counts_zh, m.excludes_zh), (m.definition_en, m.counts_en, m.excludes_en))
       for k, m in METRICS.items()},
    OTHER: (tuple(x.zh for x in OTHER_DEFINITION), tuple(x.en for x in OTHER_DEFINITION)),
}

AGG_KEYS = ("max", "sum", "median", "count")


def t(key: str, lang: str = "zh", **fmt) -> str:
    zh, en = LABELS[key]
    text = en if lang == "en" else zh
    return text.format(**fmt) if fmt else text


def metric_name(metric: str, lang: str = "zh") -> str:
    unit_pct = metric.endswith("|%")
    base = metric.split("|")[0]
    zh, en = METRIC_NAMES.get(base, (base, base))
    name = en if lang == "en" else zh
    return f"{name} (%)" if unit_pct else name


def metric_definition(metric: str, lang: str = "zh") -> str:
    base = metric.split("|")[0]
    defs = METRIC_DEFS.get(base)
    if not defs:
        return ""
    return (defs[1] if lang == "en" else defs[0])[0]


def metric_rows(lang: str = "zh") -> list[dict]:
    """The metric dictionary as table rows."""
    i = 1 if lang == "en" else 0
    return [
        {"metric": k, t("definition", lang): v[i][0],
         t("what_counts", lang): v[i][1], t("what_not", lang): v[i][2]}
        for k, v in METRIC_DEFS.items()
    ]


def agg_name(agg: str, lang: str = "zh") -> str:
    return t(f"agg_{agg}", lang)
