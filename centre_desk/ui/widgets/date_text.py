"""Dates typed as text, without Qt: dd/mm/yyyy (and dd/mm/yyyy hh:mm) shaped while typing, then read.

`shape` is what a date field shows for the keys typed so far: digits alone are enough, the separators appear as
they are needed ("12032011" → "12/03/2011"), a separator typed by hand closes its part ("1/3/2011"). `finish`
pads such parts when the field is left ("1/3/2011" → "01/03/2011"). `read_date` / `read_datetime` return the
value or raise `BadDate` with a message that says what is wrong ("02/2011 has only 28 days").
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from centre_desk.i18n import _

SEPARATORS = frozenset("/.-: ")


class BadDate(ValueError):
    """Text that is not a real date (or date and time); `message` says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Layout:
    """The parts of a typed value: their largest number of digits and the separator before each next part."""

    sizes: tuple[int, ...]
    separators: tuple[str, ...]

    @property
    def width(self) -> int:
        return sum(self.sizes) + len(self.separators)


DATE = Layout((2, 2, 4), ("/", "/"))
DATE_TIME = Layout((2, 2, 4, 2, 2), ("/", "/", " ", ":"))


def parts(text: str, layout: Layout) -> list[str]:
    """The digit groups of `text`: a full group spills into the next; a separator closes a non-empty group; an
    empty last group means a separator was just typed. Other characters and digits past the end are dropped."""
    groups = [""]
    for ch in text:
        if ch.isdigit() and ch.isascii():
            if len(groups[-1]) == layout.sizes[len(groups) - 1]:
                if len(groups) == len(layout.sizes):
                    continue
                groups.append("")
            groups[-1] += ch
        elif ch in SEPARATORS and groups[-1] and len(groups) < len(layout.sizes):
            groups.append("")
    return groups


def shape(text: str, layout: Layout = DATE) -> str:
    """What the field shows for `text`: the groups joined by the layout's separators."""
    groups = parts(text, layout)
    return "".join(group + (layout.separators[i] if i < len(groups) - 1 else "") for i, group in enumerate(groups))


def finish(text: str, layout: Layout = DATE) -> str:
    """`text` shaped, with day, month, hour and minute padded to two digits once every part is there."""
    groups = parts(text, layout)
    if len(groups) != len(layout.sizes) or not all(groups):
        return shape(text, layout)
    padded = [g.zfill(size) if size == 2 else g for g, size in zip(groups, layout.sizes, strict=True)]
    return shape("/".join(padded), layout)


def _format_hint(layout: Layout) -> str:
    if layout is DATE_TIME:
        return _("Please type the date and time as dd/mm/yyyy hh:mm, e.g. 05/02/2026 14:30.")
    return _("Please type the date as dd/mm/yyyy, e.g. 05/02/2026.")


def _day(groups: list[str]) -> date:
    day, month, year = (int(g) for g in groups[:3])
    if not 1 <= month <= 12:
        raise BadDate(_("There is no month {month}: the month goes from 01 to 12.").format(month=groups[1]))
    if year < 1:
        raise BadDate(_("There is no year 0000."))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise BadDate(
            _("{month:02d}/{year:04d} has only {days} days.").format(month=month, year=year, days=last)
            if day
            else _("There is no day 00.")
        )
    return date(year, month, day)


def _complete(text: str, layout: Layout) -> list[str] | None:
    """The groups of a fully typed value (the year with four digits), None for empty text."""
    if not text.strip():
        return None
    groups = parts(text, layout)
    if len(groups) != len(layout.sizes) or not all(groups) or len(groups[2]) != 4:
        raise BadDate(_format_hint(layout))
    return groups


def read_date(text: str) -> date | None:
    """The date typed as dd/mm/yyyy (d/m/yyyy and digits alone too); None when empty; BadDate otherwise."""
    groups = _complete(text, DATE)
    return None if groups is None else _day(groups)


def read_datetime(text: str) -> datetime | None:
    """The naive local date and time typed as dd/mm/yyyy hh:mm; None when empty; BadDate otherwise."""
    groups = _complete(text, DATE_TIME)
    if groups is None:
        return None
    day = _day(groups)
    hour, minute = int(groups[3]), int(groups[4])
    if hour > 23:
        raise BadDate(_("The hour goes from 00 to 23."))
    if minute > 59:
        raise BadDate(_("The minutes go from 00 to 59."))
    return datetime(day.year, day.month, day.day, hour, minute)


def date_text(value: date | None) -> str:
    return "" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def datetime_text(value: datetime | None) -> str:
    return "" if value is None else f"{date_text(value.date())} {value.hour:02d}:{value.minute:02d}"
