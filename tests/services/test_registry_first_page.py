"""The registry's first page (services/registry.first_page): a count that stops at COUNT_LIMIT, and the same rows
as page() whichever plan found them (a short walk in order, the few matches read once, or the sorted plan)."""

from __future__ import annotations

import pytest

from centre_desk.models.resident import Channel
from centre_desk.services import registry as registry_module
from centre_desk.services.registry import AgeBand, Presence, RegistryFilter, RegistryService
from tests.conftest import Installed
from tests.support.registry_data import sample_residents

FILTERS = [
    RegistryFilter(),
    RegistryFilter("thi"),
    RegistryFilter("huong"),
    RegistryFilter("zzz"),
    RegistryFilter(presence=Presence.PRESENT),
    RegistryFilter(presence=Presence.DISCHARGED),
    RegistryFilter(age=AgeBand.UNDER_18),
    RegistryFilter(age=AgeBand.CHILD, pupils_only=True),
    RegistryFilter(channel=Channel.BORDER_GUARD),
    RegistryFilter("thi", channel=Channel.POLICE),
    RegistryFilter(pupils_only=True, presence=Presence.PRESENT),
]


@pytest.mark.parametrize("walk", [4, 2000])
def test_first_page_is_page_zero_with_a_bounded_count(
    installed: Installed, monkeypatch: pytest.MonkeyPatch, walk: int
) -> None:
    sample_residents(installed.centre, installed.manager, count=16)
    monkeypatch.setattr(registry_module, "COUNT_LIMIT", 5)
    monkeypatch.setattr(registry_module, "WALK", walk)  # 4: the walk mostly fails, the other plans answer
    c, m = installed.centre, installed.manager
    service = RegistryService(c.sessions, c.read_sessions, c.audit, c.access)
    for f in FILTERS:
        count, rows = service.first_page(m, f, 3)
        assert count == min(service.count(m, f), 6), f
        assert rows == service.page(m, f, 0, 3), f
    assert service.first_page(m, RegistryFilter(), 3)[0] == 6  # "more than 5"
    assert service.first_page(m, RegistryFilter(), 0) == (6, [])
