from __future__ import annotations

from ..common import check_equalities
from ..engine import COMPARE, rule


@rule("XTAB-006", "财政拨款收支总表政府性基金栏与政府性基金表一致", "error", messages=COMPARE)
def check(c):
    """公开04's 政府性基金预算财政拨款 column (支出 by 类 and total, 收入, 年初 and 年末结转和结余) equals 公开07.

    Example: 公开04 其他支出 政府性基金 714,846.01 but 公开07 229 本年支出小计 714,864.01 → 错误.
    """
    yield from check_equalities(c, "XTAB-006")  # the pairs of identities.yaml
