"""Document identity from cover, title lines, part headings and 目录 (juesuan.readers.identity)."""
from __future__ import annotations

import pytest

from juesuan.readers.grid import DocGrid
from juesuan.readers.identity import listed_tables, read_identity
from juesuan.readers.kinds import title_kind


def _lines(*texts):
    g = DocGrid(source="x", kind="text")
    for t in texts:
        g.add_text(t, None)
    return g.lines


def test_wrapped_name_on_the_cover():
    ident = read_identity(_lines("上海市普陀区规划和自然", "资源局", "2024年度部门决算", "目录", "第一部分 概况", "第一部分 概况"))
    assert ident.department == "上海市普陀区规划和自然资源局" and ident.year == 2024 and ident.level == "部门"


def test_web_page_header_stamps_and_dates_are_not_the_name():
    ident = read_identity(_lines("来源:某某县财政局    发布时间:2024-09-24 16:08:34", "保密审查情况:已审查", "2024年9月26日",
                                 "某某县财政局2023年度部门决算", "目 录", "第一部分 部门概况", "一、收入支出决算总表 1",
                                 "二、收入决算表 ........ 2", "第一部分 部门概况"))
    assert (ident.department, ident.year, ident.level) == ("某某县财政局", 2023, "部门")
    assert listed_tables(ident) == ["summary", "income"]
    assert [e.text for e in ident.contents] == ["第一部分 部门概况", "一、收入支出决算总表", "二、收入决算表"]


def test_name_with_year_attached_and_no_year_anywhere():
    ident = read_identity(_lines("部门名称：某某市审计局2024年度", "收入决算表"))
    assert ident.department == "某某市审计局"
    ident = read_identity(_lines("目录", "第一部分 XX部门(单位)概况", "第二部分 部门决算表", "一、收入决算表", "第一部分"))
    assert ident.year is None and ident.department is None


@pytest.mark.parametrize("text,kind", [
    ("公开01表 收入支出决算总表", "summary"),
    ("附表3 支出决算总表", "expenditure"),
    ("七、一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", "three_public"),
    ("大同市住房和城乡建设局2024年度一般公共预算财政拨款支出决算表", "general_budget"),
    ("财政拨款\"三公\"经费、行政参公单位机关运行经费情况表", "three_public"),
    ("一般公共预算财政拨款项目支出决算表", "other"),
    ("五、一般公共预算财政拨款支出决算情况说明", None),
    ("详见一般公共预算财政拨款支出决算表", None),
])
def test_title_variants(text, kind):
    hit = title_kind(text)
    assert (hit[0] if hit else None) == kind


@pytest.mark.parametrize("text,province", [("大同市住房和城乡建设局", "山西"), ("西双版纳傣族自治州农垦局", "云南"),
                                           ("泸州市中医医院", "四川"), ("柞水县审计局", None), ("长治久安", None)])
def test_province_from_a_city(text, province):
    from juesuan.readers.kinds import province_of

    hit = province_of(text)
    assert (hit[0] if hit else None) == province
