"""Counselling through the entry foundation: the counsellor's own notes reach nobody but the counsellor and the
manager — not a nurse, not an intake officer — through any path (list, one entry, the Timeline, the earlier
versions, search, the registry export, the health summary); the sessions' summary is read more widely."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from centre_desk.errors import PermissionDenied
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.entries.kinds import tabs
from centre_desk.services.registry import Presence, RegistryFilter
from tests.conftest import Installed
from tests.reports.test_admission_papers import pdf_text
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident

PRIVATE = "Em kể về người chú QWERTY"
WHEN = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)


@pytest.fixture
def people(installed: Installed) -> dict[Role, Actor]:
    roles = (Role.INTAKE, Role.NURSE, Role.COUNSELLOR)
    return {role: staff(installed, role) for role in roles} | {Role.MANAGER: installed.manager}


def test_the_counsellors_notes_reach_no_one_else(installed: Installed, people: dict[Role, Actor]) -> None:
    entries, registry = installed.centre.entries, installed.centre.registry
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=3))
    counsellor = people[Role.COUNSELLOR]
    session = EntryInput(WHEN, (("form", "individual"), ("topics", "giấc ngủ"), ("minutes", 45),
                                ("summary", "Em hợp tác, ngủ kém")))  # fmt: skip
    entries.save(counsellor, "counselling_session", rid, None, None, session)
    note = entries.save(counsellor, "counsellor_note", rid, None, None,
                        EntryInput(WHEN, (("note", PRIVATE), ("risk", "low"))))  # fmt: skip
    assert "counselling" in [t.code for t in tabs()]
    for role in (Role.INTAKE, Role.NURSE):
        actor = people[role]
        kinds = {k.code for k in entries.kinds_for(actor)}
        assert "counsellor_note" not in kinds and "counselling_session" in kinds
        with pytest.raises(PermissionDenied):
            entries.page(actor, "counsellor_note", rid)
        with pytest.raises(PermissionDenied):
            entries.get(actor, "counsellor_note", note.id)
        with pytest.raises(PermissionDenied):
            entries.revisions(actor, "counsellor_note", note.id)
        with pytest.raises(PermissionDenied):
            entries.break_glass(actor, "counsellor_note", note.id, "Tôi cần đọc ghi chép này ngay bây giờ")
        line = entries.timeline(actor, rid).items
        assert all(i.kind != "counsellor_note" for i in line) and all("QWERTY" not in i.text for i in line)
        assert [i.kind for i in line if i.kind == "counselling_session"] == ["counselling_session"]
        assert entries.page(actor, "counselling_session", rid).rows[0].value("summary") == "Em hợp tác, ngủ kém"
        assert registry.first_page(actor, RegistryFilter(search="QWERTY", presence=Presence.ALL), 50)[0] == 0
        with pytest.raises(PermissionDenied):
            entries.save(actor, "counselling_session", rid, None, None, session)  # only the counsellor writes
    for role in (Role.COUNSELLOR, Role.MANAGER):
        assert entries.page(people[role], "counsellor_note", rid).rows[0].value("note") == PRIVATE
    out = io.StringIO()
    registry.export_csv(people[Role.MANAGER], RegistryFilter(presence=Presence.ALL), out)
    assert "QWERTY" not in out.getvalue()
    summary = installed.centre.health_papers.summary_pdf(people[Role.MANAGER], rid, include_sensitive=True).pdf
    assert "QWERTY" not in pdf_text(summary)
    with pytest.raises(PermissionDenied):
        entries.save(people[Role.MANAGER], "counsellor_note", rid, None, None, EntryInput(WHEN, (("note", "x"),)))
