from __future__ import annotations

from ..common import check_equalities
from ..engine import COMPARE, rule


@rule("XTAB-002", "收入支出决算总表与支出决算表一致", "error", messages=COMPARE)
def check(c):
    """公开01 本年支出合计 and each 类 line equal 公开03's 合计 row and 类 rows (本年支出合计 column).

    Example: 公开01 城乡社区支出 76,222.00 but 公开03 212 本年支出合计 76,212.00 → 错误.
    """
    yield from check_equalities(c, "XTAB-002")  # the pairs of identities.yaml
