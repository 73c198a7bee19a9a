"""The wellbeing scores — item answers on self-harm among them — reach the counsellor and the manager only: not a
nurse, not an intake officer, through any path (list, one entry, earlier versions, the Timeline, search, the
registry export, the health summary, the trend, the alerts). The Overview's scale alerts: the latest score of each
scale, with the self-harm alert or a severe band, of the residents in the centre, in one query."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from centre_desk.errors import PermissionDenied
from centre_desk.models.resident import Resident
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.lodging.common import names_allowed
from centre_desk.services.registry import Presence, RegistryFilter
from tests.conftest import Installed
from tests.reports.test_admission_papers import pdf_text
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import discharge, resident

pytestmark = pytest.mark.usefixtures("english")

WHEN = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
CODE = "wellbeing_score"
PRIVATE = "Em nói đôi khi nghĩ đến cái chết ZXCVB"
ALERT = "0,1,1,0,1,0,0,0,2"
CLEAN = "0,0,0,0,0,0,0,0,0"


@pytest.fixture
def people(installed: Installed) -> dict[Role, Actor]:
    roles = (Role.INTAKE, Role.NURSE, Role.COUNSELLOR)
    return {role: staff(installed, role) for role in roles} | {Role.MANAGER: installed.manager}


def scale(instrument: str, answers: str, at: datetime = WHEN, note: str = "") -> EntryInput:
    return EntryInput(at, (("instrument", instrument), ("answers", answers), ("note", note)))


def test_the_scores_reach_no_one_else(installed: Installed, people: dict[Role, Actor]) -> None:
    entries, registry, counselling = installed.centre.entries, installed.centre.registry, installed.centre.counselling
    rid = resident(installed.centre, installed.manager, "Giàng Thị Mai", WHEN - timedelta(days=3))
    counsellor = people[Role.COUNSELLOR]
    row = entries.save(counsellor, CODE, rid, None, None, scale("PHQ-9", ALERT, note=PRIVATE))
    row = entries.save(counsellor, CODE, rid, row.id, row.version, scale("PHQ-9", ALERT, note=PRIVATE + "."))
    for role in (Role.INTAKE, Role.NURSE):
        actor = people[role]
        assert CODE not in {k.code for k in entries.kinds_for(actor)}
        for read in (lambda a=actor: entries.page(a, CODE, rid), lambda a=actor: entries.get(a, CODE, row.id),
                     lambda a=actor: entries.revisions(a, CODE, row.id),
                     lambda a=actor: entries.age_on(a, CODE, rid, WHEN.date()),
                     lambda a=actor: counselling.scale_trends(a, rid), lambda a=actor: counselling.scale_alerts(a),
                     lambda a=actor: entries.break_glass(a, CODE, row.id, "Tôi cần đọc mục này ngay")):  # fmt: skip
            with pytest.raises(PermissionDenied):
                read()
        line = entries.timeline(actor, rid).items
        assert all(i.kind != CODE for i in line) and all("ZXCVB" not in i.text and "PHQ" not in i.text for i in line)
        assert registry.first_page(actor, RegistryFilter(search="ZXCVB", presence=Presence.ALL), 50)[0] == 0
        with pytest.raises(PermissionDenied):
            entries.save(actor, CODE, rid, None, None, scale("PHQ-9", CLEAN))
    for role in (Role.COUNSELLOR, Role.MANAGER):
        assert entries.page(people[role], CODE, rid).rows[0].value("answers") == ALERT
        assert any(i.kind == CODE and i.flag for i in entries.timeline(people[role], rid).items)
    with pytest.raises(PermissionDenied):  # the manager reads, the counsellor writes
        entries.save(people[Role.MANAGER], CODE, rid, None, None, scale("PHQ-9", CLEAN))
    out = io.StringIO()
    registry.export_csv(people[Role.MANAGER], RegistryFilter(presence=Presence.ALL), out)
    assert "ZXCVB" not in out.getvalue() and ALERT not in out.getvalue()
    summary = installed.centre.health_papers.summary_pdf(people[Role.MANAGER], rid, include_sensitive=True).pdf
    text = pdf_text(summary)
    assert "ZXCVB" not in text and "PHQ" not in text


def test_scale_alerts_list_the_latest_score_that_needs_a_response(
    installed: Installed, people: dict[Role, Actor]
) -> None:

    centre, counsellor = installed.centre, people[Role.COUNSELLOR]

    def someone(name: str, *scores: tuple[str, str, int]) -> int:
        rid = resident(centre, installed.manager, name, WHEN - timedelta(days=30))
        for instrument, answers, days in scores:
            at = WHEN - timedelta(days=days)
            centre.entries.save(counsellor, CODE, rid, None, None, scale(instrument, answers, at))
        return rid

    alert = someone("Giàng Thị Mai", ("PHQ-9", CLEAN, 14), ("PHQ-9", ALERT, 1), ("GAD-7", "0,0,0,0,0,0,0", 1))
    someone("Sùng Thị Dợ", ("PHQ-9", ALERT, 14), ("PHQ-9", CLEAN, 2))  # asked again: no alert any more
    severe = someone("Lò Thị Pà", ("GAD-7", "3,3,3,3,2,2,2", 3), ("PHQ-9", "1,1,1,1,1,1,1,1,0", 3))
    incomplete = someone("Vàng Thị Sua", ("PHQ-9", "-,-,-,-,-,-,-,-,1", 0))  # the alert without a total
    gone = someone("Hờ Thị Chi", ("PHQ-9", ALERT, 5))
    discharge(centre, gone, WHEN - timedelta(days=1))
    struck = someone("Thào Thị Lan", ("PHQ-9", ALERT, 4))
    entry = centre.entries.page(counsellor, CODE, struck).rows[0]
    centre.entries.strike(counsellor, CODE, entry.id, entry.version, "Nhập nhầm người")
    statements: list[str] = []
    engine = centre.engine
    listen = lambda *args: statements.append(str(args[2]))  # noqa: E731
    event.listen(engine, "before_cursor_execute", listen)
    try:
        found = centre.counselling.scale_alerts(counsellor)
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    assert sum("wellbeing_score" in sql for sql in statements) == 1  # one query, whatever the number of residents
    assert [(a.resident_id, a.instrument, a.self_harm) for a in found] == [
        (incomplete, "PHQ-9", True), (alert, "PHQ-9", True), (severe, "GAD-7", False)]  # fmt: skip
    first = found[1]
    with centre.sessions() as s:
        person = s.get(Resident, alert)
        assert person is not None
        assert first.code == person.code
        assert first.label == (person.full_name if names_allowed(counsellor) else person.alias)
    assert first.text == "⚠ PHQ-9: Thoughts of self-harm: respond today" and first.total == 5
    assert found[2].text == "GAD-7 18: Severe" and found[2].band == "severe"
    assert centre.counselling.scale_alerts(installed.manager) == found
