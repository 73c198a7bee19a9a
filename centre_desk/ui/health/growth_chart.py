"""Weight-for-age: the child's weights over the reference curves (−3, −2, median, +2, +3 SD), each curve thin,
grey and drawn differently (dotted, dashed, solid) and named at its right-hand end; the legend is left out."""

from __future__ import annotations

import bisect
import logging
from collections.abc import Sequence

from PySide6.QtCharts import QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QPointF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from centre_desk.formatting import format_number
from centre_desk.i18n import _
from centre_desk.services.health.charts import GrowthChartData, GrowthPoint
from centre_desk.ui.health.chart_view import (
    LINE_LOOKS,
    MINIMUM,
    PointChartView,
    apply_fonts,
    calm_note,
    hide_from_legend,
    marker_image,
    new_chart,
    set_value_axis,
    shown_decimals,
)

log = logging.getLogger(__name__)

REFERENCE_PENS = (  # -3, -2, median, +2, +3 SD: dotted outermost, dashed at 2 SD, solid median; all thin grey
    (Qt.PenStyle.DotLine, "#8a8a8a"),
    (Qt.PenStyle.DashLine, "#8a8a8a"),
    (Qt.PenStyle.SolidLine, "#6f6f6f"),
    (Qt.PenStyle.DashLine, "#8a8a8a"),
    (Qt.PenStyle.DotLine, "#8a8a8a"),
)


class GrowthChartView(QWidget):
    """Weight-for-age: the child's weights over the reference curves (−3, −2, median, +2, +3 SD)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("growthChart")
        self.setMinimumSize(MINIMUM)
        self.data: GrowthChartData | None = None
        self.chart = new_chart()
        self.chart.legend().setVisible(False)  # the curves carry their own labels; the axes say what is drawn
        self.x_axis = QValueAxis()
        self.x_axis.setTitleText(_("Age (months)"))
        self.y_axis = QValueAxis()
        self.y_axis.setTitleText(_("Weight (kg)"))
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.view = PointChartView(self.chart)
        self.view.setAccessibleName(_("Chart"))
        self.curves: list[QLineSeries] = []
        self.weights: QLineSeries | None = None
        self.curve_labels: list[QGraphicsSimpleTextItem] = []
        for text in reference_names():
            item = QGraphicsSimpleTextItem(text, self.chart)
            item.setBrush(QBrush(QColor("#555555")))
            self.curve_labels.append(item)
        self.empty = calm_note(_("No measurements yet"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.readout)
        self.view.readout_changed.connect(self.readout.setText)
        self.chart.plotAreaChanged.connect(self._place_labels)
        self.set_data(None)

    def sizeHint(self) -> QSize:
        return QSize(900, 420)

    def set_data(self, data: GrowthChartData | None) -> None:
        self.data = data
        self.view.clear()
        self.chart.removeAllSeries()
        self.curves, self.weights = [], None
        if data is None or not data.points:
            self.readout.setText("")
            self.stack.setCurrentWidget(self.empty)
            self._show_labels(False)
            return
        self.stack.setCurrentWidget(self.view)
        self.chart.setTitle(f"{data.title} – {data.sex_label}" if data.sex_label else data.title)
        low, high = self._set_ranges(data)
        for column, (style, colour) in enumerate(REFERENCE_PENS, start=1):
            curve = QLineSeries()
            curve.setPen(QPen(QColor(colour), 1.2, style))
            curve.replace([QPointF(row[0], row[column]) for row in data.reference if low - 12 <= row[0] <= high + 12])
            self._attach(curve)
            hide_from_legend(self.chart, curve)
            self.curves.append(curve)
        ordered = sorted(data.points, key=lambda p: p.age_months)
        weights = QLineSeries()
        weights.setPen(QPen(QColor(LINE_LOOKS[0][0]), 2.5))
        weights.setLightMarker(marker_image("circle", LINE_LOOKS[0][0]))
        weights.setMarkerSize(10.0)
        weights.setPointsVisible(True)
        spots = [QPointF(p.age_months, p.weight_kg) for p in ordered]
        weights.replace(spots)
        self._attach(weights)
        self.weights = weights
        self._show_labels(True)
        age_decimals = shown_decimals([p.age_months for p in ordered])
        self.view.set_spots(
            spots,
            lambda i: self._describe(ordered[i], age_decimals),
            (self.x_axis, self.y_axis),
        )
        apply_fonts(self.chart, self.font())
        self._place_labels()

    @staticmethod
    def _describe(point: GrowthPoint, decimals: int) -> str:
        years = int(point.age_months // 12)
        return _("Age {months} months ({years} years {rest} months): {weight} kg").format(
            months=format_number(point.age_months, decimals),
            years=years,
            rest=format_number(point.age_months - 12 * years, decimals),
            weight=format_number(point.weight_kg, 1),
        )

    def _attach(self, series: QLineSeries) -> None:
        self.chart.addSeries(series)
        series.attachAxis(self.x_axis)
        series.attachAxis(self.y_axis)

    def _set_ranges(self, data: GrowthChartData) -> tuple[float, float]:
        """Around the child's ages (at least two years wide, within the reference); weights of that stretch."""
        ages = [p.age_months for p in data.points]
        low, high = min(ages) - 6, max(ages) + 6
        if high - low < 24:
            low, high = low - (24 - (high - low)) / 2, high + (24 - (high - low)) / 2
        if data.reference:
            first, last = data.reference[0][0], data.reference[-1][0]
            low = max(low, first)
            if last >= max(ages):
                high = min(high, last)
        low = max(low, 0.0)
        step = next((s for s in (1, 2, 3, 6, 12, 24) if (high - low) / s <= 8), 24)
        set_value_axis(self.x_axis, low, high, 10, float(step))
        shown = [row for row in data.reference if low <= row[0] <= high]
        weights = [p.weight_kg for p in data.points] + [w for row in shown for w in (row[1], row[5])]
        set_value_axis(self.y_axis, max(min(weights) - 2, 0.0), max(weights) + 2, 6)
        return self.x_axis.min(), self.x_axis.max()

    # -- the curves' labels ------------------------------------------------------------------------------------------

    def _show_labels(self, shown: bool) -> None:
        font = self.font()
        width = max(QFontMetricsF(font).horizontalAdvance(item.text()) for item in self.curve_labels)
        for item in self.curve_labels:
            item.setFont(font)
            item.setVisible(shown)
        self.chart.setMargins(QMargins(4, 4, int(width) + 12 if shown else 8, 4))

    def _place_labels(self) -> None:
        """Each label right of its curve's end, nudged apart when curves run close together."""
        if not self.curves or len(self.curve_labels) != len(self.curves):
            return
        x = self.x_axis.max()
        height = QFontMetricsF(self.font()).height()
        wanted: list[float] = []
        for curve in self.curves:
            y = _value_at(curve.points(), x)
            wanted.append(self.chart.mapToPosition(QPointF(x, y), curve).y() - height / 2)
        order = sorted(range(len(wanted)), key=lambda i: -wanted[i])  # from the bottom up
        floor = self.chart.plotArea().bottom() - height / 2
        top = self.chart.plotArea().top() - height / 2
        for i in order:
            wanted[i] = max(top, min(wanted[i], floor))
            floor = wanted[i] - height
        right = self.chart.plotArea().right() + 6
        for item, y in zip(self.curve_labels, wanted, strict=True):
            item.setPos(right, y)


def reference_names() -> list[str]:
    """The labels of the reference curves, from −3 SD up to +3 SD."""
    sd = _("{value} SD")
    return [sd.format(value="−3"), sd.format(value="−2"), _("Median"), sd.format(value="+2"), sd.format(value="+3")]


def _value_at(points: Sequence[QPointF], x: float) -> float:
    """The curve's value at `x` (straight between its points, flat beyond its ends)."""
    if not points:
        return 0.0
    xs = [p.x() for p in points]
    i = bisect.bisect_left(xs, x)
    if i <= 0:
        return points[0].y()
    if i >= len(points):
        return points[-1].y()
    a, b = points[i - 1], points[i]
    share = (x - a.x()) / ((b.x() - a.x()) or 1.0)
    return a.y() + share * (b.y() - a.y())
