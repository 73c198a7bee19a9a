"""The health kinds through the entry service: NEWS2 stored with the note, never a number for a child or a
pregnant woman, and the sensitive group's entries only for nurses and the manager (docs/permissions.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from centre_desk.errors import PermissionDenied, ValidationErrors
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.entries.dto import EntryInput
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident

WHEN = datetime(2026, 11, 20, 8, tzinfo=UTC)
ADULT_VITALS = {
    "temperature": Decimal("39.2"), "pulse": 118, "systolic": 98, "diastolic": 60, "resp_rate": 22, "spo2": 94,
    "consciousness": "A",
}  # fmt: skip  # NEWS2: 2 + 2 + 2 + 2 + 1 + 0 + 0 = 9


def note(values: dict[str, object], when: datetime = WHEN, restricted: bool = False) -> EntryInput:
    return EntryInput(when, tuple(values.items()), restricted)  # type: ignore[arg-type]


def woman(installed: Installed, age: int) -> int:
    return resident(installed.centre, installed.manager, "Vàng Thị Dợ", datetime(2026, 11, 1, tzinfo=UTC),
                    birth_year=2026 - age)  # fmt: skip


def test_news2_is_computed_and_stored_with_the_note(installed: Installed) -> None:
    nurse = staff(installed, Role.NURSE)
    rid = woman(installed, 30)
    row = installed.centre.entries.save(nurse, "nursing_note", rid, None, None, note(ADULT_VITALS))
    assert row.value("news2") == 9 and row.value("news2_alert") is True and row.flag
    assert "NEWS2 9" in row.summary
    normal = {"temperature": Decimal("37.0"), "pulse": 80, "systolic": 120, "resp_rate": 16, "spo2": 98}
    calm = installed.centre.entries.save(nurse, "nursing_note", rid, None, None, note(ADULT_VITALS | normal))
    assert calm.value("news2") == 0 and not calm.flag
    preview = installed.centre.entries.preview(nurse, "nursing_note", rid, note(ADULT_VITALS))
    assert "9" in preview


def test_no_news2_number_for_a_child_or_a_pregnant_woman(installed: Installed) -> None:
    nurse, entries = staff(installed, Role.NURSE), installed.centre.entries
    child = woman(installed, 14)
    row = entries.save(nurse, "nursing_note", child, None, None, note(ADULT_VITALS))
    assert row.value("news2") is None and row.value("news2_alert") is False
    assert "NEWS2" not in row.summary
    adult = woman(installed, 24)
    pregnant = note({"topic": "pregnancy", "pregnant": "yes", "weeks": 12}, datetime(2026, 11, 5, tzinfo=UTC))
    entries.save(nurse, "reproductive_health", adult, None, None, pregnant)
    row = entries.save(nurse, "nursing_note", adult, None, None, note(ADULT_VITALS))
    assert row.value("news2") is None


def test_cross_field_checks(installed: Installed) -> None:
    nurse = staff(installed, Role.NURSE)
    rid = woman(installed, 30)
    with pytest.raises(ValidationErrors) as caught:
        installed.centre.entries.save(nurse, "nursing_note", rid, None, None,
                                      note({"systolic": 80, "diastolic": 90}))  # fmt: skip
    assert [f for f, _m in caught.value.problems] == ["diastolic"]
    with pytest.raises(ValidationErrors) as caught:
        installed.centre.entries.save(nurse, "health_check", rid, None, None, note({"insurance": "card"}))
    assert [f for f, _m in caught.value.problems] == ["insurance_number"]


def _everyone(installed: Installed) -> dict[str, Actor]:
    roles = {"intake": Role.INTAKE, "nurse": Role.NURSE, "counsellor": Role.COUNSELLOR}
    return {name: staff(installed, role) for name, role in roles.items()} | {"manager": installed.manager}


def test_sensitive_entries_per_role(installed: Installed) -> None:
    """Against docs/permissions.md: Sức khỏe nhạy cảm — intake c, nurse vcep, counsellor —, manager vcp;
    Sức khỏe — intake vc, nurse vcep, counsellor v, manager vcpxa."""
    entries, who = installed.centre.entries, _everyone(installed)
    rid = woman(installed, 30)
    test = note({"test": "hiv", "result": "pending"})
    made = {name: entries.save(who[name], "health_test", rid, None, None, test) for name in ("intake", "nurse")}
    made["manager"] = entries.save(who["manager"], "health_test", rid, None, None, test)
    with pytest.raises(PermissionDenied):
        entries.save(who["counsellor"], "health_test", rid, None, None, test)
    for name, sees in (("intake", False), ("nurse", True), ("counsellor", False), ("manager", True)):
        rows = entries.page(who[name], "health_test", rid).rows
        assert [r.hidden for r in rows] == [not sees] * 3, name
        items = [i for i in entries.timeline(who[name], rid).items if i.kind == "health_test"]
        assert len(items) == 3 and all(i.hidden is not sees for i in items), name
        assert entries.get(who[name], "health_test", made["nurse"].id).hidden is not sees
    result = note({"test": "hiv", "result": "negative", "result_on": WHEN.date()})
    entries.save(who["nurse"], "health_test", rid, made["nurse"].id, made["nurse"].version, result)
    for name in ("intake", "manager", "counsellor"):  # only the nurse edits health entries
        with pytest.raises(PermissionDenied):
            entries.save(who[name], "health_test", rid, made["intake"].id, made["intake"].version, result)
    opened = entries.break_glass(
        who["counsellor"], "health_test", made["nurse"].id, "Em ấy sốt cao, cần biết xét nghiệm"
    )
    assert opened.value("result") == "negative"
    assert [b.by for b in entries.glass_breaks(who["manager"])] == ["Cán bộ counsellor"]


def test_restricting_an_ordinary_entry_needs_the_sensitive_group(installed: Installed) -> None:
    entries, who = installed.centre.entries, _everyone(installed)
    rid = woman(installed, 30)
    arv = note({"note": "Đang điều trị ARV"}, restricted=True)
    row = entries.save(who["nurse"], "nursing_note", rid, None, None, arv)
    assert row.restricted
    assert entries.page(who["counsellor"], "nursing_note", rid).rows[0].hidden
    assert not entries.page(who["nurse"], "nursing_note", rid).rows[0].hidden
