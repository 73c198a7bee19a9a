"""Years of lodging history bulk-inserted straight into the tables (no audit, no rules checked): rooms of
four beds, residents arriving over the years, each moving through one to three beds, leave taken now and
then. For the bed board's benchmark and its query-count test."""

from __future__ import annotations

import heapq
import random
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update

from centre_desk.models.base import utcnow
from centre_desk.models.lodging import Bed, BedState, BedStateChange, BedStay, Presence, PresenceChange, Room
from centre_desk.models.resident import Admission, Resident
from centre_desk.services.installation import Centre
from tests.support.registry_data import bulk_residents

BEDS_PER_ROOM = 4


def bulk_lodging(centre: Centre, beds: int, years: float, seed: int = 3, occupancy: float = 0.75) -> datetime:
    """Rooms with `beds` beds and `years` of stays ending now (some still open); returns the start."""
    rng = random.Random(seed)
    now = utcnow()
    start = now - timedelta(days=365 * years)
    mean_days = 45
    residents = int(beds * occupancy * 365 * years / mean_days)
    with centre.sessions() as s:
        first = (s.query(Resident.id).order_by(Resident.id.desc()).limit(1).scalar() or 0) + 1
    bulk_residents(centre, residents, seed=seed)
    rooms = [
        {"id": n + 1, "version": 1, "building": f"Nhà {'ABCDE'[n % 5]}", "floor": f"Tầng {n // 10 % 3 + 1}",
         "name": f"Phòng {n + 101}", "sex_rule": "female" if n % 3 else "any", "age_rule": "any",
         "capacity": BEDS_PER_ROOM, "notes": "", "position": n, "active": True}
        for n in range((beds + BEDS_PER_ROOM - 1) // BEDS_PER_ROOM)
    ]  # fmt: skip
    bed_rows = [
        {"id": n + 1, "version": 1, "room_id": n // BEDS_PER_ROOM + 1, "label": f"G{n % BEDS_PER_ROOM + 1}",
         "state": BedState.FREE, "reserved_for": None, "active": True}
        for n in range(beds)
    ]  # fmt: skip
    changes: list[dict[str, object]] = [
        {"bed_id": b["id"], "state": BedState.FREE, "at": start, "by": None, "reason": ""} for b in bed_rows
    ]
    stays: list[dict[str, object]] = []
    presence: list[dict[str, object]] = []
    admissions: list[tuple[int, datetime, datetime | None]] = []
    free = [(start, int(b["id"])) for b in bed_rows]  # (free from, bed) — a heap
    heapq.heapify(free)
    step = (now - start) / residents
    for n in range(residents):
        rid = first + n
        arrived = start + step * n + timedelta(hours=rng.random() * 12)
        left: datetime | None = arrived + timedelta(days=rng.expovariate(1 / mean_days) + 1)
        moment = arrived
        for part in range(rng.choice((1, 1, 2, 2, 3))):
            until = left if part == 2 or rng.random() < 0.5 else moment + (left - moment) / 2  # type: ignore[operator]
            free_from, bed = heapq.heappop(free)
            moment = max(moment, free_from)
            open_now = until is not None and until >= now
            end = None if open_now else until
            stays.append({"version": 1, "resident_id": rid, "bed_id": bed, "start_at": moment, "end_at": end,
                          "reason": "", "end_reason": "", "override_reason": ""})  # fmt: skip
            changes.append({"bed_id": bed, "state": BedState.OCCUPIED, "at": moment, "by": None, "reason": ""})
            if end is None:
                heapq.heappush(free, (now + timedelta(days=3650), bed))
                left = None
                break
            changes.append({"bed_id": bed, "state": BedState.CLEANING, "at": end, "by": None, "reason": ""})
            changes.append({"bed_id": bed, "state": BedState.FREE, "at": end + timedelta(hours=3), "by": None,
                            "reason": ""})  # fmt: skip
            heapq.heappush(free, (end + timedelta(hours=3), bed))
            moment = end
            if moment >= left:  # type: ignore[operator]
                break
        if (rng.random() < 0.3 and stays[-1]["end_at"] is None) or rng.random() < 0.1:
            away = arrived + timedelta(days=2)
            if away < now:
                presence.append({"resident_id": rid, "status": Presence.ON_LEAVE, "at": away, "by": None, "note": ""})
                back = away + timedelta(days=1)
                if back < now:
                    presence.append({"resident_id": rid, "status": Presence.PRESENT, "at": back, "by": None,
                                     "note": ""})  # fmt: skip
        admissions.append((rid, arrived, left if left is None or left < now else None))
    open_beds = {int(x["bed_id"]) for x in stays if x["end_at"] is None}  # type: ignore[call-overload]
    for b in bed_rows:
        b["state"] = BedState.OCCUPIED if b["id"] in open_beds else BedState.FREE
    with centre.sessions.begin() as s:
        found = s.execute(select(Admission.resident_id, Admission.id).where(Admission.resident_id >= first))
        ids = {int(r): int(a) for r, a in found}
        s.execute(  # the admissions bulk_residents made, made to agree with the stays
            update(Admission),
            [
                {"id": ids[rid], "version": 1, "arrived_at": arrived, "discharged_at": gone}
                for rid, arrived, gone in admissions
            ],
        )
        s.execute(insert(Room), rooms)
        s.execute(insert(Bed), bed_rows)
        s.execute(insert(BedStateChange), changes)
        s.execute(insert(BedStay), stays)
        if presence:
            s.execute(insert(PresenceChange), presence)
    return start
