"""The parts every chart shares (the health charts, the wellbeing scales' trend): a chart view that is one Tab stop
and reads out the point it is on (pointed at with the mouse, or stepped through with the arrow keys), the
application's font on every text of a chart, marker images in more than one shape, tidy axis steps, a time axis
that labels its dates as they fit, and the calm note shown instead of an empty chart."""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable, Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLegend,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QDateTime, QEvent, QLocale, QMargins, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QLabel, QWidget

from centre_desk.i18n import _, language

log = logging.getLogger(__name__)

Describe = Callable[[int], str]  # the readout of the point at an index of the view's spots

DAY_MS = 86_400_000.0
MINIMUM = QSize(600, 320)  # fits a tab of the record window on a 1366×768 screen
LINE_LOOKS = (("#1f5fa8", Qt.PenStyle.SolidLine, "circle"), ("#6a3d9a", Qt.PenStyle.DashLine, "square"))
HOVER_RADIUS = 16.0  # pixels: how close the mouse must come to a point to read it out
FOCUS_STYLE = "QChartView { border: 2px solid transparent; } QChartView:focus { border: 2px solid palette(highlight); }"


@functools.cache
def marker_image(shape: str, colour: str) -> QImage:
    """A filled `shape` ("circle", "square" or "triangle") with a white rim, drawn large so it scales down crisply."""
    size = 32
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("white"), 4))
    painter.setBrush(QColor(colour))
    box = QRectF(3, 3, size - 6, size - 6)
    if shape == "square":
        painter.drawRect(box.adjusted(2, 2, -2, -2))
    elif shape == "triangle":
        painter.drawPolygon(QPolygonF([QPointF(box.center().x(), box.top()), box.bottomRight(), box.bottomLeft()]))
    else:
        painter.drawEllipse(box)
    painter.end()
    return image


def nice_step(span: float, ticks: int) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) that cuts `span` into nearly `ticks` parts."""
    raw = max(span, 1e-9) / max(ticks, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    steps = [factor * power for factor in (1.0, 2.0, 5.0, 10.0)]
    return min(steps, key=lambda step: abs(span / step - ticks))


def decimals_of(step: float) -> int:
    """How many decimals the labels of ticks `step` apart need (0 for 5, 1 for 0.5, 2 for 0.25)."""
    for decimals in range(4):
        scaled = step * 10**decimals
        if abs(scaled - round(scaled)) < 1e-6:
            return decimals
    return 3


def set_value_axis(axis: QValueAxis, low: float, high: float, ticks: int, step: float | None = None) -> None:
    """Range `low`..`high` widened to whole steps, with ticks on round numbers and as many decimals as they need."""
    step = step or nice_step(high - low, ticks)
    low, high = math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0.0)
    axis.setTickInterval(step)
    axis.setRange(low, high)
    axis.setLabelFormat(f"%.{decimals_of(step)}f")


def new_chart() -> QChart:
    """A chart filling its view, numbers in the program's language (37,5), legend under the plot showing each
    series' own marker shape (triangles, squares, circles)."""
    chart = QChart()
    chart.setBackgroundRoundness(0)
    layout = chart.layout()
    if layout is not None:
        layout.setContentsMargins(0, 0, 0, 0)
    chart.setMargins(QMargins(4, 4, 8, 4))
    chart.setLocale(QLocale(language()))
    chart.setLocalizeNumbers(True)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
    return chart


def shown_decimals(values: Sequence[float]) -> int:
    """0 when every value is whole (SpO₂ 97), else 1 (37,5 °C)."""
    return 0 if all(float(v).is_integer() for v in values) else 1


def apply_fonts(chart: QChart, base: QFont) -> None:
    """The application's (Vietnamese-capable) font everywhere: Qt Charts' themes would otherwise use Arial."""
    title = QFont(base)
    title.setBold(True)
    chart.setTitleFont(title)
    chart.legend().setFont(base)
    for axis in chart.axes():
        axis.setLabelsFont(base)
        axis.setTitleFont(base)


def hide_from_legend(chart: QChart, series: QXYSeries) -> None:
    for marker in chart.legend().markers(series):
        marker.setVisible(False)


def calm_note(text: str, parent: QWidget | None = None) -> QLabel:
    """Quiet centred text shown in place of a chart with nothing to draw."""
    label = QLabel(text, parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText).darker(150))
    label.setPalette(palette)
    return label


class PointChartView(QChartView):
    """A chart that is one Tab stop: the arrow keys (Home, End, PgUp, PgDn too) step through its points and the
    mouse reads out the point it comes near; `readout_changed` carries the text for the label under it."""

    readout_changed = Signal(str)
    resized = Signal()

    def __init__(self, chart: QChart, parent: QWidget | None = None) -> None:
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setStyleSheet(FOCUS_STYLE)
        self.setRubberBand(QChartView.RubberBand.NoRubberBand)
        self.spots: list[QPointF] = []  # chart values (x, y), sorted by x
        self.current: int | None = None
        self._describe: Describe = lambda _index: ""
        self._cursor: QScatterSeries | None = None

    def set_spots(self, spots: Sequence[QPointF], describe: Describe, axes: Sequence[QAbstractAxis]) -> None:
        """The points to step through (already in the chart's series) and how to read one out; draws the ring
        that marks the current point on `axes` (call after the chart's series are added)."""
        self.spots = list(spots)
        self._describe = describe
        self.current = None
        cursor = QScatterSeries()
        cursor.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeCircle)
        cursor.setMarkerSize(20.0)
        cursor.setColor(QColor(0, 0, 0, 0))
        cursor.setBorderColor(QColor("#202124"))
        cursor.setPen(QPen(QColor("#202124"), 2))
        self.chart().addSeries(cursor)
        for axis in axes:
            cursor.attachAxis(axis)
        hide_from_legend(self.chart(), cursor)
        self._cursor = cursor
        self.setAccessibleDescription("")
        self.readout_changed.emit(self.hint() if spots else "")

    def clear(self) -> None:
        """Forget the points (call before the chart's series are removed: the ring goes with them)."""
        self.spots, self.current, self._cursor = [], None, None
        self.setAccessibleDescription("")

    def hint(self) -> str:
        return _("Point at a measurement, or Tab here and use the arrow keys, to read its value.")

    def select(self, index: int | None) -> None:
        if index is not None:
            if not self.spots:
                return
            index = max(0, min(index, len(self.spots) - 1))
        if index == self.current:
            return
        self.current = index
        if self._cursor is not None:
            self._cursor.replace([] if index is None else [self.spots[index]])
        text = self.hint() if index is None else self._describe(index)
        self.setAccessibleDescription(text)
        self.readout_changed.emit(text)

    # -- the keyboard ----------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.spots:
            super().keyPressEvent(event)
            return
        last = len(self.spots) - 1
        at = last if self.current is None else self.current
        moves = {
            Qt.Key.Key_Left: at - 1,
            Qt.Key.Key_Right: at + 1,
            Qt.Key.Key_Up: at + 1,
            Qt.Key.Key_Down: at - 1,
            Qt.Key.Key_PageUp: at - 10,
            Qt.Key.Key_PageDown: at + 10,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: last,
        }
        key = Qt.Key(event.key())
        if key not in moves:
            super().keyPressEvent(event)
            return
        self.select(at if self.current is None else moves[key])
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.current is None and self.spots:
            self.select(len(self.spots) - 1)  # the latest measurement first

    # -- the mouse -------------------------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        nearest = self.nearest(event.position())
        if nearest is not None:
            self.select(nearest)

    def nearest(self, where: QPointF) -> int | None:
        """The index of the spot drawn within HOVER_RADIUS pixels of `where` (view coordinates), if any."""
        if not self.spots or self._cursor is None:
            return None
        scene = self.mapToScene(where.toPoint())
        chart = self.chart()
        value = chart.mapToValue(chart.mapFromScene(scene), self._cursor)
        plot = chart.plotArea()
        origin = chart.mapToValue(plot.topLeft(), self._cursor)
        corner = chart.mapToValue(plot.bottomRight(), self._cursor)
        x_scale = plot.width() / ((corner.x() - origin.x()) or 1.0)
        y_scale = plot.height() / ((origin.y() - corner.y()) or 1.0)
        best, best_distance = None, HOVER_RADIUS**2
        for index, spot in enumerate(self.spots):
            dx = (spot.x() - value.x()) * x_scale
            if abs(dx) > HOVER_RADIUS:
                continue
            distance = dx * dx + ((spot.y() - value.y()) * y_scale) ** 2
            if distance <= best_distance:
                best, best_distance = index, distance
        return best

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            apply_fonts(self.chart(), self.font())


def fitted_ticks(width: float, sample: str, font: QFont, least: int = 2, most: int = 12) -> int:
    """How many x axis labels like `sample` fit side by side in `width` pixels, with room between them."""
    room = QFontMetricsF(font).horizontalAdvance(sample) + 28
    return max(least, min(most, int(width // room) + 1))


def set_time_axis(axis: QDateTimeAxis, moments_ms: Sequence[float]) -> tuple[float, float]:
    """The time axis over `moments_ms` (ms since the epoch) with a little room at each end, labelled dd/MM, with
    the year when it spans two, or with the hour within three days; returns the range (ms)."""
    first, last = min(moments_ms), max(moments_ms)
    pad = max((last - first) * 0.04, DAY_MS / 4)
    low, high = first - pad, last + pad
    start, end = QDateTime.fromMSecsSinceEpoch(int(low)), QDateTime.fromMSecsSinceEpoch(int(high))
    if start.date().year() != end.date().year():
        axis.setFormat("dd/MM/yyyy")
    elif high - low < 3 * DAY_MS:
        axis.setFormat("dd/MM hh:mm")
    else:
        axis.setFormat("dd/MM")
    axis.setRange(start, end)
    return float(start.toMSecsSinceEpoch()), float(end.toMSecsSinceEpoch())


def fit_time_ticks(axis: QDateTimeAxis, width: float, font: QFont) -> None:
    """As many date labels on the time axis as fit side by side in `width` pixels."""
    sample = axis.format().replace("yyyy", "0000").replace("dd", "00").replace("MM", "00")
    axis.setTickCount(fitted_ticks(width, sample.replace("hh", "00").replace("mm", "00"), font))
