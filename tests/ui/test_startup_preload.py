"""Issue 15 item 1: the sign-in window does not wait for the main window's pages; they are imported on a worker
thread while the person types, and pressing Đăng nhập finds them ready."""

from __future__ import annotations

import os
import subprocess
import sys

PAGES = ("centre_desk.ui.shell.pages", "centre_desk.ui.activities.page", "centre_desk.ui.payments.page",
         "centre_desk.ui.shell.residents", "centre_desk.ui.administration.audit.page")  # fmt: skip

SCRIPT = f"""
import sys, threading
import centre_desk.app
import centre_desk.ui.shell.preload as app
pages = {PAGES!r}
print("before", sorted(m for m in pages if m in sys.modules))
print("papers", sorted(m for m in ("reportlab", "PySide6.QtPdf", "alembic", "openpyxl") if m in sys.modules))
app.start_preloading()
worker = app._preloading[0]
build = app.preloaded_pages()
print("after", sorted(m for m in pages if m in sys.modules), worker.name != threading.current_thread().name,
      worker.is_alive(), build.__module__)
"""


def test_the_pages_are_imported_off_the_ui_thread_after_the_app_module() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    before, papers, after = result.stdout.strip().splitlines()[-3:]
    assert before == "before []"  # the sign-in window is drawn without them
    assert papers == "papers []"  # nor the PDF libraries (the first-run wizard's recovery sheet needs them)
    assert after == f"after {sorted(PAGES)} True False centre_desk.ui.shell.pages"
