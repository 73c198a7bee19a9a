"""Every path to a sensitive health entry, per role, against docs/permissions.md:

| group | intake | nurse | counsellor | manager |
|---|---|---|---|---|
| Sức khỏe | v c | v c e p | v | v c p x a |
| Sức khỏe nhạy cảm | c | v c e p | — | v c p |

Paths: the list of a kind, one entry, the Timeline, the earlier versions, search (the registry never searches
health entries), export (the registry's CSV carries none), print (the health summary's sensitive part) and
breaking the glass. A role without VIEW on the sensitive group sees "restricted entry" lines, never content."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from centre_desk.errors import PermissionDenied
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.registry import Presence, RegistryFilter
from tests.conftest import Installed
from tests.reports.test_admission_papers import pdf_text
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident

SECRET = "Ghi chú bí mật XYZ"
WHEN = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
# role → (sees sensitive content, may print the sensitive part, may view health at all)
ROLES = {
    Role.INTAKE: (False, False, True),
    Role.NURSE: (True, True, True),
    Role.COUNSELLOR: (False, False, True),
    Role.MANAGER: (True, True, True),
}


@pytest.fixture
def people(installed: Installed) -> dict[Role, Actor]:
    return {role: installed.manager if role is Role.MANAGER else staff(installed, role) for role in ROLES}


def test_every_path_per_role(installed: Installed, people: dict[Role, Actor]) -> None:
    entries, papers, registry = installed.centre.entries, installed.centre.health_papers, installed.centre.registry
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=3))
    nurse = people[Role.NURSE]
    test = entries.save(nurse, "health_test", rid, None, None,
                        EntryInput(WHEN, (("test", "hiv"), ("result", "positive"), ("result_on", WHEN.date()),
                                          ("note", SECRET))))  # fmt: skip
    for role, (sees, prints, _views) in ROLES.items():
        actor = people[role]
        listed = entries.page(actor, "health_test", rid).rows[0]
        one = entries.get(actor, "health_test", test.id)
        line = next(i for i in entries.timeline(actor, rid).items if i.kind == "health_test")
        assert listed.hidden is not sees and one.hidden is not sees and line.hidden is not sees, role
        assert (SECRET in str(listed.values)) is sees and SECRET not in line.text
        if not sees:
            with pytest.raises(PermissionDenied):
                entries.revisions(actor, "health_test", test.id)
        found = registry.first_page(actor, RegistryFilter(search="XYZ", presence=Presence.ALL), 50)
        assert found[0] == 0, role  # search never reaches health entries
        if prints:
            assert "HIV" in pdf_text(papers.summary_pdf(actor, rid, include_sensitive=True).pdf)
        else:
            with pytest.raises(PermissionDenied):
                papers.summary_pdf(actor, rid, include_sensitive=True)
        if not sees:  # the glass: an emergency opening, recorded for the manager
            opened = entries.break_glass(actor, "health_test", test.id, "Cấp cứu: cần biết kết quả ngay bây giờ")
            assert opened.value("note") == SECRET
    out = io.StringIO()
    registry.export_csv(people[Role.MANAGER], RegistryFilter(presence=Presence.ALL), out)
    assert "XYZ" not in out.getvalue() and "HIV" not in out.getvalue()  # the export carries no health entry
    reviewed = {b.by for b in entries.glass_breaks(people[Role.MANAGER])}
    assert reviewed == {"Cán bộ intake", "Cán bộ counsellor"}
    for role in (Role.INTAKE, Role.NURSE, Role.COUNSELLOR):
        with pytest.raises(PermissionDenied):
            entries.glass_breaks(people[role])  # the review is the manager's (VIEW on the audit trail)


def test_the_administrator_reaches_no_health_path(installed: Installed) -> None:
    admin = staff(installed, Role.ADMINISTRATOR)
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=3))
    entries, health = installed.centre.entries, installed.centre.health
    for call in (lambda: entries.page(admin, "nursing_note", rid), lambda: entries.timeline(admin, rid),
                 lambda: health.today(admin), lambda: health.charts(admin, rid),
                 lambda: health.medication_day(admin, rid)):  # fmt: skip
        with pytest.raises(PermissionDenied):
            call()
