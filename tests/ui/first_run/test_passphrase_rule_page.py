"""The first-run wizard's passphrase page applies the core passphrase rule (issue 9, point 4)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from centre_desk.i18n import _
from centre_desk.ui.first_run.pages import PassphrasePage


@pytest.mark.parametrize(
    ("passphrase", "message"),
    [
        ("ngắn quá", "The database passphrase must have at least 12 characters."),
        ("aaaaaaaaaaaaaaaa", "This passphrase is too common and easy to guess. Please choose another one."),
    ],
)
def test_a_weak_passphrase_is_refused_on_the_page(qtbot: QtBot, passphrase: str, message: str) -> None:
    page = PassphrasePage()
    qtbot.addWidget(page)
    page.fields["passphrase"].setText(passphrase)
    page.fields["passphrase_repeat"].setText(passphrase)
    assert not page.validatePage()
    assert page.error_label.text() == _(message)
    page.fields["passphrase"].setText("nương ngô trên đồi Sìn Hồ")
    page.fields["passphrase_repeat"].setText("nương ngô trên đồi Sìn Hồ")
    assert page.validatePage()
