from __future__ import annotations

import pytest

from centre_desk.services.installation import Centre
from tests.conftest import Installed
from tests.services.entries.kind_support import phone_kind  # noqa: F401  (a fixture)


@pytest.fixture
def installed_centre(installed: Installed) -> Centre:
    return installed.centre
