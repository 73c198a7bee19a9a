"""The name of each shipped day off, derived from the rule the file was made by (Labour Code 2019 Art. 112): the
days around Tết, the holidays on their own date, and a day given in place of a holiday that fell on a weekend paired,
in order, with the weekend holidays before it. Another day off close to a holiday lengthens its break
(the government's swaps); one far from any is a day off in exchange for a Saturday worked, or simply a day off."""

from __future__ import annotations

from datetime import date, timedelta

from centre_desk.i18n import N_, _
from centre_desk.services.workdays import SATURDAY, ShippedYear

NEW_YEAR = N_("New Year's Day (1/1)")
TET = N_("Lunar New Year (Tết)")
HUNG_KINGS = N_("Hùng Kings' Commemoration Day")
VICTORY = N_("Victory Day (30/4)")
LABOUR = N_("International Labour Day (1/5)")
NATIONAL = N_("National Day (2/9)")
IN_LIEU = N_("Day off in lieu: {holiday}")
NEAR = N_("Day off for {holiday}")
SWAP = N_("Day off in exchange for a Saturday worked")
DAY_OFF = N_("Day off")
WORKED = N_("Saturday worked in exchange for a day off")

TET_BEFORE, TET_AFTER = 7, 10  # the days off from a week before the lunar new year to ten days after are Tết
LIEU_WITHIN = 7  # a day given in place of a weekend holiday comes in the week after it
NEAR_WITHIN = 4  # another day off this close to a holiday makes a longer break for it


def _holidays(y: ShippedYear) -> list[tuple[date, str]]:
    """The holidays of the year on their own date (Tết apart), in order."""
    found = [(date(y.year, 1, 1), NEW_YEAR), (date(y.year, 4, 30), VICTORY), (date(y.year, 5, 1), LABOUR),
             (date(y.year, 9, 2), NATIONAL)]  # fmt: skip
    if y.hung_kings is not None:
        found.append((y.hung_kings, HUNG_KINGS))
    return sorted(found)


def _near(own: dict[date, str], day: date) -> str:
    close = [(abs((d - day).days), name) for d, name in own.items() if abs((d - day).days) <= NEAR_WITHIN]
    return _(NEAR).format(holiday=_(min(close)[1])) if close else ""


def names(y: ShippedYear) -> dict[date, str]:
    """Each shipped day off and Saturday worked of the year with its name, translated."""
    own = dict(_holidays(y))
    weekend = [(d, name) for d, name in _holidays(y) if d.weekday() >= SATURDAY]
    found: dict[date, str] = {}
    for day in y.days_off:
        if y.tet is not None and y.tet - timedelta(days=TET_BEFORE) <= day <= y.tet + timedelta(days=TET_AFTER):
            found[day] = _(TET)
        elif day in own:
            found[day] = _(own[day])
        elif y.year >= 2021 and day in (date(y.year, 9, 1), date(y.year, 9, 3)):
            found[day] = _(NATIONAL)  # from 2021 Quốc khánh is two days: 02/09 and one next to it
        else:
            lieu = next(((d, n) for d, n in weekend if d < day <= d + timedelta(days=LIEU_WITHIN)), None)
            if lieu is not None:
                weekend.remove(lieu)
                found[day] = _(IN_LIEU).format(holiday=_(lieu[1]))
            else:
                found[day] = _near(own, day) or (_(SWAP) if y.work_days else _(DAY_OFF))
    for day in y.work_days:
        found[day] = _(WORKED)
    return found
