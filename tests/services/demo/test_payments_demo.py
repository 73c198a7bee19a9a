"""The demo's support payments: illustrative rates marked as demo data from 2011, essentials every month, schooling
support for pupils, the initial hardship allowance for confirmed victims who left, some refused or not collected,
the lists signed — and every payment passes its kind's checks (the entitlement and the rate of its day)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from centre_desk.models.payments import PaymentList, PaymentRate, SupportPayment
from centre_desk.services.demo.create import populate
from centre_desk.services.entries.kinds import kind
from centre_desk.services.entries.store import context, values_of
from centre_desk.services.lodging.common import local_day
from tests.conftest import Installed


def test_the_demo_pays_support_since_2011(installed: Installed) -> None:
    now = datetime(2026, 12, 7, 9, tzinfo=UTC)
    summary = populate(installed.centre, 120, seed=3, now=now)
    figures = summary.payments
    assert figures.rates == 7 and figures.payments > 120 and figures.lists > 20 and figures.paid > 0
    k = kind("support_payment")
    with installed.centre.sessions() as s:
        rates = s.scalars(select(PaymentRate)).all()
        assert min(r.effective_from for r in rates) == date(2011, 1, 1)
        assert all("DỮ LIỆU MẪU" in r.source for r in rates)  # no rate shipped as if it were law
        payments = s.scalars(select(SupportPayment)).all()
        assert {p.category for p in payments} == {"essential", "schooling", "initial_allowance"}
        assert {"paid", "refused", "not_collected", "planned"} <= {p.status for p in payments}
        lists = {pl.id: pl for pl in s.scalars(select(PaymentList))}
        for p in payments:
            assert p.occurred_at <= now
            if p.status == "paid":
                assert p.list_id in lists and p.paid_on == lists[p.list_id].signed_on
            values = dict(values_of(k, p))
            ctx = context(s, p.resident_id, local_day(p.occurred_at), k)
            assert k.check(values, ctx) == [], values
            derived = k.derive(values, ctx)
            assert (derived["amount"], derived["rate_id"]) == (p.amount, p.rate_id), values
        assert min(p.occurred_at for p in payments).year <= 2012
