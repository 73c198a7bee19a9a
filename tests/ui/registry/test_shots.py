"""Screenshots of the registry (SHOTS=1 only): 40 realistic residents, in Vietnamese, 1280×800."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import centre_desk.i18n as i18n
from centre_desk.services.registry import AgeBand
from centre_desk.ui.events import AppEvents
from centre_desk.ui.registry import RegistryPage
from tests.conftest import Installed
from tests.support.registry_data import sample_residents
from tests.support.shots import as_on_screen
from tests.ui.registry.test_registry_page import registry

OUT = Path("/tmp/shots/registry")
pytestmark = [
    pytest.mark.skipif(not os.environ.get("SHOTS"), reason="screenshots only with SHOTS=1"),
    pytest.mark.parametrize("engine_kind", ["sqlite"], indirect=True),
]


def test_registry_screenshots(installed: Installed, qtbot: QtBot) -> None:
    as_on_screen()
    extra = Path("/tmp/translations-registry.json")
    if extra.exists() and i18n._catalog is not None:
        i18n._catalog.update(json.loads(extra.read_text(encoding="utf-8")))
    try:
        sample_residents(installed.centre, installed.manager, 40)
        page = RegistryPage(registry(installed), installed.manager, AppEvents())
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
        OUT.mkdir(parents=True, exist_ok=True)
        page.grab().save(str(OUT / "registry.png"))
        page.search_edit.setText("thi huong")
        qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() < 40, timeout=5_000)
        page.grab().save(str(OUT / "registry-search.png"))
        page.search_edit.clear()
        page.age_combo.setCurrentIndex(page.age_combo.findData(AgeBand.UNDER_18))
        qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() < 40, timeout=5_000)
        page.grab().save(str(OUT / "registry-minors.png"))
        assert (OUT / "registry.png").stat().st_size > 10_000
    finally:
        i18n.install("vi")
