"""Opening a record: one window per resident (raised if already open), given what the centre offers — the Phòng ở
tab with the lodging service, the dated-entry tabs, the Leaving the centre tab and its papers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtWidgets import QWidget

from centre_desk.security.access import Actor
from centre_desk.services.registry import Presence, RegistryFilter, RegistryRow
from centre_desk.services.residents import ResidentService
from centre_desk.ui.discharge.paper_menu import attach_papers
from centre_desk.ui.entries.tab import ExtraPanel, PrintPaper
from centre_desk.ui.events import AppEvents
from centre_desk.ui.record.keep_apart_dialog import SearchResidents
from centre_desk.ui.record.lodging_tab import ChooseBed
from centre_desk.ui.record.window import PrintDocument, RecordWindow

if TYPE_CHECKING:
    from centre_desk.services.entries import EntryService
    from centre_desk.services.lodging import LodgingService
    from centre_desk.services.registry import RegistryService

SEARCH_LIMIT = 50  # residents listed in the keep-apart dialog


class HasResidents(Protocol):
    @property
    def residents(self) -> ResidentService: ...


class HasLodging(HasResidents, Protocol):
    @property
    def lodging(self) -> LodgingService: ...

    @property
    def registry(self) -> RegistryService: ...


def registry_search(registry: RegistryService, actor: Actor) -> SearchResidents:
    """The residents in the centre whose name, alias or code matches (accent-blind; names by permission)."""

    def search(text: str) -> list[RegistryRow]:
        return registry.first_page(actor, RegistryFilter(search=text, presence=Presence.PRESENT), SEARCH_LIMIT)[1]

    return search


_open_windows: dict[tuple[int, int], RecordWindow] = {}


def open_record(
    parent: QWidget | None,
    centre_or_services: HasResidents | ResidentService,
    actor: Actor,
    events: AppEvents,
    resident_id: int,
    print_document: PrintDocument | None = None,
    choose_bed: ChooseBed | None = None,
    entry_extras: Mapping[str, ExtraPanel] | None = None,
    print_paper: PrintPaper | None = None,
) -> RecordWindow:
    """Show the record of `resident_id`, raising the window already open for it if there is one. Given the
    centre (not only its residents' service), the window has the Phòng ở tab."""
    residents = centre_or_services if isinstance(centre_or_services, ResidentService) else centre_or_services.residents
    key = (id(residents), resident_id)
    window = _open_windows.get(key)
    if window is not None:
        window.showNormal()
        window.raise_()
        window.activateWindow()
        return window
    lodging: LodgingService | None = None
    search: SearchResidents | None = None
    if hasattr(centre_or_services, "lodging") and hasattr(centre_or_services, "registry"):
        whole = cast("HasLodging", centre_or_services)
        lodging, search = whole.lodging, registry_search(whole.registry, actor)
    entries: EntryService | None = getattr(centre_or_services, "entries", None)
    window = RecordWindow(
        residents, actor, events, resident_id, parent, print_document,
        lodging=lodging, choose_bed=choose_bed, search_residents=search, entries=entries,
        entry_extras=entry_extras, print_paper=print_paper, discharge=getattr(centre_or_services, "discharge", None),
    )  # fmt: skip
    if window.discharge_tab is not None and hasattr(centre_or_services, "discharge_papers"):
        attach_papers(window.discharge_tab, lambda: centre_or_services.discharge_papers, actor, resident_id)
    _open_windows[key] = window
    window.destroyed.connect(lambda _obj=None, k=key: _open_windows.pop(k, None))
    window.show()
    return window
