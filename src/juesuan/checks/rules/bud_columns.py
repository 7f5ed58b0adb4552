from __future__ import annotations

from ... import identities
from ..budget import COMPARE, column_sums, sum_check
from ..engine import rule


@rule("BUD-004", "合计栏等于各分栏之和", "error", documents=("budget",), messages=COMPARE)
def check(c):
    """Row by row in every budget table: 支出 合计 = 基本支出 + 项目支出 (支出预算总表, 一般公共预算 /
    政府性基金 / 国有资本经营预算支出功能分类预算表); 合计 = 人员经费 + 公用经费 (基本支出经济分类预算表);
    收入 合计 = 财政拨款收入 + 事业收入 + 事业单位经营收入 + 其他收入 (收入预算总表); 财政拨款支出 合计 =
    一般公共预算 + 政府性基金预算 + 国有资本经营预算; a 单位预算's 预算数 = 人员经费 + 公用经费 + 项目支出.
    A part printed both whole and split (基本支出 and 人员经费/公用经费, 财政拨款收入 and its funds)
    counts once and equals its split. Other templates' columns (上年结转, 上级补助收入, 上缴上级支出 …)
    take part where printed.
    In 元 printed to the 分 the 合计 must be exact.

    Example: 支出预算总表 2120101 行政运行 合计 17,887,739 but 基本支出 17,737,739 + 项目支出 150,100 =
    17,887,839 → 错误.
    """
    for t in identities.budget().tables:  # the column sums of identities_budget.yaml
        table = c.table(t)
        if table is not None:
            for cell, cells in column_sums(table):
                yield sum_check(c, cell, cells)
