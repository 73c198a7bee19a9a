"""The support-payment windows for the catalogue (tests/ui/windows.py): a new rate after a refused save, and the
signed list's dialog. The page itself is walked with the main window."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from centre_desk.ui.payments.dialogs import RateDialog, SignedDialog

if TYPE_CHECKING:
    from tests.ui.windows import Context, Entry, Opened


def rate_dialog(ctx: Context) -> Opened:
    from tests.ui.windows import Opened

    payments = ctx.installed.centre.payments
    dialog = RateDialog(None, lambda data: payments.add_rate(ctx.manager, data))
    dialog.amount.setText("40000")
    dialog.effective_from.set_value(date(2026, 1, 1))
    dialog.accept()  # refused: the legal source is missing
    return Opened(dialog)


def signed_dialog(ctx: Context) -> Opened:
    from tests.ui.windows import Opened

    summary = "Đã chi: 12.400.000 đ (10 khoản đã đánh dấu)."
    return Opened(SignedDialog(None, date(2026, 4, 2), "Lò Thị Hoa", summary, None))


def entries() -> tuple[Entry, ...]:
    from tests.ui.windows import Entry

    return (Entry("payment-rate", RateDialog, rate_dialog), Entry("payment-list-signed", SignedDialog, signed_dialog))
