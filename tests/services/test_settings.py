"""Effective-dated centre details and the idle-lock setting."""

from __future__ import annotations

from datetime import date

import pytest

from centre_desk.errors import Conflict, PermissionDenied, ValidationError
from centre_desk.models.staff import Role
from centre_desk.services.dto import NewAccount
from centre_desk.services.settings import CentreDetails
from tests.conftest import MANAGER_PASSWORD, Installed

OLD = "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH LAI CHÂU"
NEW = "SỞ Y TẾ TỈNH LAI CHÂU"


def test_renamed_parent_agency_prints_by_document_date(installed: Installed) -> None:
    settings = installed.centre.settings
    first = settings.centre_history(installed.manager)[-1]
    settings.save_centre(installed.manager, CentreDetails(
        date(2020, 1, 1), "Trung tâm Bảo trợ xã hội tỉnh Lai Châu", OLD, place_name="Lai Châu",
        director_name="Mai Văn Tùng", director_title="Giám đốc", id=first.id, version=first.version))  # fmt: skip
    settings.save_centre(installed.manager, CentreDetails(
        date(2025, 3, 1), "Cơ sở Bảo trợ xã hội tổng hợp tỉnh Lai Châu", NEW, place_name="Lai Châu"))  # fmt: skip
    assert settings.centre_on(date(2025, 2, 5)).parent_agency == OLD  # type: ignore[union-attr]
    assert settings.centre_on(date(2025, 3, 1)).parent_agency == NEW  # type: ignore[union-attr]
    assert settings.centre_on(date(2019, 6, 1)).parent_agency == OLD  # type: ignore[union-attr]
    assert [d.effective_from for d in settings.centre_history(installed.manager)] == [
        date(2025, 3, 1),
        date(2020, 1, 1),
    ]


def test_stale_correction_is_refused(installed: Installed) -> None:
    settings = installed.centre.settings
    first = settings.centre_history(installed.manager)[0]
    settings.save_centre(
        installed.manager, CentreDetails(first.effective_from, "Tên mới", id=first.id, version=first.version)
    )
    with pytest.raises(Conflict):
        settings.save_centre(
            installed.manager, CentreDetails(first.effective_from, "Tên cũ", id=first.id, version=first.version)
        )
    assert settings.centre_history(installed.manager)[0].centre_name == "Tên mới"


def test_centre_name_is_required(installed: Installed) -> None:
    with pytest.raises(ValidationError) as caught:
        installed.centre.settings.save_centre(installed.manager, CentreDetails(date(2026, 1, 1), "   "))
    assert caught.value.field == "centre_name"


def test_idle_minutes(installed: Installed) -> None:
    settings = installed.centre.settings
    assert settings.idle_minutes() == 5
    settings.set_idle_minutes(installed.manager, 12)
    assert settings.idle_minutes() == 12
    for bad in (0, 16):
        with pytest.raises(ValidationError):
            settings.set_idle_minutes(installed.manager, bad)
    installed.centre.accounts.create(
        installed.manager, NewAccount("yta", "Lò Thị Mai", MANAGER_PASSWORD, frozenset({Role.NURSE}))
    )
    nurse = installed.centre.accounts.authenticate("yta", MANAGER_PASSWORD)
    with pytest.raises(PermissionDenied):
        settings.set_idle_minutes(nurse, 15)
    assert settings.idle_minutes() == 12
