"""The schooling, group-session and payment screens for the README (after the demo data is in): a pupil's
Học văn hóa – Học nghề tab, a record's Chi trả hỗ trợ tab, the Support payments page (the list, the totals, the
rates) and the payment list on paper."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QTabWidget, QWidget

from centre_desk.models.payments import SupportPayment
from centre_desk.models.schooling import SchoolTermResult
from centre_desk.security.access import Actor
from centre_desk.services.installation import Centre

Grab = Callable[[QWidget, Path, str], None]
Settle = Callable[..., None]


def _busiest(centre: Centre, column: object) -> int:
    """The resident with the most rows of a table (its `resident_id` column)."""
    with centre.sessions() as s:
        found = s.execute(select(column).group_by(column).order_by(func.count().desc()).limit(1)).scalar()
    assert found is not None, "the demo data has none"
    return int(found)


def _record_tab(session: object, resident_id: int, tab_code: str, page: str, settle: Settle) -> QWidget:
    record = session.residents.show_record(resident_id)  # type: ignore[attr-defined]
    record.resize(1280, 689)
    tab = next(t for t in record.entry_tabs if t.record_tab.code == tab_code)
    record.tabs.setCurrentWidget(tab)
    panel = tab.show_page(page)
    settle(lambda: getattr(panel, "loaded", True))
    return record  # type: ignore[no-any-return]


def support_screens(centre: Centre, actor: Actor, session: object, out: Path, grab: Grab, settle: Settle) -> None:
    from centre_desk.ui.payments.page import PaymentsPage

    pupil = _busiest(centre, SchoolTermResult.resident_id)
    record = _record_tab(session, pupil, "schooling", "school_term_result", settle)
    grab(record, out, "record-schooling")
    record.close()
    paid = _busiest(centre, SupportPayment.resident_id)
    record = _record_tab(session, paid, "payments", "support_payment", settle)
    grab(record, out, "record-payments")
    record.close()

    window = session.window  # type: ignore[attr-defined]
    window.show_page("payments")
    page = window.findChild(PaymentsPage)
    assert isinstance(page, QTabWidget)
    for index, name in enumerate(("payments-list", "payments-totals", "payments-rates")):
        page.setCurrentIndex(index)
        settle(lambda: False, 60)
        grab(window, out, name)

    with centre.sessions() as s:
        last: datetime | None = s.scalar(select(func.max(SupportPayment.occurred_at)))
    assert last is not None
    day = last.astimezone().date()
    start = date(day.year, day.month, 1)
    pdf = out / "payment-list.pdf"
    pdf.write_bytes(centre.payment_papers.list_pdf(actor, start, day, "essential").pdf)
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", str(pdf), str(out / "payment-list")],
                   check=True)  # fmt: skip
    pdf.unlink()
    print("wrote", out / "payment-list-1.png")
    QThreadPool.globalInstance().waitForDone()
