"""Fault drill (SECURITY.md G1.1, issue 15 item 6): a child process writes through the real services of every
capability in a loop (admission, a bed placement and the move out of it, in a room of the round's own; a payment
entry; a care plan; a discharge request) and reports each commit on a pipe before going on; it is killed with
SIGKILL at a random moment.

After the rounds: 0 acknowledged commits lost, 0 torn records (every resident, stay, entry, plan and discharge
has its audit row, and none of them an audit row without the record), the audit chain verifies and
integrity_check is ok (maintenance.check). Rounds: DRILL_ROUNDS (default 30 per engine, 30–50 s each in CI;
1,000 for the full drill)."""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from centre_desk.models import AuditEvent
from centre_desk.models.care_plan import CarePlan
from centre_desk.models.discharge import Discharge
from centre_desk.models.lodging import BedState, BedStay
from centre_desk.models.payments import SupportPayment
from centre_desk.models.resident import Resident
from centre_desk.services.installation import Centre, open_centre
from tests.conftest import Installed
from tests.services.care_plan.test_care_plan import plan
from tests.services.discharge.support import FAMILY, request
from tests.services.lodging.placement_support import room
from tests.services.payments.support import pay, rate
from tests.services.test_crash import _kill, _wait_ready
from tests.support.registry_data import admit

ROUNDS = int(os.environ.get("DRILL_ROUNDS", "30"))
WINDOW_S = 1.5  # the kill comes at a random moment within this time of writing
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses fork and SIGKILL")


def _round(centre: Centre, installed: Installed, bed: int, i: int, ack: int) -> None:  # pragma: no cover - child
    actor = installed.manager
    rid = admit(centre, actor, f"Người thử {i}", arrived_at=datetime.now(UTC) - timedelta(days=2)).resident_id
    os.write(ack, f"resident {rid}\n".encode())
    stay = centre.lodging.place(actor, rid, bed, "Nhận vào phòng")
    os.write(ack, f"stay {stay.id}\n".encode())
    centre.lodging.vacate(actor, rid, "Chuyển phòng", BedState.FREE)
    os.write(ack, f"vacated {stay.id}\n".encode())
    entry = pay(centre, actor, rid, datetime.now().astimezone().date() - timedelta(days=1), quantity=1)  # noon: past
    os.write(ack, f"entry {entry.id}\n".encode())
    care = centre.care_plans.write(actor, rid, plan("medical"))
    os.write(ack, f"plan {care.id}\n".encode())
    st = centre.discharge.request(actor, rid, request(**FAMILY))
    assert st.current is not None
    os.write(ack, f"discharge {st.current.id}\n".encode())


def _writer(installed: Installed, prefix: int, ack: int) -> None:  # pragma: no cover - child
    try:
        centre = open_centre(installed.options, migrate=False)
        for service in (centre.admissions, centre.lodging, centre.entries, centre.care_plans, centre.discharge):
            assert service is not None  # built (and their modules imported) before the clock starts
        bed = room(centre.lodging, installed.manager, f"Phòng diễn tập {prefix}", beds=("G1",), capacity=1).beds[0].id
        _round(centre, installed, bed, prefix * 10_000, os.open(os.devnull, os.O_WRONLY))  # warm: every path once
        os.write(ack, b"ready\n")
        for i in range(1, 10_000):
            _round(centre, installed, bed, prefix * 10_000 + i, ack)
    except BaseException as exc:
        os.write(ack, ("failed " + f"{type(exc).__name__}:{exc}".replace(" ", "_").replace("\n", "_") + "\n").encode())
    finally:
        os._exit(0)


MODELS = {"resident": Resident, "stay": BedStay, "entry": SupportPayment, "plan": CarePlan, "discharge": Discharge}


def _lost(centre: Centre, acked: list[tuple[str, int]]) -> list[tuple[str, int]]:
    with centre.sessions() as s:
        missing = [(k, i) for k, i in acked if k in MODELS and s.get(MODELS[k], i) is None]
        missing += [(k, i) for k, i in acked if k == "vacated" and s.get(BedStay, i).end_at is None]  # type: ignore[union-attr]
    return missing


def _torn(centre: Centre) -> dict[str, tuple[set[str], set[str]]]:
    """Per audited action: the records written and the records its audit rows name, where the two differ
    (a record without its audit row, or an audit row without its record, is a torn transaction)."""
    stored = {
        "resident.admitted": select(Resident.id),
        "lodging.placed": select(BedStay.resident_id),
        "lodging.vacated": select(BedStay.resident_id).where(BedStay.end_at.is_not(None)),
        "entry.created": select(SupportPayment.id),
        "care_plan.written": select(CarePlan.id),
        "discharge.requested": select(Discharge.resident_id),
    }
    out = {}
    with centre.sessions() as s:
        for action, query in stored.items():
            rows = {str(i) for i in s.scalars(query)}
            named = set(s.scalars(select(AuditEvent.record_id).where(AuditEvent.action == action)))
            if rows != named:
                out[action] = (rows - named, named - rows)
    return out


def test_sigkill_during_writes_of_every_capability(installed: Installed) -> None:
    centre = installed.centre
    rate(centre, installed.manager, "essential", 50_000, "per_day", date(2025, 1, 1))
    centre.close()
    rng = random.Random(20261207)
    acked: list[tuple[str, int]] = []
    started = time.perf_counter()
    for round_no in range(ROUNDS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            os.close(read_fd)
            _writer(installed, round_no, write_fd)
        os.close(write_fd)
        _wait_ready(read_fd)
        time.sleep(rng.uniform(0.0, WINDOW_S))
        words = _kill(pid, read_fd)
        assert "failed" not in words, words[-4:]
        acked += [(k, int(i)) for k, i in zip(words[::2], words[1::2], strict=True)]
    took = time.perf_counter() - started
    kinds = {
        k: sum(1 for x, _ in acked if x == k) for k in ("resident", "stay", "vacated", "entry", "plan", "discharge")
    }
    print(f"\n{ROUNDS} kills in {took:.1f} s, {len(acked)} acknowledged commits: {kinds}")
    reopened = open_centre(installed.options)
    installed.centre = reopened
    assert _lost(reopened, acked) == []
    assert _torn(reopened) == {}
    assert all(kinds.values()), "a capability was never reached before the kill: the drill tests too little"
    report = reopened.maintenance.check(installed.manager)
    assert report.ok, report.problems
