"""Legal aid through the entry foundation, on both databases: every kind written and read back as written, the
consent rule refused by the service itself, and the legal entries out of a nurse's reach (list, one entry, the
earlier versions, the Timeline, the kinds she is offered)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from centre_desk.errors import PermissionDenied, ValidationErrors
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.entries.fields import Value
from centre_desk.services.entries.kinds import kinds_of_tab, tabs
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident

WHEN = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
DAY = WHEN.astimezone().date()
LEGAL_KINDS = ("legal_info_session", "legal_aid_case", "legal_paper", "legal_step")

FULL: dict[str, tuple[tuple[str, Value], ...]] = {
    "legal_info_session": (
        ("topic", "rights"), ("details", "Quyền được trợ giúp pháp lý miễn phí"), ("form", "group"),
        ("given_by", "legal_aid_centre"), ("given_by_name", "Trợ giúp viên Nguyễn Thị Hằng"), ("minutes", 60),
        ("interpreter", "Vàng Thị Pà"), ("notes", "Em hỏi về chi phí luật sư"),
    ),
    "legal_aid_case": (
        ("matter", "criminal"), ("request", "Bảo vệ quyền lợi người bị hại"), ("status", "in_progress"),
        ("provider_type", "state_centre"), ("provider_name", "Trung tâm TGPL nhà nước tỉnh Lai Châu"),
        ("contact_person", "Nguyễn Thị Hằng, 0213 3876 415"), ("consent", "given"), ("consent_on", DAY),
        ("interpreter", True), ("interpreter_details", "Vàng Thị Pà, tiếng Mông"), ("closed_on", None),
        ("outcome", ""),
    ),
    "legal_paper": (
        ("paper", "identity_card"), ("other_name", ""), ("office", "Công an tỉnh Lai Châu"), ("status", "obtained"),
        ("requested_on", DAY - timedelta(days=20)), ("expected_on", DAY - timedelta(days=5)), ("obtained_on", DAY),
        ("note", "Lấy vân tay tại Trung tâm"),
    ),
    "legal_step": (
        ("authority", "procuracy"), ("authority_name", "Viện kiểm sát nhân dân tỉnh Lai Châu"),
        ("step", "indictment"), ("step_detail", ""), ("due_on", DAY + timedelta(days=3)), ("done_on", None),
        ("document", "Cáo trạng số 18/CT-VKS-P1"), ("note", "Chờ cáo trạng"),
    ),
}  # fmt: skip


@pytest.fixture
def people(installed: Installed) -> dict[Role, Actor]:
    roles = (Role.INTAKE, Role.NURSE, Role.COUNSELLOR)
    return {role: staff(installed, role) for role in roles} | {Role.MANAGER: installed.manager}


def test_the_legal_aid_tab_holds_the_four_kinds() -> None:
    assert [k.code for k in kinds_of_tab("legal")] == list(LEGAL_KINDS)
    tab = next(t for t in tabs() if t.code == "legal")
    assert (tab.title, tab.order) == ("Legal aid", 30)


@pytest.mark.parametrize("code", LEGAL_KINDS)
def test_each_kind_is_read_back_as_written(installed: Installed, people: dict[Role, Actor], code: str) -> None:
    entries = installed.centre.entries
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=30))
    saved = entries.save(people[Role.INTAKE], code, rid, None, None, EntryInput(WHEN, FULL[code]))
    for role in (Role.INTAKE, Role.COUNSELLOR, Role.MANAGER):
        row = entries.get(people[role], code, saved.id)
        assert dict(row.values) == dict(FULL[code]) and row.occurred_at == WHEN and row.summary
        assert entries.page(people[role], code, rid).rows[0].id == saved.id
    assert any(i.kind == code for i in entries.timeline(people[Role.COUNSELLOR], rid).items)
    changed = tuple((n, "Đã sửa" if n in ("notes", "note", "request") else v) for n, v in FULL[code])
    again = entries.save(people[Role.MANAGER], code, rid, saved.id, saved.version, EntryInput(WHEN, changed))
    assert again.version == saved.version + 1 and len(entries.revisions(people[Role.INTAKE], code, saved.id)) == 1
    with pytest.raises(PermissionDenied):  # the counsellor reads legal entries, never writes them
        entries.save(people[Role.COUNSELLOR], code, rid, None, None, EntryInput(WHEN, FULL[code]))


def test_the_service_refuses_a_case_in_progress_without_her_consent(installed: Installed) -> None:
    entries = installed.centre.entries
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=30))
    values = dict(FULL["legal_aid_case"]) | {"consent": "not_asked", "consent_on": None}
    with pytest.raises(ValidationErrors) as refused:
        entries.save(installed.manager, "legal_aid_case", rid, None, None, EntryInput(WHEN, tuple(values.items())))
    assert [f for f, _m in refused.value.problems] == ["status"]
    assert entries.page(installed.manager, "legal_aid_case", rid).total == 0
    requested = values | {"status": "requested"}
    row = entries.save(installed.manager, "legal_aid_case", rid, None, None, EntryInput(WHEN, tuple(requested.items())))
    assert row.flag  # her consent is still to ask
    given = requested | {"status": "in_progress", "consent": "given", "consent_on": date.today()}
    row = entries.save(installed.manager, "legal_aid_case", rid, row.id, row.version,
                       EntryInput(WHEN, tuple(given.items())))  # fmt: skip
    assert row.value("status") == "in_progress" and not row.flag


def test_a_nurse_cannot_reach_legal_entries(installed: Installed, people: dict[Role, Actor]) -> None:
    entries = installed.centre.entries
    nurse = people[Role.NURSE]
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=30))
    saved = {code: entries.save(people[Role.INTAKE], code, rid, None, None, EntryInput(WHEN, FULL[code]))
             for code in LEGAL_KINDS}  # fmt: skip
    assert not {k.code for k in entries.kinds_for(nurse)} & set(LEGAL_KINDS)
    for code, row in saved.items():
        with pytest.raises(PermissionDenied):
            entries.page(nurse, code, rid)
        with pytest.raises(PermissionDenied):
            entries.get(nurse, code, row.id)
        with pytest.raises(PermissionDenied):
            entries.revisions(nurse, code, row.id)
        with pytest.raises(PermissionDenied):
            entries.save(nurse, code, rid, None, None, EntryInput(WHEN, FULL[code]))
    line = entries.timeline(nurse, rid).items
    assert not [i for i in line if i.kind in LEGAL_KINDS]
    assert "Viện kiểm sát" not in " ".join(i.text for i in line)
    assert {i.kind for i in entries.timeline(people[Role.INTAKE], rid).items} >= set(LEGAL_KINDS)
