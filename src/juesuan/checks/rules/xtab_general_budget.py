from __future__ import annotations

from ..common import check_equalities
from ..engine import COMPARE, rule


@rule("XTAB-004", "财政拨款收支总表一般公共预算栏与一般公共预算支出表一致", "error", messages=COMPARE)
def check(c):
    """公开04's 一般公共预算财政拨款 column equals 公开05: 本年支出合计 and every 类.

    Example: 公开04 城乡社区支出 一般公共预算 76,221.90 but 公开05 212 小计 76,211.90 → 错误.
    """
    yield from check_equalities(c, "XTAB-004")  # the pairs of identities.yaml
