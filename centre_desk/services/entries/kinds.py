"""Kinds of dated entry: each capability declares its kinds here once, and gets the rest for free.

A kind names its model (a `DatedEntry` table), its fields, the field group whose permissions guard it,
whether its entries are restricted (never, at the writer's choice, always), the record tab it belongs to,
and a few optional hooks written as pure functions over the values:

* `summary(values)` — one line for the list and the Timeline;
* `check(values, context)` — problems across fields (e.g. diastolic above systolic);
* `derive(values, context)` — computed columns stored with the entry (e.g. the NEWS2 score);
* `flag(values)` — True marks the entry as needing attention (red in the lists, on the Overview);
* `preview(values, context)` — a live line under the form while typing (e.g. "NEWS2 5 — medium");
* `list_summary(values)` — the list's last column when the summary repeats the columns.

A kind whose rules need facts kept elsewhere in the database (the support payments: the rates in force and her
entitlements on the payment's day; term results: the school years her enrolments cover) names a `facts` reader;
what it finds reaches the hooks as `Context.facts` (`Context.fact(name)` for a fact of several lines), so the
hooks stay pure functions over the values and the context. A kind's own form that offers a list kept in the
database (e.g. the vocational courses) names it in `lists` (`store.register_list`, `EntryService.choices`).

The service (`EntryService`), the record tab (`ui/entries`), the Timeline, the audit and the printed list
need nothing else. tests/services/entries shows a kind declared by a test, with no code of its own.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from centre_desk.i18n import N_, _
from centre_desk.models.entries import DatedEntry
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.entries.fields import Field, Value

DEFAULT_WHEN = N_("Date and time")  # the label of the moment when a kind names none
# the modules that declare kinds, imported on first use (the print command never needs them)
KIND_MODULES = (
    "centre_desk.services.health.kinds",
    "centre_desk.services.care_plan.kinds",
    "centre_desk.services.counselling.kinds",
    "centre_desk.services.legal.kinds",
    "centre_desk.services.activities.events",  # no kind: the group sessions' Timeline source
    "centre_desk.services.payments.kinds",
    "centre_desk.services.schooling.kinds",
    "centre_desk.services.discharge.events",  # no kind: the discharge's Timeline source
    "centre_desk.services.follow_up.kinds",
)


class Restriction(enum.StrEnum):
    NEVER = "never"
    OPTIONAL = "optional"  # the writer ticks "restricted" (needs CREATE on the restricted group)
    ALWAYS = "always"


@dataclass(frozen=True)
class Context:
    """What the hooks may know about the resident on the entry's day (no names)."""

    age_years: int | None
    sex: str
    pregnant: bool
    on: date
    allergies: tuple[str, ...] = ()  # as the latest intake health check lists them
    facts: Mapping[str, Value] = field(default_factory=dict)  # what the kind's `facts` reader found

    def fact(self, name: str) -> tuple[str, ...]:
        """A fact of several values, one per line (e.g. the school years her enrolments cover); () without it."""
        value = self.facts.get(name)
        return tuple(value.split("\n")) if isinstance(value, str) and value else ()


Values = Mapping[str, Value]
FactsReader = Callable[[Session, int, date], Mapping[str, Value]]  # (session, resident id, day) → facts


def _no_problems(values: Values, context: Context) -> list[tuple[str, str]]:
    return []


def _nothing_derived(values: Values, context: Context) -> dict[str, Value]:
    return {}


def _no_flag(values: Values) -> bool:
    return False


def _no_preview(values: Values, context: Context) -> str:
    return ""


@dataclass(frozen=True)
class EntryKind:
    code: str  # "nursing_note": the audit's record type, the print command's kind
    model: type[DatedEntry]
    title: str  # N_("Nursing note")
    plural: str  # N_("Nursing notes")
    group: FieldGroup
    fields: tuple[Field, ...]
    summary: Callable[[Values], str]
    tab: str  # the record tab it is listed in ("health")
    restriction: Restriction = Restriction.NEVER
    restricted_group: FieldGroup = FieldGroup.SENSITIVE_HEALTH
    check: Callable[[Values, Context], list[tuple[str, str]]] = _no_problems
    derive: Callable[[Values, Context], dict[str, Value]] = _nothing_derived
    derived: tuple[str, ...] = ()  # the columns `derive` fills
    flag: Callable[[Values], bool] = _no_flag
    preview: Callable[[Values, Context], str] = _no_preview
    when_label: str = DEFAULT_WHEN  # N_ source: the label of the moment
    order: int = 100  # place in its tab
    extras: tuple[str, ...] = field(default=())  # UI panels the tab adds beside the list ("vitals_chart")
    list_summary: Callable[[Values], str] | None = None  # the list's last column, beside the in_list fields
    facts: FactsReader | None = None  # facts from the database the hooks need (Context.facts)
    lists: tuple[str, ...] = ()  # the database lists its own form offers (store.register_list)

    def brief(self, values: Values) -> str:
        """What the list shows after the kind's own columns: `list_summary`, else the summary."""
        return (self.list_summary or self.summary)(values)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields) + self.derived

    def title_text(self) -> str:
        return _(self.title)


@dataclass(frozen=True)
class RecordTab:
    code: str
    title: str  # N_ source
    order: int
    papers: tuple[tuple[str, str], ...] = ()  # (paper code, N_ title): the tab's Print menu (the print hook)
    after_discharge: bool = False  # still written once she has left (follow-up): the rest of the record is read-only


_KINDS: dict[str, EntryKind] = {}
_TABS: dict[str, RecordTab] = {}
_loaded = False


def register(kind: EntryKind) -> EntryKind:
    if kind.code in _KINDS and _KINDS[kind.code] is not kind:
        raise ValueError(f"entry kind {kind.code} declared twice")
    _KINDS[kind.code] = kind
    return kind


def unregister(code: str) -> None:
    """For tests that declare a kind of their own."""
    _KINDS.pop(code, None)


def register_tab(tab: RecordTab) -> RecordTab:
    _TABS[tab.code] = tab
    return tab


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in KIND_MODULES:
            importlib.import_module(module)


def kinds() -> tuple[EntryKind, ...]:
    _load()
    return tuple(sorted(_KINDS.values(), key=lambda k: (k.tab, k.order, k.code)))


def kind(code: str) -> EntryKind:
    _load()
    found = _KINDS.get(code)
    if found is None:
        raise KeyError(code)
    return found


def tabs() -> tuple[RecordTab, ...]:
    """The record tabs that list entries, in order (a kind's tab not registered gets its code as title)."""
    _load()
    codes = {k.tab for k in _KINDS.values()}
    found = [_TABS.get(c, RecordTab(c, c, 1000)) for c in codes]
    return tuple(sorted(found, key=lambda t: (t.order, t.code)))


def kinds_of_tab(tab: str) -> tuple[EntryKind, ...]:
    return tuple(k for k in kinds() if k.tab == tab)
