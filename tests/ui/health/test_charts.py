"""The vitals and growth charts: the chooser, the normal band, values outside it, the empty state, the date
axis, the growth reference curves, the keyboard readout; the build time; and screenshots under /tmp to look at."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCharts import QScatterSeries
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel

from centre_desk.i18n import _
from centre_desk.services.health.charts import (
    ChartLine,
    ChartPoint,
    GrowthChartData,
    GrowthPoint,
    ReferenceRow,
    VitalsChartData,
)
from centre_desk.ui.health.charts import GrowthChartView, VitalsChartView

pytestmark = pytest.mark.usefixtures("english")


HANOI = timezone(timedelta(hours=7))
START = datetime(2026, 2, 2, 7, 0, tzinfo=HANOI)
SHOTS = Path("/tmp")


def temperature() -> VitalsChartData:
    """Three weeks, morning and evening, with a fever over days 9 and 10."""
    fever = {16: 38.2, 17: 39.4, 18: 39.1, 19: 38.4, 20: 37.8}
    points = tuple(
        ChartPoint(START + timedelta(hours=12 * i), fever.get(i, 36.6 + (i * 7 % 6) / 10)) for i in range(42)
    )
    return VitalsChartData(
        "temperature", "Temperature", "°C", (ChartLine("Temperature", points),), (36.0, 37.5), (35.0, 41.0)
    )


def blood_pressure() -> VitalsChartData:
    days = range(0, 28, 2)
    systolic = tuple(ChartPoint(START + timedelta(days=d), 104 + (d * 5 % 11) + (24 if d == 14 else 0)) for d in days)
    diastolic = tuple(ChartPoint(START + timedelta(days=d), 64 + (d * 3 % 7) + (14 if d == 14 else 0)) for d in days)
    lines = (ChartLine("Systolic", systolic), ChartLine("Diastolic", diastolic))
    return VitalsChartData("blood_pressure", "Blood pressure", "mmHg", lines, (60.0, 120.0), (40.0, 160.0))


def oxygen() -> VitalsChartData:
    values = [98, 97, 99, 98, 96, 92, 95, 97, 98, 98, 99, 97]
    points = tuple(ChartPoint(START + timedelta(days=2 * i, hours=i % 3), v) for i, v in enumerate(values))
    return VitalsChartData("spo2", "SpO₂", "%", (ChartLine("SpO₂", points),), (95.0, 100.0), (85.0, 100.0))


GIRLS = {  # made-up, roughly WHO weight-for-age for girls 5-10 years: age -> (-3, -2, median, +2, +3 SD)
    60: (12.7, 14.4, 18.2, 24.9, 29.5),
    72: (14.0, 15.9, 20.2, 28.2, 33.8),
    84: (15.4, 17.5, 22.4, 32.0, 39.1),
    96: (16.8, 19.3, 25.0, 36.6, 45.3),
    108: (18.3, 21.2, 28.2, 42.0, 52.6),
    120: (20.0, 23.3, 31.9, 48.1, 61.0),
}


def reference() -> tuple[ReferenceRow, ...]:
    ages = sorted(GIRLS)
    rows: list[ReferenceRow] = []
    for a, b in itertools.pairwise(ages):
        for month in range(a, b):
            share = (month - a) / (b - a)
            sd = [x + share * (y - x) for x, y in zip(GIRLS[a], GIRLS[b], strict=True)]
            rows.append((float(month), sd[0], sd[1], sd[2], sd[3], sd[4]))
    rows.append((120.0, *GIRLS[120]))
    return tuple(rows)


def growth() -> GrowthChartData:
    weights = [(96, 22.0), (101, 22.9), (105, 23.4), (110, 24.6), (114, 25.1), (119, 26.3)]
    points = tuple(GrowthPoint(float(age), kg) for age, kg in weights)
    return GrowthChartData("Weight-for-age", points, reference(), "Girls")


@pytest.fixture
def vitals(qtbot: QtBot) -> Iterator[VitalsChartView]:
    view = VitalsChartView()
    qtbot.addWidget(view)
    view.resize(900, 420)
    view.set_data([temperature(), blood_pressure(), oxygen()])
    view.show()
    qtbot.waitExposed(view)
    yield view


def test_the_chooser_lists_every_measure(vitals: VitalsChartView) -> None:
    combo = vitals.combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Temperature", "Blood pressure", "SpO₂"]
    assert combo.focusPolicy() & Qt.FocusPolicy.TabFocus
    labels = [label for label in vitals.findChildren(QLabel) if label.buddy() is combo]
    assert [label.text() for label in labels] == [_("&Measure")]
    combo.setCurrentIndex(1)
    assert [line.name() for line in vitals.lines] == ["Systolic", "Diastolic"]
    assert len(vitals.lines[1].points()) == len(blood_pressure().lines[1].points)


def test_the_normal_band_spans_the_x_axis_behind_the_lines(vitals: VitalsChartView) -> None:
    band = vitals.band
    assert band is not None and band.name() == "Normal range"
    upper, lower = band.upperSeries(), band.lowerSeries()
    assert upper is not None and lower is not None
    left, right = vitals.x_axis.min().toMSecsSinceEpoch(), vitals.x_axis.max().toMSecsSinceEpoch()
    assert [p.x() for p in upper.points()] == [left, right]
    assert [(p.y()) for p in upper.points()] == [37.5, 37.5]
    assert [(p.y()) for p in lower.points()] == [36.0, 36.0]
    series = vitals.chart.series()
    assert series.index(band) < series.index(vitals.lines[0])  # drawn first, so behind


def test_values_outside_the_normal_range_get_their_own_series_and_shape(vitals: VitalsChartView) -> None:
    outside = vitals.outside
    assert outside is not None and outside.name() == "Outside normal range"
    assert sorted(p.y() for p in outside.points()) == [37.8, 38.2, 38.4, 39.1, 39.4]
    assert outside.markerShape() == QScatterSeries.MarkerShape.MarkerShapeTriangle  # not the line's circles
    vitals.combo.setCurrentIndex(1)
    assert vitals.outside is not None
    assert sorted(p.y() for p in vitals.outside.points()) == [132.0]  # 132/78: the band is one for both lines
    vitals.combo.setCurrentIndex(2)
    assert vitals.outside is not None and [p.y() for p in vitals.outside.points()] == [92.0]


def test_nothing_to_draw_shows_a_calm_note(qtbot: QtBot) -> None:
    view = VitalsChartView()
    qtbot.addWidget(view)
    view.set_data([])
    assert view.stack.currentWidget() is view.empty
    assert view.empty.text() == "No measurements yet"
    assert not view.combo.isEnabled()
    never = VitalsChartData("spo2", "SpO₂", "%", (ChartLine("SpO₂", ()),), (95.0, 100.0), None)
    view.set_data([temperature(), never])
    assert view.stack.currentWidget() is view.view
    view.combo.setCurrentIndex(1)
    assert view.stack.currentWidget() is view.empty
    growth_view = GrowthChartView()
    qtbot.addWidget(growth_view)
    growth_view.set_data(GrowthChartData("Weight-for-age", (), reference(), "Girls"))
    assert growth_view.stack.currentWidget() is growth_view.empty


def test_the_time_axis_reads_day_and_month_and_the_year_across_new_year(vitals: VitalsChartView) -> None:
    assert vitals.x_axis.format() == "dd/MM"
    assert vitals.x_axis.tickCount() >= 4
    late = datetime(2025, 12, 20, 8, 0, tzinfo=HANOI)
    points = tuple(ChartPoint(late + timedelta(days=i), 36.8) for i in range(30))
    vitals.set_data([VitalsChartData("temperature", "Temperature", "°C", (ChartLine("T", points),), None, None)])
    assert vitals.x_axis.format() == "dd/MM/yyyy"
    assert vitals.band is None and vitals.outside is None


def test_the_chosen_measure_stays_chosen_when_the_data_is_refreshed(vitals: VitalsChartView) -> None:
    vitals.combo.setCurrentIndex(2)
    vitals.set_data([temperature(), blood_pressure(), oxygen()])
    assert vitals.current_code() == "spo2"


def test_the_keyboard_reads_out_one_point_after_another(vitals: VitalsChartView, qtbot: QtBot) -> None:
    vitals.combo.setFocus()
    qtbot.keyClick(vitals.combo, Qt.Key.Key_Tab)
    assert vitals.view.hasFocus()
    last = temperature().lines[0].points[-1]
    assert vitals.readout.text() == f"Temperature: 37,1 °C on {last.at.astimezone().strftime('%d/%m/%Y %H:%M')}"
    qtbot.keyClick(vitals.view, Qt.Key.Key_Home)
    assert vitals.view.current == 0
    for _step in range(17):
        qtbot.keyClick(vitals.view, Qt.Key.Key_Right)
    assert vitals.readout.text().startswith("Temperature: 39,4 °C on ")
    assert vitals.readout.text().endswith(" – Outside normal range")
    assert vitals.view.accessibleDescription() == vitals.readout.text()


def test_the_mouse_reads_out_the_point_it_comes_near(vitals: VitalsChartView, qtbot: QtBot) -> None:
    spike = vitals.lines[0].points()[17]
    scene = vitals.chart.mapToPosition(spike, vitals.lines[0])
    where = vitals.view.mapFromScene(vitals.chart.mapToScene(scene)) + QPoint(3, -2)
    assert vitals.view.nearest(where.toPointF()) == 17
    # the move sent to the view itself: a synthetic move through the window system depends on which of the
    # windows earlier tests left open lies under the pointer
    viewport = vitals.view.viewport()
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(where), viewport.mapToGlobal(where).toPointF(),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(viewport, move)
    assert vitals.readout.text().startswith("Temperature: 39,4 °C")


def test_the_growth_chart_draws_five_reference_curves_and_the_weights(qtbot: QtBot) -> None:
    view = GrowthChartView()
    qtbot.addWidget(view)
    view.set_data(growth())
    assert len(view.curves) == 5
    assert [item.text() for item in view.curve_labels] == ["−3 SD", "−2 SD", "Median", "+2 SD", "+3 SD"]
    assert view.weights is not None and len(view.weights.points()) == 6
    assert view.x_axis.titleText() == "Age (months)"
    assert view.x_axis.min() <= 90 and view.x_axis.max() >= 120


def test_build_time_with_ten_measures_of_five_hundred_points(qtbot: QtBot) -> None:
    view = VitalsChartView()
    qtbot.addWidget(view)
    view.resize(900, 420)
    view.show()
    charts = [
        VitalsChartData(
            f"m{n}",
            f"Measure {n}",
            "u",
            (
                ChartLine(
                    "x", tuple(ChartPoint(START + timedelta(hours=6 * i), 50 + (i * 37 % 23)) for i in range(500))
                ),
            ),
            (55.0, 68.0),
            None,
        )
        for n in range(10)
    ]
    began = time.perf_counter()
    view.set_data(charts)
    built = time.perf_counter() - began
    began = time.perf_counter()
    for index in range(1, 10):
        view.combo.setCurrentIndex(index)
    switched = (time.perf_counter() - began) / 9
    began = time.perf_counter()
    view.grab()
    painted = time.perf_counter() - began
    print(
        f"\nset_data(10 × 500 points): {built * 1000:.1f} ms; switching measure: {switched * 1000:.1f} ms;"
        f" first paint: {painted * 1000:.1f} ms"
    )


@pytest.mark.usefixtures("office_screen")
def test_screenshots(qtbot: QtBot) -> None:
    """For looking at: /tmp/charts-*.png at 900×420 with the office font."""
    vitals = VitalsChartView()
    qtbot.addWidget(vitals)
    vitals.resize(900, 420)
    vitals.set_data([temperature(), blood_pressure(), oxygen()])
    vitals.show()
    qtbot.waitExposed(vitals)
    for index, name in enumerate(("temperature", "blood-pressure", "spo2")):
        vitals.combo.setCurrentIndex(index)
        qtbot.wait(20)  # the chart lays out its axes and legend on the next turn of the event loop
        assert vitals.grab().save(str(SHOTS / f"charts-{name}.png"))
    vitals.combo.setCurrentIndex(0)
    vitals.view.setFocus()
    vitals.view.select(17)
    qtbot.wait(20)
    assert vitals.grab().save(str(SHOTS / "charts-temperature-readout.png"))
    vitals.set_data([])
    assert vitals.grab().save(str(SHOTS / "charts-empty.png"))
    small = VitalsChartView()
    qtbot.addWidget(small)
    small.resize(small.minimumSize())
    small.set_data([blood_pressure()])
    small.show()
    qtbot.wait(20)
    assert small.grab().save(str(SHOTS / "charts-minimum.png"))
    grown = GrowthChartView()
    qtbot.addWidget(grown)
    grown.resize(900, 420)
    grown.set_data(growth())
    grown.show()
    qtbot.waitExposed(grown)
    qtbot.wait(20)
    assert grown.grab().save(str(SHOTS / "charts-growth.png"))


def test_a_refresh_after_reading_a_point_starts_afresh(vitals: VitalsChartView, qtbot: QtBot) -> None:
    vitals.view.setFocus()
    qtbot.keyClick(vitals.view, Qt.Key.Key_Left)
    assert vitals.view.current is not None
    vitals.set_data([])
    qtbot.keyClick(vitals.view, Qt.Key.Key_Right)
    assert vitals.readout.text() == "" and vitals.view.current is None
    vitals.set_data([oxygen()])
    assert vitals.view.current is None
    qtbot.keyClick(vitals.view, Qt.Key.Key_End)
    assert vitals.readout.text().startswith("SpO₂: 97 % on ")
