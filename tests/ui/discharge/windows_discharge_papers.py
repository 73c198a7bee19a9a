"""The discharge papers' window for the catalogue (tests/ui/windows.py): the case summary's sensitive parts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from centre_desk.ui.discharge.printing import SummaryPartsDialog

if TYPE_CHECKING:
    from tests.ui.windows import Context, Entry, Opened


def summary_parts(ctx: Context) -> Opened:
    from tests.ui.windows import Opened

    return Opened(SummaryPartsDialog(None, ctx.manager))


def entries() -> tuple[Entry, ...]:
    from tests.ui.windows import Entry

    return (Entry("discharge-summary-parts", SummaryPartsDialog, summary_parts),)
