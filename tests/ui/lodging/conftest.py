"""Fixtures the lodging screens' tests share."""

from __future__ import annotations

import pytest

from tests.conftest import Installed
from tests.ui.lodging.board_support import LodgingCentre, lodging_centre


@pytest.fixture
def made(installed: Installed) -> LodgingCentre:
    """The ten rooms and every resident of board_support (the wizard's tests ask for fewer)."""
    return lodging_centre(installed.centre, installed.manager)
