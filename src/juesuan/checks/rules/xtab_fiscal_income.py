from __future__ import annotations

from ..common import check_equalities
from ..engine import COMPARE, rule


@rule("XTAB-003", "财政拨款收入在各表一致", "error", messages=COMPARE)
def check(c):
    """公开01's three 财政拨款收入 lines equal 公开04's; 公开02 财政拨款收入 (合计) equals 公开04 本年收入合计.

    Example: 公开01 一般公共预算财政拨款收入 96,908.75 but 公开04 96,980.75 → 错误 (疑为两位数字颠倒).
    """
    yield from check_equalities(c, "XTAB-003")  # the pairs of identities.yaml
