"""Printing a PDF from QtPdf: each page painted as an image on the printer."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

PRINT_DPI_MAX = 300


def print_pages(document: QPdfDocument, printer: QPrinter) -> bool:
    """Paint every page of `document` on `printer` as an image of up to 300 dpi; False if it cannot start."""
    printer.setFullPage(True)  # the documents bring their own margins (Decree 30 for official papers)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = min(printer.resolution(), PRINT_DPI_MAX)
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(index, size)  # transparent background: paint white under it
            area = QRectF(painter.viewport())
            scale = min(area.width() / size.width(), area.height() / size.height())
            target = QRectF(area.x(), area.y(), size.width() * scale, size.height() * scale)
            painter.fillRect(target, Qt.GlobalColor.white)
            painter.drawImage(target, image)
    finally:
        painter.end()
    return True
