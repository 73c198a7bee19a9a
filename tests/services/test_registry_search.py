"""The registry's suffix index (models/resident_search): the same answers as the substring scan, kept in
step with every write of a name, and filled for the residents already there when the schema is upgraded."""

from __future__ import annotations

from dataclasses import replace

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from centre_desk.db import migrate
from centre_desk.models.resident import Resident
from centre_desk.models.resident_search import ResidentSuffix, suffixes
from centre_desk.models.staff import Role
from centre_desk.security import permissions
from centre_desk.security.access import Actor
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.dto import NewAccount
from centre_desk.services.registry import RegistryFilter, RegistryService
from tests.conftest import MANAGER_PASSWORD, Installed
from tests.support.registry_data import admit

NAMES = ["Nguyễn Thị Hường", "Nguyễn Thị Thương", "Đặng Đức Độ", "Lò Thị Ban", "Giàng Thị Mỷ", "Tẩn Mý Dín"]


def registry(installed: Installed) -> RegistryService:
    c = installed.centre
    return RegistryService(c.sessions, c.read_sessions, c.audit, c.access)


def test_suffixes_of_every_word_the_alias_and_code_public() -> None:
    found = suffixes("lo thi ban  l.t.b. lb-2026-0001 lb-2026-0001", "L.T.B. LB-2026-0001", "LB-2026-0001")
    assert found["ban"] is False and found["an"] is False and found["hi"] is False
    assert found["b."] is True and found["2026-0001"] is True and found["lb-2026-0001"] is True
    assert "lo thi" not in found  # words only: a search word has no space in it


def _residents(installed: Installed) -> None:
    for name in NAMES:
        admit(installed.centre, installed.manager, name, ethnic_code="01", other_names="Mai" if "Ban" in name else "")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet="nguyễthịươđặcộlòbaiàmỷtẩnýdí -.0123456", max_size=12))
def test_the_index_gives_what_the_scan_gives(installed: Installed, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    service = registry(installed)
    if service.count(installed.manager, RegistryFilter()) == 0:
        _residents(installed)
    f = RegistryFilter(text)
    indexed = (service.count(installed.manager, f), [r.code for r in service.page(installed.manager, f, 0, 50)])
    with monkeypatch.context() as patched:
        patched.setattr(RegistryService, "_narrowing", lambda *args: [])
        scanned = (service.count(installed.manager, f), [r.code for r in service.page(installed.manager, f, 0, 50)])
    assert indexed == scanned


def test_without_identity_access_the_index_finds_aliases_and_codes_only(
    installed: Installed, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = admit(installed.centre, installed.manager, "Nguyễn Thị Hường", ethnic_code="01")
    installed.centre.accounts.create(
        installed.manager, NewAccount("yta", "Trần Văn Đức", MANAGER_PASSWORD, frozenset({Role.NURSE}))
    )
    nurse: Actor = installed.centre.accounts.authenticate("yta", MANAGER_PASSWORD)
    no_identity = {**permissions.PERMISSIONS[Role.NURSE], FieldGroup.IDENTITY: frozenset()}
    monkeypatch.setitem(permissions.PERMISSIONS, Role.NURSE, no_identity)
    service = registry(installed)
    assert service.count(nurse, RegistryFilter("huong")) == 0
    assert service.count(nurse, RegistryFilter("n.t.h")) == 1
    assert service.count(nurse, RegistryFilter(row.code[-4:].lower())) == 1


def test_a_resident_is_counted_once_however_many_of_her_words_match(installed: Installed) -> None:
    admit(installed.centre, installed.manager, "Lò Thị Lan", other_names="Lanh; Lan Anh")
    admit(installed.centre, installed.manager, "Lò Thị Ban")
    service = registry(installed)
    for text in ("lan", "lan lo", "an"):
        f = RegistryFilter(text)
        expected = 1 if text != "an" else 2
        assert service.count(installed.manager, f) == len(service.page(installed.manager, f, 0, 10)) == expected


def test_the_index_follows_a_change_of_name(installed: Installed) -> None:
    c, m = installed.centre, installed.manager
    row = admit(c, m, "Sùng Thị Dợ")
    record = c.residents.record(m, row.resident_id)
    c.residents.update_person(
        m, row.resident_id, record.resident_version, replace(record.person, full_name="Lầu Thị Sua")
    )
    service = registry(installed)
    assert service.count(m, RegistryFilter("sung")) == 0
    assert [r.name for r in service.page(m, RegistryFilter("lau sua"), 0, 10)] == ["Lầu Thị Sua"]
    with c.sessions() as s:
        resident = s.get(Resident, row.resident_id)
        assert resident is not None
        stored = set(s.scalars(select(ResidentSuffix.suffix).where(ResidentSuffix.resident_id == row.resident_id)))
        assert stored == set(suffixes(resident.search_text, resident.alias, resident.code))


@pytest.mark.parametrize("engine_kind", ["sqlite"])
def test_upgrading_indexes_the_residents_already_there(installed: Installed) -> None:
    for name in NAMES[:3]:
        admit(installed.centre, installed.manager, name)
    engine = installed.centre.engine
    with engine.connect() as conn:
        before = conn.scalar(select(func.count()).select_from(ResidentSuffix))
        command.downgrade(migrate.alembic_config(conn), "0019")
        command.upgrade(migrate.alembic_config(conn), "0020")
        conn.commit()
        assert before and conn.scalar(select(func.count()).select_from(ResidentSuffix)) == before
    assert registry(installed).count(installed.manager, RegistryFilter("thuong")) == 1
