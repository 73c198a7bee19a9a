"""Errors as you go: which problems the wizard shows, and where.

The problems are always all of them, computed from everything typed with the service's own checks
(`payload_problems`). What changes is where they are shown: under a field once the user has left it, under every
field of a page once the page was left (or Save was pressed), in the section list as a mark (✓ only for a page
left with no problem), and on the review page as a list of links.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from centre_desk.i18n import _
from centre_desk.ui.admissions.fields import ErrorSpot
from centre_desk.ui.admissions.pages import LazyPages
from centre_desk.ui.admissions.payload import Payload, page_of_field, payload_problems

Problem = tuple[str, str]
DONE, TO_FIX = "✓", "⚠"


class AsYouGo:
    def __init__(self, pages: LazyPages, now: Callable[[], datetime]) -> None:
        self.pages = pages
        self._now = now
        self.problems: list[Problem] = []
        self.checked = False  # problems computed at least once
        self.left_pages: set[int] = set()
        self._left_spots: set[int] = set()  # id() of the places whose field the user has left

    def check(self, payload: Payload) -> list[Problem]:
        self.problems = payload_problems(payload, self._now())
        self.checked = True
        return self.problems

    def set_problems(self, problems: list[Problem]) -> None:
        """Problems that came from elsewhere (the service refused the save): shown as they are."""
        self.problems = list(problems)
        self.checked = True

    def left_spot(self, spot: ErrorSpot) -> None:
        self._left_spots.add(id(spot))

    def left_page(self, index: int) -> None:
        self.left_pages.add(index)

    def left_everything(self) -> None:
        self.left_pages.update(range(len(self.pages)))

    def on_page(self, index: int) -> list[Problem]:
        return [p for p in self.problems if page_of_field(p[0]) == index]

    def mark(self, index: int) -> str:
        """✓ for a page left with nothing to correct, ⚠ for one left with something to correct, else nothing;
        the review (the last page, no fields of its own) counts everything."""
        if not self.checked or index not in self.left_pages:
            return ""
        found = self.problems if index == len(self.pages) - 1 else self.on_page(index)
        return TO_FIX if found else DONE

    def fill_sections(self, sections: QListWidget, titles: list[str], current: int) -> None:
        """The section list: "✓  3. Home and family", ⚠ in red for a page to correct; the current page unmarked."""
        sections.clear()
        for index, title in enumerate(titles):
            mark = self.mark(index) if index != current else ""
            item = QListWidgetItem(f"{mark or '   '}  {index + 1}. {title}")
            if mark == TO_FIX:
                item.setForeground(QBrush(QColor("#b3261e")))
                item.setToolTip(_("Something on this page needs correcting."))
            sections.addItem(item)
        sections.setCurrentRow(current)

    def show(self) -> None:
        """Put the problems under the fields of every page built so far (those the user has left)."""
        for index, page in self.pages.built():
            if index in self.left_pages:
                page.show_problems(self.on_page(index))
            else:
                touched = [s for s in page.spots() if id(s) in self._left_spots]
                page.show_problems(self.on_page(index), touched)

    def spot_for(self, field: str) -> tuple[int, ErrorSpot | None] | None:
        index = page_of_field(field)
        return None if index is None else (index, self.pages[index].box_for(field))

    def lines(self) -> list[Problem]:
        """(field, "3. Home and family › Parent or guardian: message") for the review's list of links."""
        result = []
        for field, message in self.problems:
            found = self.spot_for(field)
            if found is None:
                result.append((field, message))
                continue
            index, spot = found
            place = f"{index + 1}. {_(self.pages[index].title)}"
            if spot is not None and spot.label:
                place += f" › {spot.label}"
            result.append((field, f"{place}: {message}"))
        return result
