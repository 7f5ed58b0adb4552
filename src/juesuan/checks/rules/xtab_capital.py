from __future__ import annotations

from ..common import check_equalities
from ..engine import COMPARE, rule


@rule("XTAB-007", "财政拨款收支总表国有资本经营栏与国有资本经营表一致", "error", messages=COMPARE)
def check(c):
    """公开04's 国有资本经营预算财政拨款 column equals 公开08 (支出 by 类 and total; 收入 and 结转结余 where 公开08 prints them).

    Example: 公开04 国有资本经营 本年支出合计 12.00 but 公开08 prints 本表无数据 → 错误.
    """
    yield from check_equalities(c, "XTAB-007")  # the pairs of identities.yaml
