"""The Health tab's charts: vitals over time (one measure at a time, chosen in a list) and weight-for-age.

Meaning never rests on colour alone: the normal band is a labelled legend entry, a value outside it is a red
triangle (not a blue circle), the second line of blood pressure is dashed with square markers, and the
reference curves of the growth chart are labelled at their right-hand end. The chart itself is a Tab stop:
the arrow keys step through the points and the line under it reads the current one out (dd/mm/yyyy).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCharts import QAreaSeries, QLegend, QLineSeries, QScatterSeries
from PySide6.QtCore import QPointF
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QWidget,
)

from centre_desk.formatting import format_datetime, format_number
from centre_desk.i18n import _
from centre_desk.services.health.charts import ChartPoint, VitalsChartData
from centre_desk.ui.health.chart_view import (
    LINE_LOOKS,
    apply_fonts,
    fit_time_ticks,
    marker_image,
    set_time_axis,
    set_value_axis,
    shown_decimals,
)
from centre_desk.ui.health.choice_chart import ChoiceChart
from centre_desk.ui.health.growth_chart import GrowthChartView

log = logging.getLogger(__name__)

OUTSIDE_COLOUR = "#c62828"
BAND_FILL = QColor(200, 235, 190, 150)
BAND_EDGE = QColor("#8fc98a")

__all__ = ["GrowthChartView", "VitalsChartView"]


def _ms(moment: datetime) -> float:
    return moment.timestamp() * 1000.0


class VitalsChartView(ChoiceChart):
    """One vital sign over time, chosen in the list above the chart; `set_data` gives all of them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("vitalsChart", _("Measure"), _("&Measure"), _("No measurements yet"), parent)
        self.charts: list[VitalsChartData] = []
        self.band: QAreaSeries | None = None
        self.lines: list[QLineSeries] = []
        self.outside: QScatterSeries | None = None
        self.set_data([])

    def set_data(self, charts: Sequence[VitalsChartData]) -> None:
        """All the measures of one resident; the one shown before stays chosen when it is still there."""
        keep = self.current_code()
        self.charts = list(charts)
        self.combo.blockSignals(True)
        self.combo.clear()
        for data in self.charts:
            self.combo.addItem(data.title, data.code)
        found = self.combo.findData(keep) if keep is not None else -1
        self.combo.setCurrentIndex(max(found, 0) if self.charts else -1)
        self.combo.blockSignals(False)
        self.combo.setEnabled(bool(self.charts))
        self._show(self.combo.currentIndex())

    def current_code(self) -> str | None:
        code = self.combo.currentData()
        return code if isinstance(code, str) else None

    def _on_combo_changed(self, index: int) -> None:
        self._show(index)

    # -- drawing ---------------------------------------------------------------------------------------------------

    def _show(self, index: int) -> None:
        self.view.clear()
        self.chart.removeAllSeries()
        self.band, self.lines, self.outside = None, [], None
        data = self.charts[index] if 0 <= index < len(self.charts) else None
        points = [p for line in data.lines for p in line.points] if data else []
        if data is None or not points:
            self.readout.setText("")
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.view)
        x_low, x_high = self._set_x_range(points)
        self._set_y_range(data, points)
        if data.normal is not None:
            self.band = self._add_band(data.normal, x_low, x_high)
        decimals = shown_decimals([p.value for p in points])
        readouts: list[tuple[float, float, int, ChartPoint]] = []
        outside: list[QPointF] = []
        for number, line in enumerate(data.lines):
            colour, style, shape = LINE_LOOKS[number % len(LINE_LOOKS)]
            series = QLineSeries()
            series.setName(line.name)
            series.setPen(QPen(QColor(colour), 2, style))
            series.setLightMarker(marker_image(shape, colour))
            series.setMarkerSize(9.0)
            series.setPointsVisible(True)
            ordered = sorted(line.points, key=lambda p: p.at)
            series.replace([QPointF(_ms(p.at), p.value) for p in ordered])
            for i, point in enumerate(ordered):
                readouts.append((_ms(point.at), point.value, number, point))
                if not _within(point.value, data.normal):
                    outside.append(QPointF(_ms(point.at), point.value))
                    series.setPointConfiguration(i, QLineSeries.PointConfiguration.Visibility, False)
            self._attach(series)
            self.lines.append(series)
        if outside:
            self.outside = QScatterSeries()
            self.outside.setName(_("Outside normal range"))
            self.outside.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeTriangle)
            self.outside.setMarkerSize(13.0)
            self.outside.setColor(QColor(OUTSIDE_COLOUR))
            self.outside.setBorderColor(QColor("white"))
            self.outside.replace(outside)
            self._attach(self.outside)
        readouts.sort(key=lambda r: (r[0], r[2]))
        self.view.set_spots(
            [QPointF(x, y) for x, y, _n, _p in readouts],
            lambda i: self._describe(data, readouts[i][2], readouts[i][3], decimals),
            (self.x_axis, self.y_axis),
        )
        apply_fonts(self.chart, self.font())

    def _attach(self, series: QLineSeries | QScatterSeries | QAreaSeries) -> None:
        self.chart.addSeries(series)
        series.attachAxis(self.x_axis)
        series.attachAxis(self.y_axis)

    def _add_band(self, normal: tuple[float, float], x_low: float, x_high: float) -> QAreaSeries:
        """The normal range as a light green band across the whole x axis, behind the lines."""
        upper, lower = QLineSeries(), QLineSeries()
        upper.replace([QPointF(x_low, normal[1]), QPointF(x_high, normal[1])])
        lower.replace([QPointF(x_low, normal[0]), QPointF(x_high, normal[0])])
        band = QAreaSeries(upper, lower)
        upper.setParent(band)
        lower.setParent(band)
        band.setName(_("Normal range"))
        band.setBrush(QBrush(BAND_FILL))
        band.setPen(QPen(BAND_EDGE, 1))
        self._attach(band)
        for marker in self.chart.legend().markers(band):
            marker.setShape(QLegend.MarkerShape.MarkerShapeRectangle)  # a filled swatch, as the band looks
        return band

    def _set_x_range(self, points: Sequence[ChartPoint]) -> tuple[float, float]:
        found = set_time_axis(self.x_axis, [_ms(p.at) for p in points])
        self._fit_x_ticks()
        return found

    def _fit_x_ticks(self) -> None:
        fit_time_ticks(self.x_axis, self.chart.plotArea().width() or self.view.width() - 80, self.font())

    def _set_y_range(self, data: VitalsChartData, points: Sequence[ChartPoint]) -> None:
        values = [p.value for p in points]
        low, high = min(values), max(values)
        if data.y_range is not None:
            low, high = min(low, data.y_range[0]), max(high, data.y_range[1])
        else:
            if data.normal is not None:
                low, high = min(low, data.normal[0]), max(high, data.normal[1])
            pad = max((high - low) * 0.1, 0.5)
            low, high = low - pad, high + pad
        set_value_axis(self.y_axis, low, high, 6)
        self.y_axis.setTitleText(f"{data.title} ({data.unit})" if data.unit else data.title)

    def _describe(self, data: VitalsChartData, line: int, point: ChartPoint, decimals: int) -> str:
        name = data.lines[line].name if len(data.lines) > 1 else data.title
        text = _("{name}: {value} {unit} on {when}").format(
            name=name, value=format_number(point.value, decimals), unit=data.unit, when=format_datetime(point.at)
        )
        if not _within(point.value, data.normal):
            text += " – " + _("Outside normal range")
        return text


def _within(value: float, normal: tuple[float, float] | None) -> bool:
    return normal is None or normal[0] <= value <= normal[1]
