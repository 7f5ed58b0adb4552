"""Pydantic validation errors as Chinese problems a preparer can act on."""
from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError

from ..errors import Problem

FIELD_NAMES = {
    "meta": "单位信息", "department": "部门名称", "year": "年度", "unit": "金额单位", "profile": "模板",
    "unit_kind": "单位性质", "functional": "功能分类科目", "code": "科目编码", "name": "科目名称",
    "income": "本年收入", "expenditure": "本年支出", "general_budget": "一般公共预算财政拨款支出",
    "government_fund": "政府性基金预算财政拨款", "state_capital": "国有资本经营预算财政拨款",
    "basic": "基本支出", "project": "项目支出", "begin": "年初结转和结余", "general_basic": "基本支出经济分类",
    "three_public": "三公经费", "budget": "预算数", "actual": "决算数", "procurement": "政府采购",
    "assets": "国有资产", "vehicles": "车辆", "equipment": "设备", "prior_year": "上年决算数",
    "reasons": "原因说明", "fiscal_general": "一般公共预算财政拨款收入", "fiscal_fund": "政府性基金预算财政拨款收入",
    "fiscal_capital": "国有资本经营预算财政拨款收入", "superior": "上级补助收入", "business": "事业收入",
    "operation": "经营", "affiliated": "附属单位", "other": "其他收入", "upper": "上缴上级支出",
    "abroad": "因公出国（境）费", "vehicle_purchase": "公务用车购置费", "vehicle_running": "公务用车运行维护费",
    "reception": "公务接待费", "goods": "货物", "works": "工程", "services": "服务",
}


def _shown(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


# pydantic's other error types, in Chinese (its own messages are English)
_KINDS = {
    "bool_type": "应为 true 或 false", "bool_parsing": "应为 true 或 false",
    "json_invalid": "不是有效的 JSON（括号、引号或逗号不配对）", "json_type": "不是有效的 JSON",
    "string_too_long": "文字过长", "string_too_short": "不能为空",
    "greater_than": "数值过小", "greater_than_equal": "数值过小", "less_than": "数值过大", "less_than_equal": "数值过大",
    "date_parsing": "应为日期（如 2024-12-31）", "date_type": "应为日期（如 2024-12-31）", "date_from_datetime_parsing": "应为日期（如 2024-12-31）",
    "tuple_type": "格式不对：这里应是一个列表", "set_type": "格式不对：这里应是一个列表",
    "too_short": "项数过少", "too_long": "项数过多", "recursion_loop": "结构嵌套过深",
    "union_tag_invalid": "类型不对", "enum": "不是允许的取值",
}


def describe_error(err: dict) -> str:
    kind = err.get("type", "")
    msg = str(err.get("msg", ""))
    if kind in ("missing", "missing_argument", "missing_keyword_only_argument"):
        return "缺少必填项"
    # the model's records are dataclasses: pydantic words an unknown key as an unexpected argument
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "无法识别的字段（请检查拼写）"
    if kind in ("decimal_parsing", "decimal_type", "int_parsing", "int_type", "float_parsing"):
        return f"应为数字，填写的是“{_shown(err.get('input'))}”"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"应为 {expected} 之一，填写的是“{_shown(err.get('input'))}”"
    if kind == "value_error":
        text = msg.removeprefix("Value error, ")
        return text
    if kind in ("string_type",):
        return "应为文字"
    if kind in ("dict_type", "model_type", "model_attributes_type", "dataclass_type", "dataclass_args_type"):
        return "格式不对：这里应是一组“名称: 值”"
    if kind == "list_type":
        return "格式不对：这里应是一个列表"
    if kind in _KINDS:
        return _KINDS[kind]
    if kind.startswith(("int_", "decimal_", "float_")):
        return f"应为数字，填写的是“{_shown(err.get('input'))}”"
    return f"填写的内容不符合要求（{_shown(err.get('input'))}）"


def field_path(loc: tuple) -> str:
    parts = []
    for p in loc:
        if isinstance(p, int):
            parts.append(f"第{p + 1}条")
        else:
            parts.append(FIELD_NAMES.get(str(p), str(p)))
    return "·".join(parts)


def problems_from(exc: ValidationError, locate: Callable[[tuple], tuple[str, str]]) -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        file, where = locate(loc)
        where = f"{where}（{field_path(loc)}）" if where else field_path(loc)
        out.append(Problem(file, where, describe_error(err)))
    return out
