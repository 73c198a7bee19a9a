"""HolidayService (`Centre.holidays`): the year's days off and worked weekend days as shipped
(resources/holidays/vn.json) and as the manager corrected them — a weekday off added, a Saturday or Sunday worked in
exchange, a shipped day taken back. services/workdays.calendar_of applies the corrections to every clock.

Permissions (field group DISCHARGE, whose clock is the 7 working days to decide the end of assistance): VIEW shows a
year (every role); ADMINISTER corrects a day and takes a correction back (the manager). Audited "holiday.*".
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from centre_desk.errors import ValidationErrors
from centre_desk.i18n import _
from centre_desk.models.calendar import DayChange, HolidayChange
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.base import Service
from centre_desk.services.holidays.dto import HolidayDay, HolidayYear
from centre_desk.services.holidays.names import names
from centre_desk.services.lodging.common import staff_names
from centre_desk.services.workdays import SATURDAY, calendar, calendar_of, shipped_years
from centre_desk.text import nfc

G = FieldGroup.DISCHARGE
NOTE_WIDTH = 200
FIRST_YEAR, LAST_YEAR = 2000, 2100


def shipped_status(day: date) -> str:
    """What the shipped file makes of the day: "off" (a weekday off), "work" (a weekend day worked) or "normal"."""
    shipped = calendar()
    if day in shipped.days_off:
        return DayChange.OFF
    return DayChange.WORK if day in shipped.work_days else DayChange.NORMAL


def day_problems(day: date, change: str, note: str) -> list[tuple[str, str]]:
    """Every problem of a correction at once (the dialog calls it as one types); `note` already cleaned."""
    found: list[tuple[str, str]] = []
    shipped, weekend = shipped_status(day), day.weekday() >= SATURDAY
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        found.append(("day", _("Between {low} and {high}{unit}.").format(low=FIRST_YEAR, high=LAST_YEAR, unit="")))
    elif change == DayChange.OFF and weekend:
        found.append(("day", _("A Saturday or a Sunday is not worked anyway: choose a weekday.")))
    elif change == DayChange.OFF and shipped == DayChange.OFF:
        found.append(("day", _("This day is already a day off.")))
    elif change == DayChange.WORK and not weekend:
        found.append(("day", _("Only a Saturday or a Sunday can be worked in exchange for a day off.")))
    elif change == DayChange.WORK and shipped == DayChange.WORK:
        found.append(("day", _("This day is already worked.")))
    elif change == DayChange.NORMAL and shipped == DayChange.NORMAL:
        found.append(("day", _("This day is already an ordinary day: there is nothing to take back.")))
    if change not in tuple(DayChange):
        found.append(("change", _("Choose one of the values in the list.")))
    if not note:
        found.append(("note", _("Say why, e.g. the government's notice that gives the day.")))
    elif len(note) > NOTE_WIDTH:
        found.append(("note", _("At most {n} characters.").format(n=NOTE_WIDTH)))
    return found


def year_view(s: Session, year: int) -> HolidayYear:
    """The year's days that differ from an ordinary week, shipped and corrected, by date (two small queries)."""
    shipped = shipped_years().get(year)
    days: dict[date, HolidayDay] = {}
    if shipped is not None:
        named = names(shipped)
        days = {d: HolidayDay(d, shipped_status(d), named[d], shipped_status(d))
                for d in (*shipped.days_off, *shipped.work_days)}  # fmt: skip
    h = HolidayChange
    found = list(s.scalars(select(h).where(h.day >= date(year, 1, 1), h.day <= date(year, 12, 31))))
    who = staff_names(s, [c.changed_by for c in found])
    for c in found:
        before = days.get(c.day)
        days[c.day] = HolidayDay(c.day, c.change, c.note or (before.name if before else ""), shipped_status(c.day),
                                 True, c.note, who.get(c.changed_by or 0, ""), c.changed_at)  # fmt: skip
    working = calendar_of(s).between(date(year, 1, 1) - timedelta(days=1), date(year, 12, 31))
    return HolidayYear(year, shipped.source if shipped else "", tuple(days[d] for d in sorted(days)), working)


class HolidayService(Service):
    def year(self, actor: Actor, year: int) -> HolidayYear:
        """The year's days off, worked weekend days and shipped days taken back (VIEW on DISCHARGE)."""
        with self._access.unit(actor, Action.VIEW, G) as (s, cur):
            found = year_view(s, year)
            self._audit.record(s, cur, "holiday.year_viewed", record_type="holiday_year", record_id=year, field_group=G)
            return found

    def set_day(self, actor: Actor, day: date, change: str, note: str) -> HolidayYear:
        """Correct one day (ADMINISTER on DISCHARGE): a weekday off, a weekend day worked, or a shipped day taken
        back; a day corrected before gets the new correction. Returns the day's year. Audited "holiday.day_set"."""
        note = " ".join(nfc(note).split())
        problems = day_problems(day, change, note)
        if problems:
            raise ValidationErrors(problems)
        with self._access.unit(actor, Action.ADMINISTER, G, record_type="holiday_change", record_id=day) as (s, cur):
            row = s.scalar(select(HolidayChange).where(HolidayChange.day == day))
            if row is None:
                row = HolidayChange(day=day)
                s.add(row)
            row.change, row.note, row.changed_by, row.changed_at = change, note, cur.account_id, self._clock()
            s.flush()
            self._audit.record(s, cur, "holiday.day_set", record_type="holiday_change", record_id=day.isoformat(),
                               field_group=G)  # fmt: skip
            return year_view(s, day.year)

    def reset_day(self, actor: Actor, day: date) -> HolidayYear:
        """Take a correction back, the day as shipped again (ADMINISTER on DISCHARGE). Audited "holiday.day_reset"."""
        with self._access.unit(actor, Action.ADMINISTER, G, record_type="holiday_change", record_id=day) as (s, cur):
            row = s.scalar(select(HolidayChange).where(HolidayChange.day == day))
            if row is None:
                raise ValidationErrors([("day", _("This day has no correction to take back."))])
            s.delete(row)
            s.flush()
            self._audit.record(s, cur, "holiday.day_reset", record_type="holiday_change", record_id=day.isoformat(),
                               field_group=G)  # fmt: skip
            return year_view(s, day.year)
