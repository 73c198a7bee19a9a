"""The record header names the age band as the law does: "Trẻ em" under 16, "Dưới 18" for 16 and 17."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from centre_desk.i18n import _
from centre_desk.ui.events import AppEvents
from centre_desk.ui.record import RecordWindow
from tests.conftest import Installed
from tests.support.registry_data import admit

pytestmark = pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True)


@pytest.mark.parametrize(
    ("age", "badge"), [(15, ("childBadge", "Child")), (17, ("minorBadge", "Under 18")), (19, None)]
)
def test_age_badge(qtbot: QtBot, installed: Installed, age: int, badge: tuple[str, str] | None) -> None:
    born = date(date.today().year - age, 1, 1)  # `age` completed years today
    row = admit(installed.centre, installed.manager, "Lầu Thị Máy", birth_date=born, birth_year=None,
                guardian_name="Lầu A Chư", guardian_relation="bố")  # fmt: skip
    window = RecordWindow(installed.centre.residents, installed.manager, AppEvents(), row.resident_id)
    qtbot.addWidget(window)
    shown = {label.objectName(): label.text() for label in window.header.badge_labels}
    ages = {name: text for name, text in shown.items() if name in ("childBadge", "minorBadge")}
    assert ages == ({badge[0]: _(badge[1])} if badge else {})
