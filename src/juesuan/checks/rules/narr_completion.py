from __future__ import annotations

from ... import patterns
from ..engine import Message, fmt, rule
from ..stated import claims, current, describe_pct, loc
from ..tolerance import check_percent
from ..values import Value, budget_value

# Which budget a figure is: 年初预算 (initial) or 全年预算 (adjusted during the year, 调整后).
_ANNUAL = patterns.compile(r"全年预算|调整后的?预算|调整预算")
_INITIAL = patterns.compile(r"年初预算")
BASIS_ZH = {"initial": "年初预算", "annual": "全年预算（调整后）"}
ROUNDING = Message("rounding", "info", "情况说明称{quantity}完成预算的{said}，计算为{computed}，差异在尾数误差以内。",
                   "相差不超过舍入误差：提示")
RATE = Message("rate", None, "情况说明称{quantity}完成预算的{said}，按决算数和预算数应为{computed}。",
               "完成比例与决算数除以同一口径的预算数不同")
RATE_OTHER_BASIS = Message("rate_other_basis", "warning", "情况说明称{quantity}完成预算的{said}，按决算数和预算数应为{computed}{caveat}。",
                           "所比的预算数口径未说明或与句中所称口径不同：比例可以不同，警告")


def basis_of(text: str | None) -> str | None:
    """``annual`` or ``initial`` when ``text`` names one basis only, else None."""
    if not text:
        return None
    annual, initial = bool(_ANNUAL.search(text)), bool(_INITIAL.search(text))
    return "annual" if annual and not initial else "initial" if initial and not annual else None


def table_basis(c, table_id: str = "three_public") -> str | None:
    """The basis of a table's 预算数 as the document says it: its note as printed, else the note and
    header of the profile's layout of it (shanxi: “预算数为“三公”经费全年预算数”); None when neither says."""
    t = c.disclosure.tables.get(table_id)
    found = basis_of(t.note if t is not None else None)
    if found is None:
        layout = c.layout(table_id)
        if layout is not None:
            header = " ".join(getattr(h, "text", h) or "" for row in layout.header for h in row)
            found = basis_of(layout.note) or basis_of(header)
    return found


def stated_basis(claim) -> str | None:
    """The basis the sentence names for its rate: 完成年初预算的 / 完成全年预算的 (None: 完成预算的)."""
    before = claim.origin[max(0, claim.span[0] - 12): claim.span[0]]
    return basis_of(before[before.rfind("完成"):] if "完成" in before else before)


@rule("NARR-005", "完成预算的比例计算不符", "error", messages=(ROUNDING, RATE, RATE_OTHER_BASIS))
def check(c):
    """“完成年初预算的X%” / “完成全年预算的X%” equals 决算 ÷ 预算, 预算 being the figure stated with it
    (else the 三公 table's 预算数 or the disclosure's 年初预算 data). Held against a 预算 the sentence does not
    state, the rate is certainly wrong only when that 预算 is of the basis the sentence names: the 三公
    table's 预算数 is 全年预算 or 年初预算 as its note (or the profile's header and note) says, the 年初预算
    data are 年初; a basis unknown or different from the one named makes the finding a 警告.

    Example: “年初预算6,973.15万元，支出决算96,908.75万元，完成年初预算的1389.74%” ✓; with 138.97% → 错误.
    “公务接待费…完成年初预算的50.00%” against a 三公 table whose note says its 预算数 is the 全年预算 → 警告.
    """
    for claim in claims(c, "completion"):
        q = claim.quantity
        actual = current(c, q, claim)
        held = None  # the basis of a 预算 the sentence does not state
        if claim.budget is not None:
            budget = Value(claim.budget.value, claim.budget.error)
        else:
            budget = budget_value(c, q)
            held = table_basis(c) if q.key.startswith("three_public:actual:") else "initial"
        if actual is None or budget is None or budget.value == 0:
            continue
        r = check_percent(claim.value, claim.decimals, actual.value, budget.value, actual.error, budget.error)
        if r.verdict in ("ok", "zero_base"):
            continue
        computed = f"{fmt(actual.value)}÷{fmt(budget.value)}＝{describe_pct(r.computed)}"
        fields = {"quantity": q.label, "said": claim.text, "computed": computed}
        if r.verdict == "rounding":
            yield c.report(ROUNDING, loc(c, claim), fields, expected=r.computed, found=claim.value, difference=claim.value - r.computed)
            continue
        named = stated_basis(claim)
        message = RATE
        if claim.budget is None and (held is None or named not in (None, held)):
            message = RATE_OTHER_BASIS  # the 预算 compared may be another basis than the one the rate was computed on
            table = "“三公”经费表的预算数" if q.key.startswith("three_public:actual:") else "年初预算数据"
            fields["caveat"] = (f"（{table}未说明是年初预算还是全年预算，无法确定口径）" if held is None else
                                f"（{table}为{BASIS_ZH[held]}，而情况说明称完成{BASIS_ZH[named]}，口径不同时比例可以不同）")
        yield c.report(message, loc(c, claim), fields, expected=r.computed, found=claim.value, difference=claim.value - r.computed,
                       suggestion=f"将完成比例改为{describe_pct(r.computed)}。" if message is RATE else
                       f"核对预算口径；同一口径下完成比例应为{describe_pct(r.computed)}。")
