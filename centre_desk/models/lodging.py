"""Lodging: rooms, beds and who slept where; presence (sĩ số), leave passes and stay extensions.

Every fact that changes is kept as history, never overwritten, so the bed board and the census of any
past moment can be rebuilt:

* `BedStay` — one resident in one bed from `start_at` until `end_at` (open while she sleeps there). A move
  ends one stay and starts the next in the same transaction; a rule broken on purpose keeps the manager's
  `override_reason`.
* `BedStateChange` — every state a bed was put in (free, reserved, needs cleaning, out of service, occupied),
  with who, when and why; `Bed.state` is the latest of them.
* `PresenceChange` — every change of a resident's presence (present, on leave, in hospital, absent without
  permission, gone); the census of a moment is the latest change at or before it (present since arrival
  when there is none).
* `LeavePass` — permission to leave the centre for a while, with the expected return (overdue alert).
* `KeepApart` — two residents who must not share a room (same case, same recruiter, conflict, safety).
* `StayExtension` — the director's decision lengthening the stay beyond the legal limit.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from centre_desk.models.base import Base, NFCText, UtcDateTime, Versioned


class RoomSex(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    ANY = "any"


class RoomAge(enum.StrEnum):
    CHILDREN = "children"  # under 18 only
    ADULTS = "adults"  # 18 and over only
    MOTHERS_CHILDREN = "mothers_children"  # women with their children (no adult man)
    ANY = "any"


class BedState(enum.StrEnum):
    FREE = "free"
    RESERVED = "reserved"
    OCCUPIED = "occupied"
    CLEANING = "cleaning"  # needs cleaning (after a departure)
    OUT_OF_SERVICE = "out_of_service"


class Presence(enum.StrEnum):
    PRESENT = "present"
    ON_LEAVE = "on_leave"
    HOSPITAL = "hospital"
    ABSENT = "absent"  # absent without permission
    GONE = "gone"  # left the centre for good (the bed is freed)


class KeepApartReason(enum.StrEnum):
    SAME_CASE = "same_case"
    SAME_RECRUITER = "same_recruiter"
    CONFLICT = "conflict"
    SAFETY = "safety"


class Room(Versioned, Base):
    __tablename__ = "room"
    __table_args__ = (UniqueConstraint("building", "name", name="uq_room_building_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    building: Mapped[str] = mapped_column(NFCText(100))  # "Nhà A"
    floor: Mapped[str] = mapped_column(NFCText(30), default="")  # "Tầng 1"
    name: Mapped[str] = mapped_column(NFCText(60))  # "Phòng 101"
    sex_rule: Mapped[str] = mapped_column(NFCText(10))  # RoomSex
    age_rule: Mapped[str] = mapped_column(NFCText(20))  # RoomAge
    capacity: Mapped[int]
    notes: Mapped[str] = mapped_column(NFCText(500), default="")
    position: Mapped[int] = mapped_column(default=0)  # order on the board within its floor
    active: Mapped[bool] = mapped_column(default=True)  # a retired room keeps its history


class Bed(Versioned, Base):
    __tablename__ = "bed"
    __table_args__ = (UniqueConstraint("room_id", "label", name="uq_bed_room_label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"), index=True)
    label: Mapped[str] = mapped_column(NFCText(20))  # "G1", "G2"
    state: Mapped[str] = mapped_column(NFCText(20))  # BedState: the latest BedStateChange
    reserved_for: Mapped[int | None] = mapped_column(ForeignKey("resident.id"))  # while RESERVED
    active: Mapped[bool] = mapped_column(default=True)


class BedStateChange(Base):
    """Append-only: a bed's every state, with who, when and why."""

    __tablename__ = "bed_state_change"
    __table_args__ = (Index("ix_bed_state_change_bed_at", "bed_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bed_id: Mapped[int] = mapped_column(ForeignKey("bed.id"))
    state: Mapped[str] = mapped_column(NFCText(20))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    reason: Mapped[str] = mapped_column(NFCText(300), default="")


class BedStay(Versioned, Base):
    """One resident in one bed, from `start_at` until `end_at` (None while she is there)."""

    __tablename__ = "bed_stay"
    __table_args__ = (
        Index("ix_bed_stay_bed_start", "bed_id", "start_at"),
        Index("ix_bed_stay_resident_start", "resident_id", "start_at"),
        Index("ix_bed_stay_open", "end_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"))
    bed_id: Mapped[int] = mapped_column(ForeignKey("bed.id"))
    start_at: Mapped[datetime] = mapped_column(UtcDateTime())
    end_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    reason: Mapped[str] = mapped_column(NFCText(300), default="")  # why she moved in
    end_reason: Mapped[str] = mapped_column(NFCText(300), default="")  # why she left this bed
    override_reason: Mapped[str] = mapped_column(NFCText(300), default="")  # a room rule broken by a manager
    started_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    ended_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))


class PresenceChange(Base):
    """Append-only: a resident's presence from `at` on."""

    __tablename__ = "presence_change"
    __table_args__ = (Index("ix_presence_change_resident_at", "resident_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"))
    status: Mapped[str] = mapped_column(NFCText(20))  # Presence
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    note: Mapped[str] = mapped_column(NFCText(300), default="")
    leave_id: Mapped[int | None] = mapped_column(ForeignKey("leave_pass.id"))


class LeavePass(Versioned, Base):
    __tablename__ = "leave_pass"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    reason: Mapped[str] = mapped_column(NFCText(300))
    companion: Mapped[str] = mapped_column(NFCText(200), default="")  # who goes with her
    destination: Mapped[str] = mapped_column(NFCText(300), default="")
    leaves_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expected_back_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    returned_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    note: Mapped[str] = mapped_column(NFCText(500), default="")
    granted_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))


class KeepApart(Versioned, Base):
    __tablename__ = "keep_apart"
    __table_args__ = (Index("ix_keep_apart_pair", "resident_id", "other_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"))
    other_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    reason: Mapped[str] = mapped_column(NFCText(20))  # KeepApartReason
    note: Mapped[str] = mapped_column(NFCText(300), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class StayExtension(Versioned, Base):
    """The director's decision to lodge a resident beyond the legal limit, until `until` (inclusive)."""

    __tablename__ = "stay_extension"

    id: Mapped[int] = mapped_column(primary_key=True)
    admission_id: Mapped[int] = mapped_column(ForeignKey("admission.id"), index=True)
    decision_number: Mapped[str] = mapped_column(NFCText(60))
    decision_date: Mapped[date] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(NFCText(200))  # who signed: "Giám đốc Trung tâm …"
    until: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(NFCText(500), default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("staff_account.id"))
