from __future__ import annotations

from ... import identities
from ..common import check_sum, row_sums
from ..engine import COMPARE, rule


@rule("SUM-003", "合计栏等于各分栏之和", "error", messages=COMPARE)
def check(c):
    """Row by row: 本年收入合计 = 财政拨款 + 上级补助 + 事业 + 经营 + 附属单位上缴 + 其他 (公开02);
    本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助 (公开03);
    小计 = 基本支出 + 项目支出 (公开05/07/08).

    Example: 公开05表 221 住房保障支出 小计 15,847.12, 基本 115.64 + 项目 15,731.47 = 15,847.11 → 提示 (rounding).
    """
    for identity in identities.checked_by("SUM-003"):  # the column sums of identities.yaml
        tid, total, parts = identity.table, identity.column, [col for _, col in identity.terms]
        t = c.table(tid)
        if t is not None:
            for cell, cells in row_sums(t, total, parts):
                yield check_sum(c, cell, cells)
