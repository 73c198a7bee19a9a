"""A kind's own screens, for the rare kind the generic ones cannot show (the wellbeing scales: every question of
the instrument with its four answers, the total as one answers). Everything else still comes from the declaration.

A capability registers, for a kind's code, a form dialog factory (used by the record tab's New and Change instead
of ui/entries/form.EntryDialog) and, if it likes, the HTML of the selected entry (instead of ui/entries/detail.
entry_html). The modules that register are listed in FORM_MODULES and imported on first use, like the kinds
(services/entries/kinds.KIND_MODULES), so a record window shows the right form whoever built it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QWidget

from centre_desk.security.access import Actor
from centre_desk.services.entries.dto import EntryInput, EntryRow
from centre_desk.services.entries.fields import Choices
from centre_desk.services.entries.kinds import EntryKind
from centre_desk.ui.widgets.submit_dialog import SubmitDialog

FORM_MODULES = ("centre_desk.ui.counselling.scale_dialog", "centre_desk.ui.schooling.course_form")


@dataclass(frozen=True)
class FormRequest:
    """What a kind's form needs: the entry to change (None: a new one), the service's save and its age lookup."""

    kind: EntryKind
    actor: Actor
    parent: QWidget | None
    submit: Callable[[EntryInput], object] | None  # the service's save; None in a form shown for a look only
    row: EntryRow | None = None
    age_on: Callable[[date], int | None] = lambda _day: None  # the resident's age on a day (None: unknown)
    choices: Callable[[str], Choices] = lambda _name: ()  # a list of the kind's `lists`, read from the database


FormFactory = Callable[[FormRequest], SubmitDialog[EntryInput]]
DetailHtml = Callable[[EntryKind, EntryRow], str]


@dataclass(frozen=True)
class KindScreens:
    form: FormFactory
    detail: DetailHtml | None = None


_SCREENS: dict[str, KindScreens] = {}
_loaded = False


def register_screens(code: str, screens: KindScreens) -> KindScreens:
    _SCREENS[code] = screens
    return screens


def screens(code: str) -> KindScreens | None:
    """The kind's own screens, or None: the generic ones."""
    global _loaded
    if not _loaded:
        _loaded = True
        for module in FORM_MODULES:
            importlib.import_module(module)
    return _SCREENS.get(code)
