"""The case-work screens for the README (after the demo data is in): the Overview with its case-work list, a
record's Care plan tab (the plan waiting for approval, the editor), the wellbeing scales and their trend, the
Legal aid tab, and the rendered care plan."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget

from centre_desk.models.care_plan import CarePlan
from centre_desk.models.counselling import WellbeingScore
from centre_desk.models.legal import LegalStep
from centre_desk.security.access import Actor
from centre_desk.services.installation import Centre

Grab = Callable[[QWidget, Path, str], None]
Settle = Callable[..., None]


def _resident(centre: Centre, query: object) -> int:
    with centre.sessions() as s:
        found = s.scalars(query).first()  # type: ignore[call-overload]
    assert found is not None, "the demo data has none"
    return int(found)


def casework_screens(centre: Centre, actor: Actor, session: object, out: Path, grab: Grab, settle: Settle) -> None:
    from centre_desk.ui.care_plan.editor import PlanDialog
    from centre_desk.ui.care_plan.panel import CarePlanPanel
    from centre_desk.ui.shell.overview import OverviewPage

    window = session.window  # type: ignore[attr-defined]
    window.show_page("overview")
    overview = window.findChild(OverviewPage)
    overview.refresh()
    casework = overview.casework
    settle(lambda: casework is not None and not casework.loading and casework.list.count() > 0)
    grab(window, out, "overview")

    waiting = _resident(centre, select(CarePlan.resident_id).where(CarePlan.status == "submitted"))
    record = session.residents.show_record(waiting)  # type: ignore[attr-defined]
    record.resize(1280, 689)
    tab = next(t for t in record.entry_tabs if t.record_tab.code == "care_plan")
    record.tabs.setCurrentWidget(tab)
    panel = tab.show_page("care_plan")
    assert isinstance(panel, CarePlanPanel)
    settle(lambda: panel.loaded)
    grab(record, out, "record-care-plan")
    assert panel.state is not None
    editor = PlanDialog(record, "Kế hoạch chăm sóc lần mới", panel.state.categories, panel.state.staff, None,
                        panel.state.current)  # fmt: skip
    editor.show()
    settle(lambda: False, 20)
    grab(editor, out, "care-plan-editor")
    editor.reject()
    assessments = tab.show_page("needs_assessment")
    settle(lambda: assessments.loaded)  # type: ignore[attr-defined]
    grab(record, out, "record-needs-assessment")
    record.close()

    scored = _resident(centre, select(WellbeingScore.resident_id).where(WellbeingScore.alert.is_(True)))
    record = session.residents.show_record(scored)  # type: ignore[attr-defined]
    record.resize(1280, 689)
    counselling = next(t for t in record.entry_tabs if t.record_tab.code == "counselling")
    record.tabs.setCurrentWidget(counselling)
    scores = counselling.show_page("wellbeing_score")
    settle(lambda: scores.loaded)  # type: ignore[attr-defined]
    grab(record, out, "record-wellbeing")
    chart = counselling.show_page("wellbeing_chart")
    settle(lambda: getattr(chart, "loaded", True), 300)
    settle(lambda: False, 30)
    grab(record, out, "record-wellbeing-chart")
    record.close()

    stepped = _resident(centre, select(LegalStep.resident_id).where(LegalStep.done_on.is_(None)))
    record = session.residents.show_record(stepped)  # type: ignore[attr-defined]
    record.resize(1280, 689)
    legal = next(t for t in record.entry_tabs if t.record_tab.code == "legal")
    record.tabs.setCurrentWidget(legal)
    cases = legal.show_page("legal_aid_case")
    settle(lambda: cases.loaded)  # type: ignore[attr-defined]
    grab(record, out, "record-legal")
    record.close()

    approved = _resident(centre, select(CarePlan.resident_id).where(CarePlan.status == "approved", CarePlan.number > 1))
    pdf = out / "care-plan.pdf"
    pdf.write_bytes(centre.care_plan_papers.plan_pdf(actor, approved).pdf)
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(out / "care-plan")], check=True)
    pdf.unlink()
    print("wrote", out / "care-plan-1.png")
    QThreadPool.globalInstance().waitForDone()
