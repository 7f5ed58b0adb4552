from __future__ import annotations

from ..common import check_equalities
from ..engine import COMPARE, rule


@rule("XTAB-001", "收入支出决算总表与收入决算表一致", "error", messages=COMPARE)
def check(c):
    """公开01 本年收入合计 and each income source equal 公开02's 合计 row (财政拨款收入 = the three 财政拨款 lines of 公开01).

    Example: 公开01 其他收入 0.11 but 公开02 合计 其他收入 1.10 → 错误 (疑为小数点错位).
    """
    yield from check_equalities(c, "XTAB-001")  # the pairs of identities.yaml
