"""The registry: accent-proof search, filters, Vietnamese order, permissions and audit."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from centre_desk.errors import PermissionDenied
from centre_desk.i18n import _
from centre_desk.models import AuditEvent
from centre_desk.models.resident import Admission, Channel
from centre_desk.models.staff import Role
from centre_desk.security import permissions
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.dto import NewAccount
from centre_desk.services.registry import AgeBand, Presence, RegistryFilter, RegistryService, search_tokens
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.registry_data import admit

NOW = datetime.now(UTC)


def registry(installed: Installed) -> RegistryService:
    c = installed.centre
    return RegistryService(c.sessions, c.read_sessions, c.audit, c.access)


def names(installed: Installed, f: RegistryFilter, actor: Actor | None = None) -> list[str]:
    return [r.name for r in registry(installed).page(actor or installed.manager, f, 0, 100)]


def _account(installed: Installed, login: str, role: Role) -> Actor:
    installed.centre.accounts.create(
        installed.manager, NewAccount(login, "Trần Văn Đức", MANAGER_PASSWORD, frozenset({role}))
    )
    return installed.centre.accounts.authenticate(login, MANAGER_PASSWORD)


def _listed(installed: Installed) -> list[AuditEvent]:
    with installed.centre.sessions() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action.like("resident.%list%"))))


def test_search_ignores_case_accents_and_d_stroke(installed: Installed) -> None:
    c, m = installed.centre, installed.manager
    admit(c, m, "Nguyễn Thị Hường", ethnic_code="01")
    admit(c, m, "Đặng Đức Độ", ethnic_code="01", sex="male")
    admit(c, m, "Nguyễn Thị Hương", ethnic_code="01")
    admit(c, m, "Lò Thị Ban", ethnic_code="03", other_names="Ban Lò")
    assert names(installed, RegistryFilter("nguyen thi huong")) == [
        "Nguyễn Thị Hường",
        "Nguyễn Thị Hương",
    ]  # same sort key: by code
    assert names(installed, RegistryFilter("dang duc do")) == ["Đặng Đức Độ"]
    assert names(installed, RegistryFilter("ĐẶNG")) == ["Đặng Đức Độ"]
    assert len(names(installed, RegistryFilter("  HƯỜNG   nguyễn "))) == 2  # accents folded both ways
    assert names(installed, RegistryFilter("ban lo")) == ["Lò Thị Ban"]
    assert registry(installed).count(m, RegistryFilter("nguyen")) == 2


def test_vietnamese_order_given_name_first_then_code(installed: Installed) -> None:
    c, m = installed.centre, installed.manager
    for name in ("Lò Thị Hương", "Giàng Thị Mỷ", "Đặng Đức Độ", "Vàng Thị Ban", "Lò Thị Hương"):
        admit(c, m, name)
    rows = registry(installed).page(m, RegistryFilter(), 0, 10)
    assert [r.name for r in rows] == ["Vàng Thị Ban", "Đặng Đức Độ", "Lò Thị Hương", "Lò Thị Hương", "Giàng Thị Mỷ"]
    assert rows[2].code < rows[3].code
    assert [r.name for r in registry(installed).page(m, RegistryFilter(), 1, 2)] == ["Đặng Đức Độ", "Lò Thị Hương"]


def test_filters(installed: Installed) -> None:
    c, m = installed.centre, installed.manager
    child = admit(c, m, "Sùng Thị Dợ", birth_year=NOW.year - 15, is_pupil=True, channel=Channel.POLICE)
    adult = admit(c, m, "Lò Thị Hương", birth_year=NOW.year - 30, arrived_at=datetime(2019, 6, 1, 8, tzinfo=UTC))
    admit(c, m, "Giàng Thị Mỷ", birth_year=NOW.year - 17, previous_resident_id=child.resident_id)
    with c.sessions.begin() as s:
        stay = s.scalar(select(Admission).where(Admission.resident_id == adult.resident_id))
        assert stay is not None
        stay.discharged_at = datetime(2019, 7, 1, tzinfo=UTC)
    assert names(installed, RegistryFilter(age=AgeBand.UNDER_18)) == ["Sùng Thị Dợ", "Giàng Thị Mỷ"]
    assert names(installed, RegistryFilter(age=AgeBand.CHILD)) == ["Sùng Thị Dợ"]  # 17 is no child (under 16)
    assert names(installed, RegistryFilter(pupils_only=True)) == ["Sùng Thị Dợ"]
    assert names(installed, RegistryFilter(channel=Channel.POLICE)) == ["Sùng Thị Dợ"]
    assert names(installed, RegistryFilter(year=2019)) == ["Lò Thị Hương"]
    assert names(installed, RegistryFilter(presence=Presence.DISCHARGED)) == ["Lò Thị Hương"]
    assert names(installed, RegistryFilter(presence=Presence.PRESENT)) == ["Sùng Thị Dợ", "Giàng Thị Mỷ"]
    assert registry(installed).count(m, RegistryFilter(presence=Presence.PRESENT, age=AgeBand.UNDER_18, year=2019)) == 0
    rows = {r.name: r for r in registry(installed).page(m, RegistryFilter(), 0, 10)}
    assert rows["Giàng Thị Mỷ"].is_readmission and not rows["Sùng Thị Dợ"].is_readmission
    assert rows["Sùng Thị Dợ"].is_minor and rows["Sùng Thị Dợ"].is_child and rows["Sùng Thị Dợ"].age == 15
    assert rows["Giàng Thị Mỷ"].is_minor and not rows["Giàng Thị Mỷ"].is_child
    assert rows["Lò Thị Hương"].status is Presence.DISCHARGED and rows["Sùng Thị Dợ"].ethnic_group == "Mông"
    assert rows["Sùng Thị Dợ"].home_commune == "Tả Lèng"


def test_a_child_is_under_16_on_the_day(installed: Installed) -> None:
    """Trẻ em (Law on Children 2016) until the day before the 16th birthday; "Dưới 18" until the 18th."""
    c, m = installed.centre, installed.manager
    today = datetime.now().astimezone().date()

    def born(years: int, days: int = 0) -> date:
        return today.replace(year=today.year - years) + timedelta(days=days)

    # arrived today (the default "two hours ago" is yesterday just after midnight: she would be 17 on arrival)
    arrived = max(datetime.now(UTC) - timedelta(hours=2), datetime.combine(today, time.min).astimezone())
    guardian = {"guardian_name": "Sùng A Páo", "guardian_relation": "bố", "birth_year": None, "arrived_at": arrived}
    admit(c, m, "Tráng Thị Sá", birth_date=born(16), **guardian)  # 16 today
    admit(c, m, "Hạng Thị Của", birth_date=born(16, 1), **guardian)  # 16 tomorrow
    admit(c, m, "Vừ Thị Pàng", birth_date=born(18, 1), **guardian)  # 18 tomorrow
    admit(c, m, "Mùa Thị Xúa", birth_date=born(18), birth_year=None, arrived_at=arrived)  # 18 today
    assert names(installed, RegistryFilter(age=AgeBand.CHILD)) == ["Hạng Thị Của"]
    assert names(installed, RegistryFilter(age=AgeBand.UNDER_18)) == ["Hạng Thị Của", "Vừ Thị Pàng", "Tráng Thị Sá"]
    rows = {r.name: r for r in registry(installed).page(m, RegistryFilter(), 0, 10)}
    assert [(rows[n].is_child, rows[n].is_minor) for n in ("Hạng Thị Của", "Tráng Thị Sá", "Mùa Thị Xúa")] == [
        (True, True), (False, True), (False, False)
    ]  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(max_size=200)
    | st.sampled_from(["%", "_", "'", "\\", '"', "%_'\\\"", "😀", "\u0000", "a" * 10_000, "' OR 1=1 --", "/"])
)
def test_any_search_text_is_safe(installed: Installed, text: str) -> None:
    service = registry(installed)
    if service.count(installed.manager, RegistryFilter()) == 0:
        admit(installed.centre, installed.manager, "Lò Thị Hương 100%_x")
    total = service.count(installed.manager, RegistryFilter(text))
    rows = service.page(installed.manager, RegistryFilter(text), 0, 50)
    assert total == len(rows) <= 1
    if text.strip() in ("%", "_", "%_"):  # literal characters, not wildcards
        assert total == (1 if text.strip() in "100%_x" else 0)


def test_punctuation_is_literal(installed: Installed) -> None:
    admit(installed.centre, installed.manager, "Lò Thị Hương")
    for text in ("%", "_", "h_ong", "%huong", "'", "/"):
        assert registry(installed).count(installed.manager, RegistryFilter(text)) == 0
    assert search_tokens("a\x00b\u2028c\ud800") == ["a", "b", "c"]


def test_without_identity_access_only_aliases_show_and_match(
    installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = admit(installed.centre, installed.manager, "Nguyễn Thị Hường", ethnic_code="01")
    nurse = _account(installed, "yta", Role.NURSE)
    monkeypatch.setitem(
        permissions.PERMISSIONS,
        Role.NURSE,
        {**permissions.PERMISSIONS[Role.NURSE], FieldGroup.IDENTITY: frozenset()},
    )
    assert not nurse.can(Action.VIEW, FieldGroup.IDENTITY)
    assert names(installed, RegistryFilter(), nurse) == [row.alias]
    assert names(installed, RegistryFilter("huong"), nurse) == []  # no leak of names through search
    assert names(installed, RegistryFilter("nguyen"), nurse) == []
    assert names(installed, RegistryFilter("n.t.h."), nurse) == [row.alias]
    assert names(installed, RegistryFilter(row.code.lower()), nurse) == [row.alias]
    out = io.StringIO()
    registry(installed).export_csv(nurse, RegistryFilter(), out)
    assert "Hường" not in out.getvalue() and row.alias in out.getvalue()


def test_administrator_cannot_list_and_the_refusal_is_audited(installed: Installed) -> None:
    admin = _account(installed, "quantri", Role.ADMINISTRATOR)
    for call in (
        lambda: registry(installed).count(admin, RegistryFilter()),
        lambda: registry(installed).page(admin, RegistryFilter(), 0, 10),
        lambda: registry(installed).page(admin, RegistryFilter(), 200, 10),
        lambda: registry(installed).export_csv(admin, RegistryFilter(), io.StringIO()),
    ):
        with pytest.raises(PermissionDenied):
            call()
    with installed.centre.sessions() as s:
        denied = s.scalars(
            select(AuditEvent).where(AuditEvent.outcome == "denied", AuditEvent.actor_login == "quantri")
        )
        assert len(list(denied)) == 4


def test_listing_is_audited_once_per_action_without_the_search_text(installed: Installed) -> None:
    admit(installed.centre, installed.manager, "Nguyễn Thị Hường")
    service = registry(installed)
    service.count(installed.manager, RegistryFilter("hường"))
    service.page(installed.manager, RegistryFilter("hường"), 0, 200)
    service.page(installed.manager, RegistryFilter("hường"), 200, 200)
    events = _listed(installed)
    assert [e.action for e in events] == ["resident.listed"]
    assert all("huong" not in f"{e.record_id}{e.record_type}".lower() and "hư" not in e.record_id for e in events)


def test_export_csv(installed: Installed) -> None:
    admit(installed.centre, installed.manager, "=Lò Thị Hương", birth_year=NOW.year - 20)
    admit(installed.centre, installed.manager, "Giàng Thị Mỷ", arrived_at=NOW - timedelta(days=3))
    out = io.StringIO()
    count = registry(installed).export_csv(installed.manager, RegistryFilter("huong"), out)
    lines = out.getvalue().splitlines()
    assert count == 1 and len(lines) == 2
    assert lines[0] == ",".join([_("Code"), _("Full name"), _("Year of birth"), _("Status")])
    assert lines[1].split(",")[1:] == ["'=Lò Thị Hương", str(NOW.year - 20), _("In the centre")]
    assert [e.action for e in _listed(installed)] == ["resident.exported_list"]
    assert _listed(installed)[0].record_id == "1"


@pytest.mark.parametrize("dense", [True, False])
def test_both_page_plans_give_the_same_rows(installed: Installed, monkeypatch: pytest.MonkeyPatch, dense: bool) -> None:
    for name in ("Lò Thị Hương", "Giàng Thị Mỷ", "Vàng Thị Hương", "Lò Văn Páo", "Tẩn Thị Hương"):
        admit(installed.centre, installed.manager, name)
    monkeypatch.setattr(RegistryService, "_dense", staticmethod(lambda *args: dense))
    service = registry(installed)
    rows = [r.name for r in service.page(installed.manager, RegistryFilter("huong"), 0, 10)]
    assert rows == ["Lò Thị Hương", "Tẩn Thị Hương", "Vàng Thị Hương"]
    assert [r.name for r in service.page(installed.manager, RegistryFilter("thi"), 1, 2)] == [
        "Tẩn Thị Hương",
        "Vàng Thị Hương",
    ]
    assert [r.name for r in service.page(installed.manager, RegistryFilter("lo"), 0, 10)] == [
        "Lò Thị Hương",
        "Lò Văn Páo",
    ]
