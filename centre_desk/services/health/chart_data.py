"""The Health tab's charts from the nursing notes: each measure over time with the normal band for her age
(services/health/ranges.py), and a child's weight-for-age over the WHO curves (services/health/growth.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from centre_desk.i18n import N_, _
from centre_desk.models.health import NursingNote
from centre_desk.models.resident import Resident, Sex
from centre_desk.services.health import growth, news2, ranges
from centre_desk.services.health.charts import ChartLine, ChartPoint, GrowthChartData, GrowthPoint, VitalsChartData
from centre_desk.services.registry import age_on

# (code, title, unit, y range) of each chart, in the chooser's order
MEASURES = (
    ("temperature", N_("Temperature"), "°C", (35.0, 41.0)),
    ("pulse", N_("Pulse"), N_("/min"), (40.0, 160.0)),
    ("blood_pressure", N_("Blood pressure"), "mmHg", (40.0, 200.0)),
    ("resp_rate", N_("Respiratory rate"), N_("/min"), (8.0, 40.0)),
    ("spo2", N_("SpO2"), "%", (85.0, 100.0)),
    ("weight_kg", N_("Weight"), "kg", None),
    ("pain", N_("Pain (0–10)"), "", (0.0, 10.0)),
)
CHILD_MONTHS = 120  # WHO weight-for-age goes to 10 years


def _line(name: str, notes: Sequence[NursingNote], column: str) -> ChartLine:
    points = tuple(ChartPoint(n.occurred_at, float(v)) for n in notes if (v := getattr(n, column)) is not None)
    return ChartLine(name, points)


def vitals(notes: Sequence[NursingNote], age_years: int | None) -> tuple[VitalsChartData, ...]:
    """One chart per measure that has values (oldest first)."""
    ordered = sorted(notes, key=lambda n: n.occurred_at)
    charts = []
    for code, title, unit, y_range in MEASURES:
        lines: tuple[ChartLine, ...]
        if code == "blood_pressure":
            lines = (_line(_("Systolic"), ordered, "systolic"), _line(_("Diastolic"), ordered, "diastolic"))
            normal = ranges.normal_range(news2.SYSTOLIC, age_years)
        else:
            lines = (_line(_(title), ordered, code),)
            normal = ranges.normal_range(code, age_years) if code in ranges.RANGE_PARAMETERS else None
        if any(line.points for line in lines):
            charts.append(VitalsChartData(code, _(title), _(unit) if unit else "", lines, normal, y_range))
    return tuple(charts)


def _months(born: date, on: date) -> float:
    return (on - born).days / 30.4375


def weight_for_age(resident: Resident, notes: Sequence[NursingNote]) -> GrowthChartData | None:
    """A child's weights (under 10 at the latest weighing, birth date known to the month at least)."""
    if resident.sex not in (Sex.FEMALE, Sex.MALE):
        return None
    born = resident.birth_date or (date(resident.birth_year, 7, 1) if resident.birth_year else None)
    if born is None:
        return None
    weighed = sorted((n for n in notes if n.weight_kg is not None), key=lambda n: n.occurred_at)
    points = tuple(GrowthPoint(_months(born, n.occurred_at.date()), float(n.weight_kg or 0)) for n in weighed)
    points = tuple(p for p in points if 0 <= p.age_months <= CHILD_MONTHS)
    latest_age = age_on(resident.birth_date, resident.birth_year, weighed[-1].occurred_at.date()) if weighed else None
    if not points or latest_age is None or latest_age >= CHILD_MONTHS // 12:
        return None
    curves = growth.weight_for_age_curves(resident.sex)
    reference = tuple((c.age_months, c.minus3, c.minus2, c.median, c.plus2, c.plus3) for c in curves)
    sex_label = _("Girls") if resident.sex == Sex.FEMALE else _("Boys")
    title = _("Weight-for-age (WHO Child Growth Standards 2006, Growth Reference 2007)")
    return GrowthChartData(title, points, reference, sex_label)
