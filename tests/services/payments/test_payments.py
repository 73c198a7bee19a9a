"""Support payments on both databases: the entitlement on the payment's day, the rate in force on it (a change on
its effective date used from then on, never rewriting a payment before), the payment list recorded as signed with
the values it replaced kept, the totals, and the payments out of a nurse's and a counsellor's reach."""

from __future__ import annotations

from datetime import date

import pytest

from centre_desk.errors import PermissionDenied, ValidationErrors
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.entries.dto import EntryInput, EntryRow
from centre_desk.services.entries.fields import Value
from centre_desk.services.payments.dto import ListInput, Outcome
from centre_desk.services.payments.totals import group
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.payments.support import People, at, pay, people, rate

pytestmark = pytest.mark.usefixtures("english")
JUNE, JULY = date(2025, 6, 1), date(2025, 7, 1)


@pytest.fixture
def here(installed: Installed) -> People:
    centre, manager = installed.centre, installed.manager
    rate(centre, manager, "essential", 40_000, "per_day", date(2025, 1, 1))
    rate(centre, manager, "initial_allowance", 3_000_000, "once", date(2025, 1, 1))
    rate(centre, manager, "essential", 50_000, "per_day", JULY)  # the new law's day
    return people(centre, manager)


def values(row: EntryRow) -> dict[str, object]:
    return dict(row.values)


def typed(row: EntryRow) -> dict[str, Value]:
    """The values as the form holds them (the derived rate left out)."""
    return {k: v for k, v in row.values if k not in ("rate_id", "rate_amount")}


def test_the_rate_in_force_on_the_payments_day_and_never_after(installed: Installed, here: People) -> None:
    centre, manager = installed.centre, installed.manager
    june = pay(centre, manager, here.victim, date(2025, 6, 30), period_from=JUNE, period_to=date(2025, 6, 30))
    july = pay(centre, manager, here.victim, JULY, period_from=JULY, period_to=date(2025, 7, 31))
    assert (values(june)["quantity"], values(june)["amount"], values(june)["rate_amount"]) == (30, 1_200_000, 40_000)
    assert (values(july)["quantity"], values(july)["amount"], values(july)["rate_amount"]) == (31, 1_550_000, 50_000)
    # a new rate from 01/08: the payments before keep theirs, even when changed afterwards
    rate(centre, manager, "essential", 60_000, "per_day", date(2025, 8, 1))
    paid = centre.entries.save(manager, "support_payment", here.victim, june.id, june.version,
                               EntryInput(june.occurred_at, tuple({**typed(june), "status": "paid",
                                                                   "paid_on": date(2025, 7, 2)}.items())))  # fmt: skip
    assert (values(paid)["amount"], values(paid)["rate_id"]) == (1_200_000, values(june)["rate_id"])
    august = pay(centre, manager, here.victim, date(2025, 8, 1), quantity=10)
    assert values(august)["amount"] == 600_000


def test_an_amount_unlike_the_rate_needs_a_reason(installed: Installed, here: People) -> None:
    centre, manager = installed.centre, installed.manager
    with pytest.raises(ValidationErrors) as caught:
        pay(centre, manager, here.victim, JULY, quantity=3, amount=200_000)
    differs = "The amount differs from the rate in force (150.000 đ): say why."
    assert list(caught.value.problems) == [("amount_reason", differs)]
    row = pay(centre, manager, here.victim, JULY, quantity=3, amount=200_000, amount_reason="Thêm tiền xe")
    assert values(row)["amount"] == 200_000
    with pytest.raises(ValidationErrors) as caught:
        pay(centre, manager, here.victim, JULY, "travel")  # no rate for travel
    assert caught.value.problems[0][0] == "amount"
    with pytest.raises(ValidationErrors) as caught:
        pay(centre, manager, here.victim, JULY)  # per day, and neither a period nor a quantity
    assert list(caught.value.problems) == [("quantity", "Give the period covered or the quantity (per day).")]


@pytest.mark.parametrize(
    ("who", "day", "category", "allowed"),
    [
        ("victim", date(2025, 6, 5), "essential", True),  # before her status was confirmed: essentials only
        ("victim", date(2025, 6, 5), "initial_allowance", False),
        ("victim", date(2025, 6, 20), "initial_allowance", True),  # confirmed on 10/06 (old law: h, i, k)
        ("victim", date(2025, 6, 20), "interpretation", False),  # not a category of the 2011 law
        ("victim", JULY, "interpretation", True),  # Law 53/2024: a–k
        ("child", date(2025, 6, 20), "schooling", False),  # old law: essentials and travel
        ("child", JULY, "schooling", True),  # Law 53/2024: a–h
        ("child", JULY, "initial_allowance", False),
        ("unconfirmed", JULY, "psychological", True),  # under identification in Viet Nam: a–g
        ("unconfirmed", JULY, "schooling", False),
        ("victim", date(2025, 5, 20), "essential", False),  # before her arrival
    ],
)  # fmt: skip
def test_the_entitlement_on_the_payments_day(installed: Installed, here: People, who: str, day: date,
                                             category: str, allowed: bool) -> None:  # fmt: skip
    centre, manager = installed.centre, installed.manager
    person = getattr(here, who)
    if allowed:
        pay(centre, manager, person, day, category, amount=100_000, amount_reason="Theo hóa đơn", quantity=1)
        return
    with pytest.raises(ValidationErrors) as caught:
        pay(centre, manager, person, day, category, amount=100_000, amount_reason="Theo hóa đơn", quantity=1)
    assert [f for f, _m in caught.value.problems] == ["category"]


def test_a_signed_list_records_who_was_paid(installed: Installed, here: People) -> None:
    centre, manager = installed.centre, installed.manager
    first = pay(centre, manager, here.victim, date(2025, 7, 31), period_from=JULY, period_to=date(2025, 7, 31))
    second = pay(centre, manager, here.child, date(2025, 7, 31), period_from=JULY, period_to=date(2025, 7, 31))
    third = pay(centre, manager, here.unconfirmed, date(2025, 7, 31), quantity=20)
    view = centre.payments.payment_list(manager, JULY, date(2025, 7, 31), "essential")
    assert [line.payment_id for line in view.lines] == [first.id, second.id, third.id]
    assert view.total("planned") == 1_550_000 * 2 + 1_000_000 and view.list_id is None
    outcomes = (Outcome(first.id, first.version, "paid"), Outcome(second.id, second.version, "not_collected"),
                Outcome(third.id, third.version, "refused"))  # fmt: skip
    done = centre.payments.record_list(manager, ListInput(JULY, date(2025, 7, 31), "essential", date(2025, 8, 2),
                                                          "Lò Thị Hoa", outcomes))  # fmt: skip
    by_id = {line.payment_id: line for line in done.lines}
    assert (by_id[first.id].status, by_id[first.id].paid_on, by_id[first.id].paid_by) == (
        "paid", date(2025, 8, 2), "Lò Thị Hoa")  # fmt: skip
    assert by_id[second.id].status == "not_collected" and by_id[second.id].paid_on is None
    assert done.signed_on == date(2025, 8, 2) and {line.list_id for line in done.lines} == {done.list_id}
    assert done.total("paid") == 1_550_000
    history = centre.entries.revisions(manager, "support_payment", first.id)
    assert dict(history[0].values)["status"] == "planned"
    flagged = centre.entries.get(manager, "support_payment", second.id)
    assert flagged.flag  # money not collected: someone follows it up


def test_totals_equal_the_hand_computed_sums(installed: Installed, here: People) -> None:
    centre, manager = installed.centre, installed.manager
    pay(centre, manager, here.victim, date(2025, 6, 30), period_from=JUNE, period_to=date(2025, 6, 30))  # 1.200.000
    pay(centre, manager, here.victim, date(2025, 6, 30), "initial_allowance", source="province",
        status="paid", paid_on=date(2025, 6, 30))  # 3.000.000  # fmt: skip
    pay(centre, manager, here.child, JULY, quantity=10, status="refused")  # 500.000
    pay(centre, manager, here.unconfirmed, JULY, quantity=4, source="ngo", status="paid", paid_on=JULY)  # 200.000
    struck = pay(centre, manager, here.unconfirmed, JULY, quantity=99)
    centre.entries.strike(manager, "support_payment", struck.id, struck.version, "Nhập nhầm số ngày")
    found = centre.payments.totals(manager, JUNE, date(2025, 7, 31))
    by_category = {line.key: line for line in group(found, "category")}
    assert list(by_category) == ["essential", "initial_allowance"]  # the law's order
    essential = by_category["essential"]
    assert (essential.count, essential.planned, essential.paid, essential.refused) == (3, 1_200_000, 200_000, 500_000)
    assert by_category["initial_allowance"].paid == 3_000_000
    months = {line.key: (line.planned + line.paid + line.refused) for line in group(found, "month")}
    assert months == {"2025-06": 4_200_000, "2025-07": 700_000}
    sources = [(line.key, line.paid) for line in group(found, "source")]
    assert sources == [("state_budget", 0), ("province", 3_000_000), ("ngo", 200_000)]


@pytest.mark.parametrize("role", [Role.NURSE, Role.COUNSELLOR])
def test_nurses_and_counsellors_are_refused(installed: Installed, here: People, role: Role) -> None:
    centre = installed.centre
    someone: Actor = staff(installed, role)
    row = pay(centre, installed.manager, here.victim, JULY, quantity=2)
    with pytest.raises(PermissionDenied):
        centre.entries.get(someone, "support_payment", row.id)
    with pytest.raises(PermissionDenied):
        centre.payments.payment_list(someone, JULY, JULY)
    with pytest.raises(PermissionDenied):
        centre.payments.totals(someone, JULY, JULY)
    with pytest.raises(PermissionDenied):
        centre.payment_papers.list_pdf(someone, JULY, JULY)
    assert "support_payment" not in {k.code for k in centre.entries.kinds_for(someone)}
    timeline = centre.entries.timeline(someone, here.victim)
    assert all(item.kind != "support_payment" for item in timeline.items)


def test_only_the_manager_enters_rates(installed: Installed, here: People) -> None:
    intake = staff(installed, Role.INTAKE)
    with pytest.raises(PermissionDenied):
        rate(installed.centre, intake, "essential", 45_000, "per_day", date(2026, 1, 1))
    listed = installed.centre.payments.rates(intake)
    assert [(r.amount, r.in_force, r.superseded) for r in listed if r.category == "essential"] == [
        (50_000, True, False), (40_000, False, True)]  # fmt: skip
    with pytest.raises(ValidationErrors):
        rate(installed.centre, installed.manager, "essential", 0, "per_week", date(2026, 1, 1))
    assert at(JULY).tzinfo is not None
