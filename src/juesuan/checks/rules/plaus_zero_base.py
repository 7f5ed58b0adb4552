from __future__ import annotations

from ..engine import Message, rule
from ..stated import claims, current, loc, signed
from ..values import Value, budget_value, prior_value


_ZERO_BASE = "情况说明中{label}的百分比{text}以零为基数（{what}为0），无法计算。"
ZERO_PERCENT = Message("zero_percent", "warning", _ZERO_BASE, "以零为基数而印为0%：多为模板的惯例，提请核对")
PERCENT = Message("percent", "error", _ZERO_BASE, "以零为基数却印出非零的百分比")
SPENT = Message("spent", "error", "绩效自评表“{form}”{source}的全年预算数为0，却执行了{spent}万元，执行率无法计算。",
                "预算为0的资金来源有执行数")
CONVENTION = Message("convention", "info", "绩效自评表“{form}”{source}的全年预算数为0，执行率按惯例印为{rate}%（实际无法计算）。",
                     "预算为0、无执行：模板的系统按惯例印执行率0")


@rule("PLAUS-003", "以零为基数的百分比", "error", messages=(ZERO_PERCENT, PERCENT, SPENT, CONVENTION))
def check(c):
    """A percentage of a zero base is undefined: a share of a zero total, 完成预算 of a zero budget, a 增长
    rate when last year was zero, a performance form's 执行率 with 全年预算数 0. A stated 0% there is a 警告,
    any other figure an 错误.

    Example: 上海 七、“因公出国（境）费决算为0.00万元，完成预算的0%” with 预算数 0 → 警告; “教育支出…较上年
    决算增加2,800.00万元，增长100%” with 上年 0 → 错误.
    """
    for claim in claims(c, "share", "completion", "change_pct"):
        q = claim.quantity
        if claim.kind == "share":
            base = current(c, claim.base, claim) if claim.base is not None else None
            what = f"基数{claim.base_text or (claim.base.label if claim.base else '')}"
        elif claim.kind == "completion":
            base = Value(claim.budget.value, claim.budget.error) if claim.budget is not None else budget_value(c, q)
            what = "预算数"
        else:
            now = current(c, q, claim)
            if claim.change is not None and now is not None:
                base = Value(now.value - signed(claim.change), now.error + claim.change.error)
            else:
                base = prior_value(c, q)
            what = "上年数"
        if base is None or base.value > base.error:
            continue
        yield c.report(ZERO_PERCENT if claim.value == 0 else PERCENT, loc(c, claim),
                       {"label": q.label, "text": claim.text, "what": what}, expected="不列百分比", found=claim.value,
                       suggestion="删去该百分比，或说明“上年无此项支出”“未安排预算”。")
    for form in c.disclosure.performance:
        # The 资金总额 row speaks for the form (its source rows repeat the same convention).
        i = c.scored(form).total_row
        for i, row in ([(i, form.funding[i])] if i is not None else []):
            if row.annual_budget != 0 or row.rate is None:
                continue
            spent = row.executed or 0
            if spent > 0:
                yield c.report(SPENT, c.form_loc(form, f"funding[{i}].executed", f"{row.source}全年执行数"),
                               {"form": form.name, "source": row.source, "spent": f"{spent.normalize():f}"},
                               expected="预算为0时无执行", found=spent)
            else:
                # The template's system prints 执行率 0 and 得分 0 for a zero budget: a convention, noted.
                yield c.report(CONVENTION, c.form_loc(form, f"funding[{i}].rate", f"{row.source}执行率"),
                               {"form": form.name, "source": row.source, "rate": f"{row.rate.normalize():f}"},
                               expected="无法计算", found=row.rate)
