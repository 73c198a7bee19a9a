from __future__ import annotations

from collections.abc import Iterator

import pytest

from centre_desk import i18n


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages and labels compared below are the English source texts."""
    before = i18n.language()
    i18n.install("en")
    yield
    i18n.install(before)
