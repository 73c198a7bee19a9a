"""The trend of the wellbeing scales: one scale at a time (chosen in the list above the chart), its totals over
time over its bands, shaded from minimal (green) to severe (red) and named in the legend.

Meaning never rests on colour alone: each band is a labelled legend entry, a score with the self-harm alert is a
red triangle (not a blue circle) with its own legend entry, and the chart is a Tab stop — the arrow keys step
through the scores and the line under it reads the current one out (dd/mm/yyyy, total, band, alert). Built on the
chart parts the health charts use (ui/health/chart_view.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCharts import QAreaSeries, QLegend, QLineSeries, QScatterSeries
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QWidget

from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.services.counselling import scales
from centre_desk.services.counselling.dto import ScaleTrend, TrendBand, TrendPoint
from centre_desk.ui.health.chart_view import (
    LINE_LOOKS,
    apply_fonts,
    fit_time_ticks,
    marker_image,
    set_time_axis,
    set_value_axis,
)
from centre_desk.ui.health.choice_chart import ChoiceChart

ALERT_COLOUR = "#c62828"
BAND_COLOURS = {  # light, so the line stays readable over them
    "minimal": QColor(200, 235, 190, 140),
    "mild": QColor(240, 236, 180, 140),
    "moderate": QColor(250, 218, 170, 140),
    "moderately_severe": QColor(247, 196, 170, 140),
    "severe": QColor(240, 170, 165, 140),
}


def _ms(moment: datetime) -> float:
    return moment.timestamp() * 1000.0


class ScaleChartView(ChoiceChart):
    """The scores of one scale over time; `set_data` gives every scale's trend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("scaleChart", _("Scale"), _("S&cale shown"),
                         _("No complete scale yet: a total needs every question answered."), parent)  # fmt: skip
        self.trends: list[ScaleTrend] = []
        self.bands: list[QAreaSeries] = []
        self.line: QLineSeries | None = None
        self.alerts: QScatterSeries | None = None
        self.set_data([])

    def set_data(self, trends: Sequence[ScaleTrend]) -> None:
        """Every scale's trend; the one shown before stays chosen when it is still there."""
        keep = self.combo.currentData()
        self.trends = list(trends)
        self.combo.blockSignals(True)
        self.combo.clear()
        for trend in self.trends:
            self.combo.addItem(f"{trend.instrument} – {trend.name}", trend.instrument)
        found = self.combo.findData(keep) if isinstance(keep, str) else -1
        self.combo.setCurrentIndex(max(found, 0) if self.trends else -1)
        self.combo.blockSignals(False)
        self.combo.setEnabled(bool(self.trends))
        self._show(self.combo.currentIndex())

    def _on_combo_changed(self, index: int) -> None:
        self._show(index)

    # -- drawing ---------------------------------------------------------------------------------------------------

    def _show(self, index: int) -> None:
        self.view.clear()
        self.chart.removeAllSeries()
        self.bands, self.line, self.alerts = [], None, None
        trend = self.trends[index] if 0 <= index < len(self.trends) else None
        if trend is None or not trend.points:
            self.readout.setText("")
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.view)
        x_low, x_high = set_time_axis(self.x_axis, [_ms(p.at) for p in trend.points])
        self._fit_x_ticks()
        set_value_axis(self.y_axis, 0, trend.max_total, 6, step=5)
        self.y_axis.setRange(0, trend.max_total)
        self.y_axis.setTitleText(_("{scale} total").format(scale=trend.instrument))
        for band in trend.bands:
            self.bands.append(self._add_band(band, x_low, x_high))
        colour, style, shape = LINE_LOOKS[0]
        line = QLineSeries()
        line.setName(_("Total"))
        line.setPen(QPen(QColor(colour), 2, style))
        line.setLightMarker(marker_image(shape, colour))
        line.setMarkerSize(9.0)
        line.setPointsVisible(True)
        spots = [QPointF(_ms(p.at), p.total) for p in trend.points]
        line.replace(spots)
        flagged = [spot for spot, p in zip(spots, trend.points, strict=True) if p.alert]
        for i, point in enumerate(trend.points):
            if point.alert:
                line.setPointConfiguration(i, QLineSeries.PointConfiguration.Visibility, False)
        self._attach(line)
        self.line = line
        if flagged:
            self.alerts = QScatterSeries()
            self.alerts.setName(_(scales.ALERT_TEXTS[scales.SELF_HARM]))
            self.alerts.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeTriangle)
            self.alerts.setMarkerSize(13.0)
            self.alerts.setColor(QColor(ALERT_COLOUR))
            self.alerts.setBorderColor(QColor("white"))
            self.alerts.replace(flagged)
            self._attach(self.alerts)
        self.view.set_spots(spots, lambda i: self.describe(trend, trend.points[i]), (self.x_axis, self.y_axis))
        apply_fonts(self.chart, self.font())

    def _attach(self, series: QLineSeries | QScatterSeries | QAreaSeries) -> None:
        self.chart.addSeries(series)
        series.attachAxis(self.x_axis)
        series.attachAxis(self.y_axis)

    def _add_band(self, band: TrendBand, x_low: float, x_high: float) -> QAreaSeries:
        """One band of the scale, across the whole time axis, behind the line (the top edge at the band's end)."""
        upper, lower = QLineSeries(), QLineSeries()
        top, bottom = band.high + 0.5, max(band.low - 0.5, 0)
        upper.replace([QPointF(x_low, top), QPointF(x_high, top)])
        lower.replace([QPointF(x_low, bottom), QPointF(x_high, bottom)])
        area = QAreaSeries(upper, lower)
        upper.setParent(area)
        lower.setParent(area)
        area.setName(f"{band.name} ({band.low}–{band.high})")
        area.setBrush(QBrush(BAND_COLOURS.get(band.code, QColor(220, 220, 220, 120))))
        area.setPen(QPen(Qt.PenStyle.NoPen))
        self._attach(area)
        for marker in self.chart.legend().markers(area):
            marker.setShape(QLegend.MarkerShape.MarkerShapeRectangle)
        return area

    def _fit_x_ticks(self) -> None:
        fit_time_ticks(self.x_axis, self.chart.plotArea().width() or self.view.width() - 80, self.font())

    @staticmethod
    def describe(trend: ScaleTrend, point: TrendPoint) -> str:
        band = next((b.name for b in trend.bands if b.code == point.band), point.band)
        text = _("{scale}: {total} – {band} on {when}").format(scale=trend.instrument, total=point.total, band=band,
                                                               when=format_datetime(point.at))  # fmt: skip
        if point.alert:
            text += " – ⚠ " + _(scales.ALERT_TEXTS[scales.SELF_HARM])
        return text
