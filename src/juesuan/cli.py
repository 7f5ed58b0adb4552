"""The ``juesuan`` command (typer + rich). User-facing text is Chinese."""
from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

from . import __version__
from .errors import InputError
from .ui import console, err_console, working

_TYPE_WORDS = {"path": "路径", "str": "文本", "int": "整数", "float": "数"}


def _chinese_rich_utils() -> None:
    """Help and usage errors in Chinese: typer's panel titles and fixed strings are module constants
    of ``typer.rich_utils``, which typer imports only to print help or an error (it and the parts of
    rich it pulls in cost ~0.1 s a run), so they are set just before, not at start-up."""
    import typer.rich_utils

    for name, text in {
        "ARGUMENTS_PANEL_TITLE": "参数", "OPTIONS_PANEL_TITLE": "选项", "COMMANDS_PANEL_TITLE": "命令",
        "ERRORS_PANEL_TITLE": "错误", "DEFAULT_STRING": "[默认：{}]", "REQUIRED_LONG_STRING": "[必填]",
        "ABORTED_TEXT": "已中止。", "RICH_HELP": "用 [blue]{command_path} {help_option}[/] 查看帮助。",
    }.items():
        setattr(typer.rich_utils, name, text)


class _ChineseHelp:
    """Help pages in Chinese: the help option's text, ``用法：``, value types as Chinese words
    and no type at all for on/off switches (typer would print ``<bool>``)."""

    def format_help(self, ctx, formatter) -> None:
        _chinese_rich_utils()
        return super().format_help(ctx, formatter)

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except (ClickException, Abort):  # a usage error: typer prints it with rich_utils
            _chinese_rich_utils()
            raise

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出"
        return option

    def get_params(self, ctx):
        params = super().get_params(ctx)
        self.options_metavar = "[选项]"
        for param in params:
            if getattr(param, "is_flag", False) or param.metavar is not None:
                param.display_type_rich = lambda ctx: None  # a switch, or an argument its metavar names
                if getattr(param, "is_flag", False):
                    param.show_default = False
            else:
                plain = (param.display_type(ctx) or "").strip("<>")
                word = _TYPE_WORDS.get(plain.removeprefix("list[").removesuffix("]").lower(), plain)
                param.display_type_rich = lambda ctx, word=word, many=param.nargs != 1: f"<{word}>" + ("…" if many else "")
        return params

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="用法：")


class ChineseCommand(_ChineseHelp, TyperCommand):
    pass


# Exit codes: 0 no errors, 1 errors found in the disclosure, 2 unusable input (or an output
# location that cannot be written), 3 an internal failure of juesuan itself.
EXIT_INTERNAL = 3
# --debug (anywhere on the command line) or JUESUAN_DEBUG=1: tracebacks are shown.
_debug = bool(os.environ.get("JUESUAN_DEBUG"))
Abort = typer.Abort
try:  # typer ≥ 0.20 carries its own click (and its Abort is typer's own, not click's)
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException


class GuardedGroup(TyperGroup):
    """Every command's failures in one place: bad input is a Chinese message and exit 2; a
    failure of juesuan itself is exit 3 with how to report it; a traceback only with --debug."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (ClickException, Abort):
            _chinese_rich_utils()
            raise
        except typer.Exit:
            raise
        except (Exception, KeyboardInterrupt, MemoryError, RecursionError) as exc:  # noqa: BLE001 - the last resort
            handle_failure(exc)


def handle_failure(exc: BaseException) -> None:
    """A command's failure as its message and exit code (raises ``typer.Exit``); also used by the
    fast entry point (``juesuan.entry``), which runs a plain ``audit`` without typer."""
    if isinstance(exc, InputError):
        if _debug:
            import traceback

            traceback.print_exception(exc)
        fail_input(exc)
    if isinstance(exc, KeyboardInterrupt):
        err_console.print("[yellow]已中断：未完成的输出没有写出（已有的文件保持原样）。[/]")
        raise typer.Exit(130) from None
    if isinstance(exc, BrokenPipeError):  # `juesuan … | head`: the reader has gone, as for any Unix tool
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        raise typer.Exit(141) from None
    internal_error(exc)


def internal_error(exc: BaseException) -> None:
    if _debug:
        import traceback

        traceback.print_exception(exc)
    err_console.print(f"[bold red]juesuan 内部错误（{type(exc).__name__}）：这是程序的缺陷，不是您的文件的问题。[/]", highlight=False)
    err_console.print(
        "请向 juesuan 的维护者报告（项目主页的 Issues）：附上所用的命令、juesuan 的版本，以及加 --debug 重新运行时显示的详细信息；"
        "如文件可以公开，也请附上。已写出的文件都是完整的（输出先写到临时文件再改名）。",
        highlight=False, soft_wrap=True,
    )
    raise typer.Exit(EXIT_INTERNAL)


class ChineseGroup(_ChineseHelp, GuardedGroup):
    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, "[选项] 命令 [参数]…", prefix="用法：")


app = typer.Typer(
    name="juesuan",
    help="juesuan 决算：部门决算公开的编制、审核与核查工具。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    cls=ChineseGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        console.print(f"juesuan {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", "-V", help="显示版本号并退出", is_eager=True, callback=_show_version),
) -> None:
    """juesuan 决算：部门决算公开的编制、审核与核查工具。"""


def fail_input(exc: InputError) -> None:
    err_console.print(f"[bold red]{exc.heading}（共{len(exc.problems)}处），未写出任何文件：[/]")
    for p in exc.problems:
        err_console.print(f"  • {p}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def parse_formats(text: str) -> list[str]:
    from .writers import WRITERS

    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        err_console.print(f"[red]未知的输出格式：{'、'.join(unknown)}；可选：{'、'.join(WRITERS)}[/]")
        raise typer.Exit(2)
    return formats


@app.command(cls=ChineseCommand)
def build(
    source: Path = typer.Argument(..., metavar="来源", help="输入：示例文件夹（department.yaml 等）、填报工作簿（.xlsx）或决算软件导出的公开表（.xls/.xlsx，文件或文件夹）"),
    out: Path = typer.Option(Path("out"), "-o", "--out", help="输出文件夹"),
    formats: str = typer.Option("json,xlsx,docx,html,pdf", "--formats", "-f", help="输出格式，逗号分隔：json,xlsx,docx,html,pdf"),
    profile: Optional[str] = typer.Option(None, "--profile", help="模板（默认取单位信息中的 profile）：shanxi、shanghai、shanghai-budget、shanghai-budget-unit 或模板文件夹路径"),
    force: bool = typer.Option(False, "--force/--no-force", help="审核发现“错误”时仍写出公开文档"),
    inputs: Optional[Path] = typer.Option(None, "--inputs", help="输入为决算软件导出的公开表时：填报工作簿（原因说明、上年数、年初预算、概况等）"),
    font: Optional[str] = typer.Option(None, "--font", help="正文字体：宋体、仿宋、楷体、黑体，或字体文件（.ttf/.ttc）；默认宋体，标题黑体"),
) -> None:
    """编制：由末级数据生成全部表格、情况说明和绩效自评表（决算）或预算表和编制说明（预算），写出 JSON、Excel、Word、网页和 PDF。"""
    from .pipeline import compile_source, output_stem, run_checks, write_outputs
    from .report import print_findings, severity_counts

    fmts = parse_formats(formats)
    try:
        with working("正在编制…"):  # status and progress on stderr: stdout is the report
            disclosure, prof = compile_source(source, profile, inputs)
            findings = run_checks(disclosure, prof)
    except InputError as exc:
        fail_input(exc)
        return
    counts = severity_counts(findings)
    if findings:
        print_findings(console, findings, title="审核结果")
    publishable = {"docx", "pdf", "html"}
    if counts.get("error") and not force:
        held = [f for f in fmts if f in publishable]
        fmts = [f for f in fmts if f not in publishable]
        if held:
            err_console.print(f"[red]审核发现 {counts['error']} 处错误，未写出公开文档（{'、'.join(held)}）；修正后重试，或加 --force。[/]")
    from .writers import fonts

    fonts.prefer(font)
    cut: list[tuple[str, str]] = []
    written, skipped = write_outputs(disclosure, prof, out, output_stem(source), fmts, notes=cut)
    for path in written:
        err_console.print(f"已写出 {path}", highlight=False)
    used = fonts.summary([p.suffix.lstrip(".") for p in written])
    if used:
        err_console.print(used, highlight=False, markup=False)
    for fmt, message in cut:
        err_console.print(f"[yellow]警告 {fmt}：{escape(message)}[/]")
    for fmt, reason in skipped.items():
        err_console.print(f"[yellow]跳过 {fmt}：{escape(reason)}[/]")
    raise typer.Exit(1 if counts.get("error") else 0)


@app.command(cls=ChineseCommand)
def check(
    source: Path = typer.Argument(..., metavar="来源", help="模型 JSON、示例文件夹或填报工作簿"),
    fmt: str = typer.Option("table", "--format", help="输出格式：table（终端中为表格，文件或管道中为逐条列表）、json、html、xlsx（批注工作簿，需 -o）、checklist（公开情况检查表，需 -o）"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="把报告写到文件"),
    profile: Optional[str] = typer.Option(None, "--profile", help="模板"),
) -> None:
    """审核：对模型运行全部勾稽规则，列出问题及位置。"""
    from . import sources
    from .pipeline import run_checks
    from .report import FORMATS, emit

    if fmt not in FORMATS:
        err_console.print(f"[red]未知的报告格式：{fmt}；可选：{'、'.join(FORMATS)}[/]")
        raise typer.Exit(2)
    try:
        disclosure, prof = sources.load(source, profile)
        findings = run_checks(disclosure, prof)
    except InputError as exc:
        fail_input(exc)
        return
    code = emit(console, findings, fmt, output, disclosure=disclosure, profile=prof)
    raise typer.Exit(code)


@app.command(cls=ChineseCommand)
def rules(write: Optional[Path] = typer.Option(None, "--write", help="把规则目录写成 Markdown（如 docs/rules.md）")) -> None:
    """列出全部审核规则：编号、名称、级别、适用模板。"""
    from .checks.catalogue import print_rules

    raise typer.Exit(print_rules(console, write))


@app.command(cls=ChineseCommand)
def audit(
    files: list[Path] = typer.Argument(..., metavar="文件", help="已公开的决算或预算文档：PDF、Word（.docx；.doc 等经 LibreOffice 转换）、Excel（.xlsx/.xls/.ods）、HTML 或提取的文本（可多个）"),
    fmt: str = typer.Option("table", "--format", help="审核结果格式：table（终端中为表格，写入文件或管道时为逐条列表）、json、html（网页报告）、checklist（公开情况检查表 .xlsx，需 -o）"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="把审核报告写到文件（多个文档时为文件夹）"),
    export: Optional[Path] = typer.Option(None, "--export", help="把读出的模型（JSON）和公开表格工作簿写到此文件夹"),
    profile: Optional[str] = typer.Option(None, "--profile", help="模板（默认从文档自动识别）"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="并行核查的进程数（默认：全部 CPU 核）"),
    cluster: Optional[str] = typer.Option(None, "--cluster", help="在 Dask 分布式集群上核查：调度器地址，如 tcp://127.0.0.1:8786"),
    summary: Optional[Path] = typer.Option(None, "--summary", help="把汇总工作簿 audit-summary.xlsx 和仪表板 audit-dashboard.html 写到此文件夹"),
    prior: Optional[Path] = typer.Option(None, "--prior", help="同一部门上一年度的决算（或预算）文档：核对本年所述上年数；或同年度的预算文档：核对决算所列年初预算数"),
    no_cache: bool = typer.Option(False, "--no-cache", help="不使用也不保存核查结果缓存（默认按文件内容缓存，重跑只核查新文档）"),
) -> None:
    """核查：读取已公开的文档（原样，包括错误的合计），运行同一套审核规则。文件夹和多个文档并行核查。"""
    if len(files) == 1 and not files[0].is_dir() and jobs is None and cluster is None and summary is None and prior is None:
        from .audit import audit_command

        raise typer.Exit(audit_command(console, files, fmt=fmt, output=output, export=export, profile=profile))
    from .batch.command import batch_audit_command

    raise typer.Exit(batch_audit_command(console, files, fmt=fmt, output=output, export=export, profile=profile, jobs=jobs,
                                         cluster=cluster, summary=summary, use_cache=not no_cache, prior=prior))


@app.command("export", cls=ChineseCommand)
def export_data(
    inputs: list[Path] = typer.Argument(..., help="已公开的决算或预算文档或其所在文件夹"),
    to: Path = typer.Option(..., "--to", help="数据包输出文件夹（CSV、Parquet 与 datapackage.json）"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="并行核查的进程数（默认：全部 CPU 核）"),
    cluster: Optional[str] = typer.Option(None, "--cluster", help="Dask 调度器地址"),
    profile: Optional[str] = typer.Option(None, "--profile", help="模板（默认从文档自动识别）"),
    no_cache: bool = typer.Option(False, "--no-cache", help="不使用核查结果缓存"),
) -> None:
    """开放数据：把文档读成整洁的数据表（单元格、情况说明数字、问题、绩效自评表），写出 CSV、Parquet 和数据包描述。"""
    from .batch.command import export_command

    raise typer.Exit(export_command(inputs, to, jobs=jobs, cluster=cluster, profile=profile, use_cache=not no_cache))


@app.command(cls=ChineseCommand)
def init(
    path: Path = typer.Argument(..., metavar="工作簿", help="要生成的填报工作簿（.xlsx）"),
    profile: Optional[str] = typer.Option(None, "--profile", help="模板：shanxi、shanghai，预算为 shanghai-budget（部门预算）或 shanghai-budget-unit（单位预算）（默认取 --example 或 --from 的模板，否则 shanxi）"),
    from_: Optional[Path] = typer.Option(None, "--from", help="上年的决算或预算（工作簿、JSON、PDF 或 DOCX），用于填入上年数（预算：上年预算数，并以上年各项为起点）"),
    example: Optional[Path] = typer.Option(None, "--example", help="用已有的示例文件夹预填工作簿；预算也可用本年已公开的预算文档（PDF、DOCX、HTML、JSON）"),
    unit: Optional[str] = typer.Option(None, "--unit", help="填报金额单位：元（决算软件导出的数）或万元（默认取 --example 的单位，否则万元）"),
) -> None:
    """生成填报工作簿：每张表一个工作表，只填末级数据，合计为公式。"""
    from .init import init_command

    raise typer.Exit(init_command(console, path, profile=profile, from_path=from_, example=example, unit=unit))


@app.command(cls=ChineseCommand)
def profiles() -> None:
    """列出内置模板。"""
    from . import profiles as p

    for name in p.available():
        prof = p.load(name)
        console.print(f"{prof.id}\t{prof.name}\t{len(prof.tables)}张表")


@app.command()
def serve(
    port: int = typer.Option(8000, "--port", help="端口"),
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址（对外服务请放在反向代理之后）"),
    data: Path = typer.Option(Path("juesuan-data"), "--data", help="数据文件夹：SQLite 数据库、上传和生成的文件（设 DATABASE_URL 则用 PostgreSQL）"),
    demo: bool = typer.Option(False, "--demo", help="导入两个示例部门和演示账号"),
    workers: int = typer.Option(2, "--workers", help="网页进程数（后台编制另有一个进程）"),
) -> None:
    """网页平台：财政局与各部门在线上传、审核、退回、审定和公开决算（需 pip install 'juesuan[web]'）。"""
    try:
        from .web.serve import serve as run
        from .web import require_django

        require_django()
    except ImportError as exc:
        err_console.print(str(exc), style="red", markup=False, highlight=False)
        raise typer.Exit(2)
    raise typer.Exit(run(host=host, port=port, data=data, demo=demo, workers=workers, say=lambda s: console.print(s, highlight=False, markup=False, soft_wrap=True)))


def main() -> None:
    # One short run allocating many objects: at the default threshold (700) Python runs 150–360
    # collections a build (35–75 ms, measured); at 10,000 about 10–25 (15–60 ms). Cycles are still freed.
    gc.set_threshold(10_000, 20, 20)
    global _debug
    from . import guard

    if "--debug" in sys.argv[1:]:
        sys.argv.remove("--debug")
        _debug = True
    guard.use_process_limits()  # our own process: a timer signal and a memory cap while reading
    try:
        app()
    except InputError as exc:  # pragma: no cover - the group catches them
        err_console.print(str(exc))
        sys.exit(2)
    except (Exception, MemoryError) as exc:  # noqa: BLE001 - pragma: no cover - outside any command
        try:
            internal_error(exc)
        except typer.Exit:
            sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
