"""The Overview's figures: residents in the centre, this month's admissions, one's own drafts — by permission."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update

from centre_desk.models.resident import Admission, Resident
from centre_desk.models.staff import Role
from centre_desk.services.overview import Figures, OverviewService
from tests.conftest import Installed
from tests.support.registry_data import admit
from tests.ui.record.support import staff

NOW = datetime(2026, 5, 14, 9, 30, tzinfo=UTC)


def test_counts_what_the_account_may_see(installed: Installed) -> None:
    centre, manager = installed.centre, installed.manager
    overview = OverviewService(centre.read_sessions, centre.access, clock=lambda: NOW)
    assert overview.figures(manager) == Figures(0, 0, 0, 0, 0, 0, 0)
    admit(centre, manager, "Lò Thị Mai", arrived_at=datetime(2026, 4, 20, 8, tzinfo=UTC))  # last month
    admit(centre, manager, "Giàng Thị Mỷ", arrived_at=datetime(2026, 5, 3, 8, tzinfo=UTC))
    left = admit(centre, manager, "Sùng Thị Dợ", arrived_at=datetime(2026, 5, 10, 8, tzinfo=UTC))
    with centre.sessions.begin() as s:
        resident_id = s.scalar(select(Resident.id).where(Resident.code == left.code))
        s.execute(update(Admission).where(Admission.resident_id == resident_id).values(discharged_at=NOW))
    centre.drafts.save(manager, None, None, "Vàng A Sử", {"full_name": "Vàng A Sử"})
    assert overview.figures(manager) == Figures(2, 2, 1, stay_soon=0, stay_urgent=0, stay_over=0, overdue_leaves=0)

    nurse = staff(centre, manager, "yta", "Lò Thị Hoa", Role.NURSE)
    assert overview.figures(nurse) == Figures(2, 2, None, 0, 0, 0, 0)  # she admits nobody: no drafts figure
    admin = staff(centre, manager, "quantri", "Vàng Văn Minh", Role.ADMINISTRATOR)
    assert overview.figures(admin) == Figures(None, None, None)  # accounts only: no case figures
