"""The centre's effective-dated details and program-wide settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from centre_desk.errors import ValidationError
from centre_desk.i18n import N_, _
from centre_desk.models.centre import AppSetting, CentreSettings
from centre_desk.reports.glyphs import printable_text
from centre_desk.security.access import AccessControl, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.concurrency import load_for_edit, stale_guard
from centre_desk.text import normalized

IDLE_MINUTES_KEY = "idle_lock_minutes"
IDLE_MINUTES_DEFAULT = 5
IDLE_MINUTES_RANGE = (1, 15)
_FIELDS = (
    "centre_name", "parent_agency", "address", "province", "place_name", "director_name", "director_title",
    "abbreviation", "founding_decision", "proposing_unit", "officer_title",
)  # fmt: skip
# Every one of them is printed on the papers.
_LABELS = {
    "centre_name": N_("centre name"), "parent_agency": N_("parent agency"), "address": N_("address"),
    "province": N_("province"), "place_name": N_("place name"), "director_name": N_("director's name"),
    "director_title": N_("director's title"), "abbreviation": N_("abbreviation"),
    "founding_decision": N_("founding decision"), "proposing_unit": N_("proposing unit"),
    "officer_title": N_("receiving officer's job title"),
}  # fmt: skip
# The columns' widths (models/centre.py); the others hold 300 characters.
MAX_LENGTHS = {
    "province": 100, "place_name": 100, "director_name": 200, "director_title": 200, "abbreviation": 30,
    "proposing_unit": 200, "officer_title": 200,
}  # fmt: skip
# What an empty setting does to the papers: the founding decision blocks decisions (it is a legal basis
# every decision cites); the other two leave a dotted line to write by hand.
FOUNDING_MISSING = N_(
    "The centre's founding decision is not filled in (Administration → Centre details → Founding decision). "
    "An admission decision cites it among its legal bases: fill it in, then print again."
)
PAPER_GAPS = {
    "founding_decision": N_(
        "The founding decision is empty: admission decisions cannot be printed until it is filled in."
    ),
    "proposing_unit": N_(
        "The proposing unit is not filled in: decisions will leave “Theo đề nghị của …” blank to write by hand."
    ),
    "officer_title": N_(
        "The receiving officer's job title is not filled in: admission records will leave it blank to write by hand."
    ),
}


@dataclass(frozen=True)
class CentreDetails:
    """What documents print about the centre, valid from `effective_from`."""

    effective_from: date
    centre_name: str
    parent_agency: str = ""
    address: str = ""
    province: str = ""
    place_name: str = ""
    director_name: str = ""
    director_title: str = ""
    abbreviation: str = ""
    founding_decision: str = ""
    proposing_unit: str = ""
    officer_title: str = ""
    id: int | None = None
    version: int = 0

    @classmethod
    def from_model(cls, row: CentreSettings) -> CentreDetails:
        values = {f: getattr(row, f) for f in _FIELDS}
        return cls(row.effective_from, **values, id=row.id, version=row.version)

    def paper_gaps(self) -> dict[str, str]:
        """Field -> what its being empty does to the printed papers (translated), for the settings page."""
        return {field: _(message) for field, message in PAPER_GAPS.items() if not getattr(self, field).strip()}


def check_details(details: CentreDetails) -> CentreDetails:
    details = normalized(details)
    cleaned = {f: printable_text(" ".join(getattr(details, f).split()), f, _(_LABELS[f]), about_a_person=False)
               for f in _FIELDS}  # fmt: skip
    if not cleaned["centre_name"]:
        raise ValidationError("centre_name", _("Please enter the centre's name."))
    for name, value in cleaned.items():
        longest = MAX_LENGTHS.get(name, 300)
        if len(value) > longest:
            raise ValidationError(name, _("This field may have at most {count} characters.").format(count=longest))
    return CentreDetails(details.effective_from, **cleaned, id=details.id, version=details.version)


def add_details(s: Session, details: CentreDetails) -> CentreSettings:
    details = check_details(details)
    if s.scalar(select(CentreSettings.id).where(CentreSettings.effective_from == details.effective_from)):
        raise ValidationError("effective_from", _("There are already centre details from this date."))
    row = CentreSettings(effective_from=details.effective_from, **{f: getattr(details, f) for f in _FIELDS})
    s.add(row)
    s.flush()
    return row


def details_on(s: Session, day: date) -> CentreSettings | None:
    """The details valid on `day` (the earliest ones for a day before all of them)."""
    return s.scalar(
        select(CentreSettings)
        .where(CentreSettings.effective_from <= day)
        .order_by(CentreSettings.effective_from.desc())
        .limit(1)
    ) or s.scalar(select(CentreSettings).order_by(CentreSettings.effective_from).limit(1))


def centre_name_now(s: Session) -> str:
    row = details_on(s, date.today())
    return "" if row is None else row.centre_name


class SettingsService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        read_sessions: sessionmaker[Session],
        audit: AuditLog,
        access: AccessControl,
    ) -> None:
        self._sessions = sessions
        self._read = read_sessions
        self._audit = audit
        self._access = access

    def centre_on(self, day: date) -> CentreDetails | None:
        """The centre's details for a document dated `day` (not personal data: not audited)."""
        with self._read() as s:
            row = details_on(s, day)
            return None if row is None else CentreDetails.from_model(row)

    def centre_history(self, actor: Actor) -> list[CentreDetails]:
        with self._access.unit(actor, Action.VIEW, FieldGroup.SYSTEM) as (s, _current):
            rows = s.scalars(select(CentreSettings).order_by(CentreSettings.effective_from.desc()))
            return [CentreDetails.from_model(r) for r in rows]

    def save_centre(self, actor: Actor, details: CentreDetails) -> CentreDetails:
        """A new dated version (id None) or a correction of an existing one (version-checked)."""
        details = check_details(details)
        with (
            self._access.unit(actor, Action.EDIT, FieldGroup.SYSTEM, record_type="centre_settings") as (s, current),
            stale_guard(),
        ):
            if details.id is None:
                row = add_details(s, details)
            else:
                row = load_for_edit(s, CentreSettings, details.id, details.version, CentreDetails.from_model)
                row.effective_from = details.effective_from
                for name in _FIELDS:
                    setattr(row, name, getattr(details, name))
                s.flush()
            self._audit.record(s, current, "centre.updated", record_type="centre_settings", record_id=row.id)
            return CentreDetails.from_model(row)

    def idle_minutes(self) -> int:
        with self._read() as s:
            value = s.scalar(select(AppSetting.value).where(AppSetting.key == IDLE_MINUTES_KEY))
        return int(value) if value else IDLE_MINUTES_DEFAULT

    def set_idle_minutes(self, actor: Actor, minutes: int) -> None:
        low, high = IDLE_MINUTES_RANGE
        if not low <= minutes <= high:
            raise ValidationError("idle_minutes", _("The screen lock delay must be 1 to 15 minutes."))
        with self._access.unit(actor, Action.EDIT, FieldGroup.SYSTEM, record_type="app_setting") as (s, current):
            setting = s.get(AppSetting, IDLE_MINUTES_KEY)
            if setting is None:
                s.add(AppSetting(key=IDLE_MINUTES_KEY, value=str(minutes)))
            else:
                setting.value = str(minutes)
            self._audit.record(s, current, "setting.updated", record_type="app_setting", record_id=IDLE_MINUTES_KEY)
