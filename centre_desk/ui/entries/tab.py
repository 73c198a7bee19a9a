"""A record tab that lists dated entries (e.g. Medical care): one page per kind the user may see, in the order
the kinds declare, plus the extra panels a capability adds (e.g. the vitals charts). A page is built when it is
first shown: a record opens faster when the pages nobody looks at stay empty."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMenu, QPushButton, QTabWidget, QWidget

from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.entries import EntryService
from centre_desk.services.entries.kinds import EntryKind, RecordTab, kinds_of_tab
from centre_desk.ui.entries.panel import EntryPanel

# an extra panel: (title N_ source, factory(actor, resident_id) → widget), keyed by the code a kind names
ExtraPanel = tuple[str, Callable[[Actor, int], QWidget]]
PrintPaper = Callable[[str], None]  # print_paper(paper code) for the record's resident


class EntriesTab(QTabWidget):
    changed = Signal(object)  # an entry was written here

    def __init__(self, service: EntryService, actor: Actor, tab: RecordTab, resident_id: int,
                 extras: Mapping[str, ExtraPanel] | None = None, parent: QWidget | None = None,
                 print_paper: PrintPaper | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName(f"entriesTab_{tab.code}")
        self.record_tab = tab
        self.panels: dict[str, EntryPanel] = {}
        self._makers: dict[QWidget, Callable[[], QWidget]] = {}  # an empty page → what it becomes
        self._codes: dict[str, QWidget] = {}
        self._closed = False  # her record is read-only (she left the centre)
        visible = [k for k in kinds_of_tab(tab.code) if k in service.kinds_for(actor)]
        added: set[str] = set()
        for kind in visible:
            self._page(kind.code, _(kind.plural), partial(self._panel, service, actor, kind, resident_id))
            for code in kind.extras:
                if extras and code in extras and code not in added:
                    added.add(code)
                    title, make = extras[code]
                    self._page(code, _(title), partial(make, actor, resident_id))
        self.currentChanged.connect(self._build)
        self.print_button: QPushButton | None = None
        if tab.papers and print_paper is not None:
            self._add_print_menu(tab, print_paper)

    def _add_print_menu(self, tab: RecordTab, print_paper: PrintPaper) -> None:
        """The tab's papers, from a Print button in the corner (the print hook of the declaration)."""
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setObjectName("tabPrint")
        menu = QMenu(self.print_button)
        for code, title in tab.papers:
            menu.addAction(_(title), partial(print_paper, code))
        self.print_button.setMenu(menu)
        self.setCornerWidget(self.print_button)

    def _page(self, code: str, title: str, make: Callable[[], QWidget]) -> None:
        empty = QWidget()
        self._makers[empty] = make
        self._codes[code] = empty
        self.addTab(empty, title)

    def _panel(self, service: EntryService, actor: Actor, kind: EntryKind, resident_id: int) -> EntryPanel:
        panel = EntryPanel(service, actor, kind, resident_id)
        panel.set_read_only(self._closed)
        panel.changed.connect(self.changed)
        self.panels[panel.kind.code] = panel
        return panel

    def set_read_only(self, closed: bool) -> None:
        """No writing on any of its pages (those built later too) while her record is closed."""
        self._closed = closed
        for panel in self.panels.values():
            panel.set_read_only(closed)

    def showEvent(self, event: QShowEvent) -> None:
        self._build(self.currentIndex())  # the page in view is made before the first paint
        super().showEvent(event)

    def _build(self, index: int) -> QWidget | None:
        empty = self.widget(index)
        make = self._makers.pop(empty, None) if empty is not None else None
        if make is None or empty is None:
            return empty
        built = make()
        blocked = self.blockSignals(True)  # replacing the page must not build the next one
        title = self.tabText(index)
        self.removeTab(index)
        self.insertTab(index, built, title)
        self.setCurrentIndex(index)
        self.blockSignals(blocked)
        self._codes = {c: (built if w is empty else w) for c, w in self._codes.items()}
        empty.deleteLater()
        return built

    @property
    def codes(self) -> tuple[str, ...]:
        """The kinds and extra panels this tab shows."""
        return tuple(self._codes)

    def page(self, code: str) -> QWidget:
        """The page of a kind or an extra panel, built now if it was not yet."""
        index = self.indexOf(self._codes[code])
        built = self._build(index)
        assert built is not None
        return built

    def panel(self, code: str) -> EntryPanel:
        page = self.page(code)
        assert isinstance(page, EntryPanel)
        return page

    def show_page(self, code: str) -> QWidget:
        page = self.page(code)
        self.setCurrentWidget(page)
        return page

    def reload(self) -> None:
        for panel in self.panels.values():
            if panel.loaded:
                panel.reload()
