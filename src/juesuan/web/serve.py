"""``juesuan serve``: migrate, optionally load the demo, run the queue worker beside the web server."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROLES_HELP = "管理员 admin · 审核人 reviewer · 填报人 datong-tb / putuo-tb · 部门负责人 datong-fz / putuo-fz · 单位填报人 datong-dw / putuo-dw"


def serve(*, host: str, port: int, data: Path, demo: bool, workers: int = 2, say=print) -> int:
    from . import setup

    data = Path(data).resolve()
    setup(data)
    from django.conf import settings
    from django.core.management import call_command

    say(f"数据文件夹：{data}（数据库：{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}）")
    call_command("migrate", verbosity=0, interactive=False)
    if demo:
        from .demo import load

        logins = load(say)
        if logins:
            say("已导入演示数据：示例市财政局，两个部门及其所属单位（部门的2024年度填报工作簿已上传并排队编制）。")
        logins_file = settings.DATA_DIR / "demo-logins.txt"
        if logins_file.exists():
            say(f"演示账号（{ROLES_HELP}），密码见 {logins_file}：")
            for line in logins_file.read_text(encoding="utf-8").splitlines():
                name, pw = line.split("\t")
                say(f"  {name:12} {pw}")
    url_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    say(f"请用浏览器打开 http://{url_host}:{port}/ 登录；按 Ctrl+C 停止。")
    worker = subprocess.Popen([sys.executable, "-m", "juesuan.web.manage", "qcluster"], env={**os.environ, "JUESUAN_DATA": str(data)})
    try:
        import uvicorn

        # Django runs a sync view on one thread per process under ASGI: concurrency comes from processes.
        uvicorn.run("juesuan.web.asgi:application", host=host, port=port, workers=max(1, workers), log_level="warning", access_log=False)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
    return 0
