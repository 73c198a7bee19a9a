"""The menu of the discharge papers on the "Leaving the centre" tab, and its wiring for one resident. Light on
purpose: the papers' service and reportlab (ui/discharge/printing.py) load only when a paper is first chosen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QWidget

from centre_desk.i18n import N_, _
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup

if TYPE_CHECKING:
    from centre_desk.services.discharge.papers import DischargePapers
    from centre_desk.ui.discharge.tab import DischargeTab

# (kind, menu text with its access key, window title, ASCII file stem: files travel by USB stick and e-mail)
PAPERS = (
    ("discharge-application", N_("&Application to end assistance (Mẫu 09)…"), N_("Application to end assistance"),
     "don-de-nghi-dung-tro-giup"),
    ("discharge-decision", N_("&Decision to end assistance…"), N_("Decision to end assistance"),
     "quyet-dinh-dung-tro-giup"),
    ("handover", N_("&Hand-over record…"), N_("Hand-over record"), "bien-ban-ban-giao"),
    ("belongings-return", N_("&Belongings returned…"), N_("Belongings returned"), "bien-ban-giao-tra-tai-san"),
    ("case-summary", N_("Case &summary…"), N_("Case summary"), "tom-tat-ho-so"),
)  # fmt: skip


def discharge_print_menu(parent: QWidget | None, print_paper: Callable[[str], None]) -> QMenu:
    """The five papers; choosing one calls `print_paper(kind)`."""
    menu = QMenu(_("Print"), parent)
    menu.setObjectName("dischargePrintMenu")
    for kind, text, _title, _stem in PAPERS:
        action = menu.addAction(_(text))
        action.setData(kind)
        action.triggered.connect(lambda _checked=False, k=kind: print_paper(k))
    return menu


def attach_papers(tab: DischargeTab, papers: Callable[[], DischargePapers], actor: Actor, resident_id: int) -> None:
    """Give the tab its Print menu when the user may print the discharge papers."""
    if not actor.can(Action.PRINT, FieldGroup.DISCHARGE):
        return

    def print_paper(kind: str) -> None:
        from centre_desk.ui.discharge.printing import discharge_printer

        discharge_printer(tab, papers(), actor, resident_id, "")(kind)

    tab.set_print_menu(discharge_print_menu(tab, print_paper))
