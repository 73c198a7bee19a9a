"""The health screens for the README (called by installer/screenshots.py after the demo data is in): the Health
page, a record's Medical care tab (notes with a NEWS2 alert, the charts, the medication record), its Timeline,
the nursing form, the round of vitals, the review of restricted entries opened and the health summary."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QTabWidget, QWidget

from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.installation import Centre

Grab = Callable[[QWidget, Path, str], None]
Settle = Callable[..., None]


def health_screens(centre: Centre, actor: Actor, session: object, out: Path, grab: Grab, settle: Settle) -> None:
    from centre_desk.services.entries.kinds import kind
    from centre_desk.ui.entries.form import EntryDialog
    from centre_desk.ui.entries.glass_review import GlassReviewPage
    from centre_desk.ui.entries.tab import EntriesTab
    from centre_desk.ui.health.round_dialog import RoundDialog
    from centre_desk.ui.health.today_page import HealthTodayPage

    window = session.window  # type: ignore[attr-defined]
    window.show_page("health")
    today = window.findChild(HealthTodayPage)
    today.refresh()
    settle(lambda: today.view is not None and not today.loading)
    grab(window, out, "health-today")
    alert = next(a for a in today.view.alerts if a.kind == "news2")
    record = session.residents.show_record(alert.resident_id)  # type: ignore[attr-defined]
    record.resize(1280, 689)
    tab = next(t for t in record.entry_tabs if isinstance(t, EntriesTab) and t.record_tab.code == "health")
    record.tabs.setCurrentWidget(tab)
    panel = tab.show_page("nursing_note")
    settle(lambda: panel.loaded)  # type: ignore[attr-defined]
    grab(record, out, "record-health")
    charts = tab.show_page("vitals_chart")
    settle(lambda: charts.loaded, 300)  # type: ignore[attr-defined]
    settle(lambda: False, 30)
    grab(record, out, "record-charts")
    counselling = next(t for t in record.entry_tabs if t.record_tab.code == "counselling")
    record.tabs.setCurrentWidget(counselling)
    sessions = counselling.show_page("counselling_session")
    settle(lambda: sessions.loaded)  # type: ignore[attr-defined]
    grab(record, out, "record-counselling")
    record.tabs.setCurrentWidget(record.timeline_tab)
    settle(lambda: record.timeline_tab.loaded)
    grab(record, out, "record-timeline")
    rid = alert.resident_id
    dialog = EntryDialog(kind("nursing_note"), actor, record, None,
                         preview=lambda data: centre.entries.preview(actor, "nursing_note", rid, data))  # fmt: skip
    for name, text in (("temperature", "39,4"), ("pulse", "118"), ("systolic", "98"), ("diastolic", "60"),
                       ("resp_rate", "24"), ("spo2", "94"), ("consciousness", "A"), ("evolution", "worse"),
                       ("note", "Sốt cao, rét run; đã chườm mát, cho uống paracetamol, báo bác sĩ")):  # fmt: skip
        dialog.fields[name].set_text(text)
    dialog.fields["notify_manager"].set_text("1")
    dialog.update_preview()
    dialog.show()
    settle(lambda: False, 20)
    grab(dialog, out, "nursing-form")
    dialog.reject()
    record.close()
    with_plans = next((r for r in today.view.rows if r.doses_missed or r.doses_due), today.view.rows[0])
    record = session.residents.show_record(with_plans.resident_id)  # type: ignore[attr-defined]
    record.resize(1280, 689)
    tab = next(t for t in record.entry_tabs if t.record_tab.code == "health")
    record.tabs.setCurrentWidget(tab)
    mar = tab.show_page("medication_record")
    settle(lambda: mar.loaded)  # type: ignore[attr-defined]
    grab(record, out, "record-medication")
    record.close()
    here = [r for r in today.view.rows if r.presence in ("present", "absent")]
    round_ = RoundDialog(window, here, None)
    round_.when.set_value(datetime.now().replace(second=0, microsecond=0))
    typed = (("36,8", "82", "116", "74", "18", "98", "A"), ("37,1", "88", "121", "79", "16", "97", "A"),
             ("52", "", "", "", "", "", ""))  # fmt: skip
    for row, values in enumerate(typed):
        for column, text in enumerate(values):
            round_.model.item(row, column + 1).setText(text)
    round_.accept()  # refused: the slip in the third row is shown on its cell and under the grid
    round_.show()
    settle(lambda: False, 20)
    grab(round_, out, "vitals-round")
    round_.reject()
    counsellor = next(a for a in centre.accounts.all_accounts(actor) if Role.COUNSELLOR in a.roles)
    helper = centre.accounts.authenticate(counsellor.login, "mật khẩu tạm thời 2026")
    test = next(r for r in centre.entries.page(actor, "health_test", alert.resident_id).rows)
    centre.entries.break_glass(helper, "health_test", test.id, "Em ấy ngất ở lớp học, cần biết kết quả xét nghiệm")
    window.show_page("administration")
    tabs = window.findChild(QTabWidget, "administrationTabs")
    review = window.findChild(GlassReviewPage)
    tabs.setCurrentWidget(review)
    settle(lambda: not review.loading and review.model.rowCount() > 0)
    grab(window, out, "glass-review")
    pdf = out / "health-summary.pdf"
    pdf.write_bytes(centre.health_papers.summary_pdf(actor, alert.resident_id, include_sensitive=False).pdf)
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(out / "health-summary")], check=True)
    pdf.unlink()
    print("wrote", out / "health-summary-1.png")
    QThreadPool.globalInstance().waitForDone()
