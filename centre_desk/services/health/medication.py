"""The medication plan as a kind of dated entry: its summary, checks, the schedule it stores and the allergy
warning shown while the nurse types (services/health/medication_rules.py and medication_allergy.py)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from centre_desk.i18n import N_, _
from centre_desk.services.entries.fields import Choices, Value, label
from centre_desk.services.entries.kinds import Context, Values
from centre_desk.services.health.medication_allergy import allergy_cautions, allergy_conflicts
from centre_desk.services.health.medication_rules import FREQUENCIES, DoseSchedule, frequency, schedule_problems

CUSTOM = "custom"  # at the times typed in `times`
FREQUENCY_CHOICES: Choices = (*((f.code, f.label) for f in FREQUENCIES), (CUSTOM, N_("At the times typed below")))
ROUTES: Choices = (
    ("oral", N_("By mouth")),
    ("topical", N_("On the skin")),
    ("injection", N_("Injection")),
    ("inhaled", N_("Inhaled")),
    ("drops", N_("Eye, ear or nose drops")),
    ("other", N_("Other")),
)
UNITS: Choices = (
    ("tablet", N_("tablet")),
    ("capsule", N_("capsule")),
    ("ml", "ml"),
    ("sachet", N_("sachet")),
    ("ampoule", N_("ampoule")),
    ("drop", N_("drop")),
    ("application", N_("application")),
)


def parse_times(text: str) -> tuple[tuple[time, ...], str]:
    """ "7:00 12 19:30" → the times of day, or a message."""
    found = []
    for part in text.replace(",", " ").replace(";", " ").split():
        hour, _sep, minute = part.partition(":")
        if not hour.isdigit() or (minute and not minute.isdigit()) or int(hour) > 23 or int(minute or 0) > 59:
            return (), _("Type the times of day as hh:mm, e.g. 07:00 12:00 19:00.")
        found.append(time(int(hour), int(minute or 0)))
    return tuple(found), ""


def schedule(values: Values) -> tuple[DoseSchedule | None, list[tuple[str, str]]]:
    code = values.get("frequency")
    start, end = values.get("start_on"), values.get("end_on")
    if not isinstance(start, date) or not isinstance(code, str) or not code:
        return None, []
    end_day = end if isinstance(end, date) else None
    if code == CUSTOM:
        times, message = parse_times(str(values.get("times") or ""))
        if message:
            return None, [("times", message)]
        plan = DoseSchedule(times, None, False, start, end_day)
    else:
        plan = frequency(code).schedule(start, end_day)
    renamed = {"end": "end_on", "every_hours": "frequency"}
    return plan, [(renamed.get(f, f), m) for f, m in schedule_problems(plan)]


def problems(values: Values, context: Context) -> list[tuple[str, str]]:
    _plan, found = schedule(values)
    return found


def derive(values: Values, context: Context) -> dict[str, Value]:
    plan, _found = schedule(values)
    if plan is None:
        return {}
    return {"times": " ".join(t.strftime("%H:%M") for t in plan.times), "every_hours": plan.every_hours,
            "as_needed": plan.as_needed}  # fmt: skip


def warnings(values: Values, context: Context) -> str:
    medicine = str(values.get("medicine") or "")
    conflicts = allergy_conflicts(context.allergies, medicine) if medicine else ()
    cautions = allergy_cautions(context.allergies, medicine) if medicine else ()
    if conflicts:
        return "⚠ " + _("ALLERGY: she is allergic to {what}. Check with the doctor before giving it.").format(
            what=", ".join(conflicts)
        )
    if cautions:
        return "⚠ " + _("Caution: she is allergic to {what}, which can cross-react.").format(what=", ".join(cautions))
    return ""


def dose_text(values: Values) -> str:
    dose, unit = values.get("dose"), values.get("unit")
    if not isinstance(dose, Decimal):
        return ""
    amount = f"{dose.normalize():f}".replace(".", ",")
    return f"{amount} {label(UNITS, unit)}" if unit else amount


def summary(values: Values) -> str:
    parts = [" ".join(p for p in (str(values.get("medicine") or ""), str(values.get("strength") or "")) if p)]
    dose = dose_text(values)
    if dose:
        parts.append(dose)
    parts.append(label(FREQUENCY_CHOICES, values.get("frequency")))
    if values.get("frequency") == CUSTOM and values.get("times"):
        parts.append(str(values.get("times")))
    return " · ".join(p for p in parts if p)
