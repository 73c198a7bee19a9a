"""A record tab that lists dated entries (e.g. Health): one page per kind the user may see, in the order
the kinds declare, plus the extra panels a capability adds (e.g. the vitals charts)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from centre_desk.i18n import _
from centre_desk.security.access import Actor
from centre_desk.services.entries import EntryService
from centre_desk.services.entries.kinds import RecordTab, kinds_of_tab
from centre_desk.ui.entries.panel import EntryPanel

# an extra panel: (title N_ source, factory(actor, resident_id) → widget), keyed by the code a kind names
ExtraPanel = tuple[str, Callable[[Actor, int], QWidget]]


class EntriesTab(QTabWidget):
    changed = Signal(object)  # an entry was written here

    def __init__(self, service: EntryService, actor: Actor, tab: RecordTab, resident_id: int,
                 extras: Mapping[str, ExtraPanel] | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName(f"entriesTab_{tab.code}")
        self.record_tab = tab
        self.panels: dict[str, EntryPanel] = {}
        visible = [k for k in kinds_of_tab(tab.code) if k in service.kinds_for(actor)]
        added: set[str] = set()
        for kind in visible:
            panel = EntryPanel(service, actor, kind, resident_id)
            panel.changed.connect(self.changed)
            self.panels[kind.code] = panel
            self.addTab(panel, _(kind.plural))
            for code in kind.extras:
                if extras and code in extras and code not in added:
                    added.add(code)
                    title, make = extras[code]
                    self.addTab(make(actor, resident_id), _(title))

    def reload(self) -> None:
        for panel in self.panels.values():
            if panel.loaded:
                panel.reload()
