"""Marks drawn on every page of a paper, outside the Decree 30 layout itself.

* `watermark` — a diagonal line across the page, translucent grey, over the text (drawn last, so that no
  table or shading can hide it, and text extraction keeps the page's own lines whole): a demo paper says
  "DỮ LIỆU MẪU — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ" on every page, so it can never pass for a real one;
* `stamp` — a boxed word in the top margin at the right ("BẢN SAO" on a reprint, "BẢN XEM TRƯỚC" on the
  screen before the number is issued), with an optional small `note` under it.

The page number (from page 2, centred in the top margin) stays clear of both: the stamp sits at the right
edge and the watermark crosses the text area.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from centre_desk.reports.official_parts import PAGE_SIZE, RIGHT_MARGIN
from centre_desk.text import nfc

DEMO_WATERMARK = "DỮ LIỆU MẪU — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
COPY_STAMP = "BẢN SAO"
PREVIEW_STAMP = "BẢN XEM TRƯỚC"

WATERMARK_GREY = 0.40
WATERMARK_ALPHA = 0.38  # the text under it stays readable on an office laser printer
WATERMARK_SHARE = 0.82  # of the page diagonal
STAMP_SIZE = 13
NOTE_SIZE = 9
STAMP_TOP = 6 * 72 / 25.4  # 6 mm below the top edge: inside the 20 mm top margin
STAMP_PAD = 4


@dataclass(frozen=True, slots=True)
class PageMarks:
    watermark: str = ""
    stamp: str = ""
    note: str = ""

    def __bool__(self) -> bool:
        return bool(self.watermark or self.stamp or self.note)


def draw_stamp(canvas: Canvas, marks: PageMarks, serif: str) -> None:
    """The stamp and its note, in the top margin (call when the page begins)."""
    if marks.stamp or marks.note:
        _stamp(canvas, nfc(marks.stamp), nfc(marks.note), serif)


def draw_watermark(canvas: Canvas, marks: PageMarks, serif: str) -> None:
    """The diagonal watermark, over everything else (call when the page ends)."""
    if marks.watermark:
        _watermark(canvas, nfc(marks.watermark), f"{serif}-Bold")


def _watermark(canvas: Canvas, text: str, font: str) -> None:
    width, height = PAGE_SIZE
    diagonal = math.hypot(width, height)
    size = WATERMARK_SHARE * diagonal / max(stringWidth(text, font, 1), 1)
    canvas.saveState()
    canvas.setFillGray(WATERMARK_GREY)
    canvas.setFillAlpha(WATERMARK_ALPHA)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(math.degrees(math.atan2(height, width)))
    canvas.setFont(font, size)
    canvas.drawCentredString(0, -size * 0.35, text)
    canvas.restoreState()


def _stamp(canvas: Canvas, stamp: str, note: str, serif: str) -> None:
    width, height = PAGE_SIZE
    right = width - RIGHT_MARGIN
    top = height - STAMP_TOP
    canvas.saveState()
    if stamp:
        bold = f"{serif}-Bold"
        box_w = stringWidth(stamp, bold, STAMP_SIZE) + 2 * STAMP_PAD
        box_h = STAMP_SIZE + 2 * STAMP_PAD
        canvas.setLineWidth(1.2)
        canvas.rect(right - box_w, top - box_h, box_w, box_h)
        canvas.setFont(bold, STAMP_SIZE)
        canvas.drawCentredString(right - box_w / 2, top - box_h + STAMP_PAD + 2.5, stamp)
        top -= box_h + 2
    if note:
        canvas.setFont(f"{serif}-Italic", NOTE_SIZE)
        canvas.drawRightString(right, top - NOTE_SIZE, note)
    canvas.restoreState()
