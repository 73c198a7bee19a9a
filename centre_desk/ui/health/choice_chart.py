"""A chart of one series chosen in a list above it — a vital sign, a wellbeing scale: the choice, the chart with
a time axis and a value axis (a Tab stop whose arrow keys step through the points), a calm note when there is
nothing to draw, and the line under it that reads the current point out. Subclasses draw their series."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import QDateTimeAxis, QValueAxis
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from centre_desk.i18n import _
from centre_desk.ui.health.chart_view import MINIMUM, PointChartView, calm_note, new_chart


class ChoiceChart(QWidget):
    def __init__(self, name: str, choice: str, label_text: str, empty_text: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName(name)
        self.setMinimumSize(MINIMUM)
        self.combo = QComboBox()
        self.combo.setAccessibleName(choice)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label = QLabel(label_text)
        label.setBuddy(self.combo)
        self.chart = new_chart()
        self.x_axis = QDateTimeAxis()
        self.y_axis = QValueAxis()
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.view = PointChartView(self.chart)
        self.view.setAccessibleName(_("Chart"))
        self.empty = calm_note(empty_text)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.readout)
        self.setTabOrder(self.combo, self.view)
        self.combo.currentIndexChanged.connect(self._on_combo_changed)
        self.view.readout_changed.connect(self.readout.setText)
        self.view.resized.connect(self._fit_x_ticks)

    def sizeHint(self) -> QSize:
        return QSize(900, 420)

    if TYPE_CHECKING:  # each chart draws its own series

        def _on_combo_changed(self, index: int) -> None: ...

        def _fit_x_ticks(self) -> None: ...
