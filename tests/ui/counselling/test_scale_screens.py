"""The wellbeing scale's screens: the form offers the scales that suit her age (none under 11, and says so), typing
the answers' digits moves from question to question and updates the total and band, question 9 above 0 shows the
red alert line and unanswered a reminder; the record tab uses this form (ui/entries/forms.py) and shows the
entry's questions; the trend chart draws the bands and the alerts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCharts import QAreaSeries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from centre_desk.models.staff import Role
from centre_desk.services.counselling.dto import ScaleTrend, TrendBand, TrendPoint
from centre_desk.services.entries.kinds import kind
from centre_desk.ui.counselling.record_panels import ScaleTrendPanel, counselling_extras
from centre_desk.ui.counselling.scale_chart import ScaleChartView
from centre_desk.ui.counselling.scale_dialog import ScaleDialog
from centre_desk.ui.entries.forms import FormRequest, screens
from centre_desk.ui.entries.tab import EntriesTab
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident

pytestmark = pytest.mark.usefixtures("english")

CODE = "wellbeing_score"
WHEN = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)


def dialog_for(qtbot: QtBot, installed: Installed, age: int | None) -> ScaleDialog:
    dialog = ScaleDialog(FormRequest(kind(CODE), installed.manager, None, None, age_on=lambda _day: age))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def offered(dialog: ScaleDialog) -> list[str]:
    return [dialog.scale.itemData(i) for i in range(dialog.scale.count())]


def test_the_scales_offered_suit_her_age(qtbot: QtBot, installed: Installed) -> None:
    assert offered(dialog_for(qtbot, installed, 30)) == ["PHQ-9", "GAD-7"]
    assert offered(dialog_for(qtbot, installed, 15)) == ["PHQ-A", "GAD-7"]
    assert offered(dialog_for(qtbot, installed, None)) == ["PHQ-9", "PHQ-A", "GAD-7"]
    child = dialog_for(qtbot, installed, 9)
    assert (
        offered(child) == [""]
        and not child.rows
        and "No scale in the program suits a child of 9" in (child.age_line.text())
    )
    child.note.setPlainText("Vẽ tranh gia đình; dùng thang đo trẻ em trên giấy")
    value = child.value()
    assert value.as_dict() == {"instrument": "", "answers": "", "note": child.note.toPlainText()}


def test_typing_the_digits_fills_the_scale_and_updates_the_total(qtbot: QtBot, installed: Installed) -> None:
    dialog = dialog_for(qtbot, installed, 30)
    assert dialog.scale.currentData() == "PHQ-9" and len(dialog.rows) == 9
    assert "Over the last 2 weeks" in dialog.stem.text() and "Little interest" in dialog.rows[0].question.text()
    assert [b.text() for b in dialog.rows[0].buttons.values()][1] == "1 – Several days"
    dialog.rows[0].setFocus()
    for digit in "21212110":
        qtbot.keyClick(dialog.focusWidget(), digit)
    assert dialog.focusWidget() is dialog.rows[8]
    assert dialog.answers() == [2, 1, 2, 1, 2, 1, 1, 0, None]
    assert dialog.total_line.text() == "8 of 9 answered: the total needs every answer."
    assert dialog.reminder_line.isVisible() and "Question 9 (thoughts of self-harm)" in dialog.reminder_line.text()
    assert not dialog.alert_line.isVisible()
    qtbot.keyClick(dialog.rows[8], "0")
    assert dialog.total_line.text() == "Total 10 of 27 – Moderate" and not dialog.reminder_line.isVisible()
    assert dialog.focusWidget() is dialog.note
    qtbot.keyClick(dialog.rows[8], Qt.Key.Key_Right)
    assert dialog.rows[8].value() == 1 and dialog.total_line.text() == "Total 11 of 27 – Moderate"
    assert dialog.alert_line.isVisible() and dialog.alert_line.text().startswith("⚠ Thoughts of self-harm")
    qtbot.keyClick(dialog.rows[8], Qt.Key.Key_Delete)
    assert dialog.rows[8].value() is None and not dialog.alert_line.isVisible()
    dialog.rows[3].buttons[3].click()  # the mouse too
    assert dialog.rows[3].value() == 3
    assert dialog.value().as_dict()["answers"] == "2,1,2,3,2,1,1,0,-"
    dialog.scale.setCurrentIndex(1)  # GAD-7: seven questions, unanswered
    assert len(dialog.rows) == 7 and dialog.answers() == [None] * 7 and not dialog.reminder_line.isVisible()


def test_the_record_tab_uses_the_scale_form_and_shows_the_questions(
    qtbot: QtBot, installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:

    counsellor = staff(installed, Role.COUNSELLOR)
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=3))
    assert screens(CODE) is not None and screens("counsellor_note") is None
    counselling_tab = next(t for t in _tabs() if t.code == "counselling")
    tab = EntriesTab(installed.centre.entries, counsellor, counselling_tab, rid,
                     counselling_extras(installed.centre.counselling))  # fmt: skip
    qtbot.addWidget(tab)
    assert CODE in tab.codes and "wellbeing_chart" in tab.codes
    panel = tab.show_page(CODE)
    tab.show()
    qtbot.waitUntil(lambda: tab.panel(CODE).loaded)
    panel = tab.panel(CODE)
    opened: list[ScaleDialog] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, ScaleDialog)
        opened.append(dialog)
        for row, answer in zip(dialog.rows, (1, 1, 1, 0, 0, 1, 0, 0, 2), strict=True):
            row.set_value(answer)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(QDialog, "exec", run)
    panel.new_entry()
    assert opened and panel.model.rowCount() == 1
    row = panel.model.row(0)
    assert row.flag and row.value("total") == 6 and row.value("alert") is True
    assert panel.banner.isVisible() and "Thoughts of self-harm" in panel.banner.text()
    detail = panel.detail.toPlainText()
    assert "9. Thoughts that you would be better off dead" in detail and "2 – More than half the days" in detail
    assert "6/27 – Mild" in detail
    chart = tab.show_page("wellbeing_chart")
    assert isinstance(chart, ScaleTrendPanel)
    qtbot.waitUntil(lambda: chart.loaded)
    assert chart.chart.combo.currentData() == "PHQ-9" and chart.chart.alerts is not None


def _tabs():  # type: ignore[no-untyped-def]
    from centre_desk.services.entries.kinds import tabs

    return tabs()


def test_the_trend_chart_draws_the_bands_and_the_alerts(qtbot: QtBot) -> None:
    view = ScaleChartView()
    qtbot.addWidget(view)
    view.resize(900, 420)
    view.show()
    assert view.stack.currentWidget() is view.empty
    bands = (TrendBand("minimal", "Minimal", 0, 4), TrendBand("mild", "Mild", 5, 9),
             TrendBand("moderate", "Moderate", 10, 14), TrendBand("moderately_severe", "Moderately severe", 15, 19),
             TrendBand("severe", "Severe", 20, 27))  # fmt: skip
    points = tuple(TrendPoint(WHEN - timedelta(days=7 * (5 - i)), total, "x", i == 1)
                   for i, total in enumerate((21, 18, 14, 11, 8, 6)))  # fmt: skip
    gad_bands = (*bands[:3], TrendBand("severe", "Severe", 15, 21))
    gad = ScaleTrend("GAD-7", "Generalized Anxiety Disorder-7", 21, gad_bands, (TrendPoint(WHEN, 9, "mild", False),))
    view.set_data([ScaleTrend("PHQ-9", "Patient Health Questionnaire-9", 27, bands, points), gad])
    assert view.stack.currentWidget() is view.view
    assert view.bands[0].name() == "Minimal (0–4)" and len(view.bands) == 5
    assert all(isinstance(b, QAreaSeries) for b in view.bands)
    assert view.line is not None and view.line.count() == 6
    assert view.alerts is not None and view.alerts.count() == 1
    assert view.y_axis.max() == 27
    qtbot.keyClick(view.view, Qt.Key.Key_End)  # the first key shows the latest, without the window's focus too
    assert view.readout.text().startswith("PHQ-9: 6 – x on")
    qtbot.keyClick(view.view, Qt.Key.Key_Home)
    assert view.readout.text().startswith("PHQ-9: 21")
    qtbot.keyClick(view.view, Qt.Key.Key_Right)
    assert view.readout.text().endswith("⚠ Thoughts of self-harm: respond today")
    view.combo.setCurrentIndex(1)
    assert view.alerts is None and len(view.bands) == 4 and view.y_axis.max() == 21
