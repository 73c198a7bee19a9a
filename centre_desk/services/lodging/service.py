"""LodgingService: every lodging action a user can take, each one transaction with its audit row.

Permissions (security/permissions.py, field group LODGING): VIEW to see the board, the census and a
resident's lodging; EDIT to place, move, record presence and leave; PRINT for the roll-call sheet and the
printed board; APPROVE (manager) to break a room rule with a reason and to record a stay extension;
ADMINISTER (manager) for rooms, beds and bed states. Names are shown only with VIEW on IDENTITY, aliases
otherwise. Audit codes start with "lodging." (services/audit_terms.py gives each its phrase).

The work is done by the modules of this package (rooms, placement, census, stay, occupancy, papers); this
class holds the wiring: access control, the clock, the transaction and the audit row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.models.lodging import BedState, Presence
from centre_desk.security.access import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.base import Service
from centre_desk.services.concurrency import stale_guard
from centre_desk.services.demo.marker import is_demo_session
from centre_desk.services.lodging import board, census, occupancy, placement, record, rooms, stay
from centre_desk.services.lodging.common import local_day, local_moment, names_allowed
from centre_desk.services.lodging.dto import (
    BedBoard,
    BedHistoryEntry,
    BedRow,
    Census,
    ExtensionInput,
    KeepApartInput,
    KeepApartRow,
    LeaveInput,
    LeaveRow,
    Occupancy,
    PlaceCheck,
    ResidentLodging,
    RoomCard,
    RoomInput,
    StayAlert,
    StayClock,
    StayRow,
)

ROLL_CALL_TIME = time(21, 0)  # the night roll-call: a day's census is taken at this local time


class LodgingService(Service):
    # ------------------------------------------------------------ rooms and beds (rooms.py; ADMINISTER)

    def save_room(self, actor: Actor, room_id: int | None, version: int | None, data: RoomInput) -> RoomCard:
        """Create a room (room_id None) or change one (stale version → Conflict); `data.bed_labels` adds beds
        (FREE). Every problem of the input at once as ValidationErrors (field names = RoomInput's)."""
        with self._admin(actor, "room", room_id or "") as (s, cur):
            now = self._clock()
            room = rooms.save_room(s, cur, room_id, version, data, now)
            self._audit.record(s, cur, "lodging.room_saved", record_type="room", record_id=room.id,
                               field_group=FieldGroup.LODGING)  # fmt: skip
            return rooms.card(s, cur, room.id, now)

    def retire_room(self, actor: Actor, room_id: int, version: int, reason: str) -> RoomCard:
        """Take a room off the board (active=False) once nobody sleeps in it; its history stays."""
        with self._admin(actor, "room", room_id) as (s, cur):
            now = self._clock()
            rooms.retire_room(s, cur, room_id, version, reason, now)
            self._audit.record(s, cur, "lodging.room_retired", record_type="room", record_id=room_id,
                               field_group=FieldGroup.LODGING)  # fmt: skip
            return rooms.card(s, cur, room_id, now)

    def set_bed_state(
        self, actor: Actor, bed_id: int, version: int, state: BedState, reason: str, reserved_for: int | None = None
    ) -> BedRow:
        """Free, reserve (for a resident), needs cleaning, out of service — with a reason, kept in the bed's
        history. OCCUPIED is never set by hand (placement does it); a bed with an occupant cannot change."""
        with self._admin(actor, "bed", bed_id) as (s, cur):
            now = self._clock()
            bed = rooms.set_bed_state(s, cur, bed_id, version, state, reason, reserved_for, now)
            self._audit.record(s, cur, "lodging.bed_state", record_type="bed", record_id=bed_id,
                               field_group=FieldGroup.LODGING)  # fmt: skip
            return rooms.bed_row(s, cur, bed, now)

    def bed_history(self, actor: Actor, bed_id: int) -> tuple[BedHistoryEntry, ...]:
        """Every state the bed has been in, the latest first."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.LODGING, record_type="bed", record_id=bed_id) as (s, _c):
            return rooms.bed_history(s, bed_id)

    def board(self, actor: Actor, at: datetime | None = None, building: str = "", floor: str = "") -> BedBoard:
        """The bed board now (or at a past moment, rebuilt from the histories), optionally one building or
        floor. Audited once ("lodging.board_viewed")."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.LODGING) as (s, cur):
            found = board.board(s, names_allowed(cur), at, self._clock(), building, floor)
            self._audit.record(s, cur, "lodging.board_viewed", field_group=FieldGroup.LODGING)
            return found

    # ------------------------------------------------------ placement and moves (placement.py; EDIT)

    def check_place(self, actor: Actor, resident_id: int, bed_id: int) -> PlaceCheck:
        """The room rules placing the resident in the bed would break (nothing written, not audited): sex,
        age group, capacity, keep-apart links, reserved for another, needs cleaning, out of service, taken."""
        with self._edit(actor, resident_id) as (s, cur):
            problems = placement.check_ids(s, resident_id, bed_id, self._clock())
            can = placement.may_override(cur) and all(p.overridable for p in problems)
            return PlaceCheck(resident_id, bed_id, problems, can)

    def check_new(self, actor: Actor, sex: str, age: int | None, bed_id: int) -> PlaceCheck:
        """`check_place` for someone being admitted (the admission wizard's bed step): her sex and age as typed;
        resident_id 0 in the result. CREATE on LODGING, as placing her with the admission needs."""
        with self._access.unit(actor, Action.CREATE, FieldGroup.LODGING) as (s, cur):
            problems = placement.check_new(s, sex, age, bed_id)
            can = placement.may_override(cur) and all(p.overridable for p in problems)
            return PlaceCheck(0, bed_id, problems, can)

    def place(self, actor: Actor, resident_id: int, bed_id: int, reason: str, override_reason: str = "") -> StayRow:
        """Put the resident in the bed: her first bed, or a move (the open stay ends, the old bed becomes
        FREE). A broken rule raises RuleBroken (services.lodging.placement) listing every problem, unless the
        actor has APPROVE and gives `override_reason` (audited "lodging.override")."""
        with self._edit(actor, resident_id) as (s, cur):
            done = placement.place(s, cur, resident_id, bed_id, reason, override_reason, self._clock())
            self._audit_placed(s, cur, done)
            return placement.stay_rows(s, [done.stay])[0]

    def swap(
        self, actor: Actor, resident_id: int, other_id: int, reason: str, override_reason: str = ""
    ) -> tuple[StayRow, StayRow]:
        """Two residents exchange beds in one transaction (the drag onto an occupied bed)."""
        with self._edit(actor, resident_id) as (s, cur):
            first, second = placement.swap(s, cur, resident_id, other_id, reason, override_reason, self._clock())
            for done in (first, second):
                self._audit_placed(s, cur, done)
            rows = placement.stay_rows(s, [first.stay, second.stay])
            return rows[0], rows[1]

    def vacate(self, actor: Actor, resident_id: int, reason: str, bed_state: BedState = BedState.CLEANING) -> None:
        """End the resident's open stay without a new bed (left, hospital for long); the bed takes
        `bed_state` (needs cleaning by default, as after a discharge)."""
        with self._edit(actor, resident_id) as (s, cur):
            placement.vacate(s, cur, resident_id, reason, bed_state, self._clock())
            self._audit.record(s, cur, "lodging.vacated", record_type="resident", record_id=resident_id,
                               field_group=FieldGroup.LODGING)  # fmt: skip

    def add_keep_apart(self, actor: Actor, data: KeepApartInput) -> KeepApartRow:
        """Link two residents who must not share a room; a clash already on the board is reported."""
        with self._edit(actor, data.resident_id) as (s, cur):
            link = placement.add_link(s, cur, data, self._clock())
            for rid in (data.resident_id, data.other_id):
                self._audit.record(s, cur, "lodging.keep_apart", record_type="resident", record_id=rid,
                                   field_group=FieldGroup.LODGING)  # fmt: skip
            return placement.link_row(s, cur, link)

    def end_keep_apart(self, actor: Actor, link_id: int, version: int) -> KeepApartRow:
        with self._edit(actor, "") as (s, cur):
            link = placement.end_link(s, cur, link_id, version, self._clock())
            for rid in (link.resident_id, link.other_id):
                self._audit.record(s, cur, "lodging.keep_apart_ended", record_type="resident", record_id=rid,
                                   field_group=FieldGroup.LODGING)  # fmt: skip
            return placement.link_row(s, cur, link)

    def resident_lodging(self, actor: Actor, resident_id: int) -> ResidentLodging:
        """The record's Lodging tab: bed, presence, stays, leave passes, keep-apart links, stay clock."""
        with self._access.unit(
            actor, Action.VIEW, FieldGroup.LODGING, record_type="resident", record_id=resident_id
        ) as (s, cur):
            result = record.resident_lodging(s, cur, resident_id, self._clock())
            self._audit.record(s, cur, "lodging.viewed", record_type="resident", record_id=resident_id)
            return result

    # ------------------------------------------------------------ presence and leave (census.py; EDIT)

    def census(self, actor: Actor, day: date | None = None, *, live: bool = False) -> Census:
        """Who is in the centre on `day` (today by default) at ROLL_CALL_TIME, or now for today before then
        (`live`: today's census is always as of now, as the census screen shows it after the roll-call too);
        a past day is rebuilt from the bed stays, presence changes and admissions."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.LODGING) as (s, cur):
            result = self._census(s, cur, day, live)
            self._audit.record(s, cur, "lodging.census_viewed")
            return result

    def set_presence(self, actor: Actor, resident_id: int, status: Presence, note: str = "") -> None:
        """Record a change of presence now (hospital, absent without permission, back, gone). GONE ends her
        bed stay (the bed needs cleaning)."""
        with self._edit(actor, resident_id) as (s, cur):
            census.set_presence(s, cur, resident_id, status, note, self._clock())
            self._audit.record(s, cur, "lodging.presence", record_type="resident", record_id=resident_id)

    def grant_leave(self, actor: Actor, data: LeaveInput) -> LeaveRow:
        """A leave pass; presence becomes ON_LEAVE at `leaves_at`."""
        with self._edit(actor, data.resident_id) as (s, cur):
            now = self._clock()
            p = census.grant_leave(s, cur, data, now)
            self._audit.record(s, cur, "lodging.leave_granted", record_type="resident", record_id=data.resident_id)
            return census.leave_rows(s, [p], names_allowed(cur), now)[0]

    def record_return(self, actor: Actor, leave_id: int, version: int, at: datetime | None = None) -> LeaveRow:
        """She is back: the pass is closed and presence PRESENT again."""
        with self._edit(actor, "") as (s, cur):
            now = self._clock()
            p = census.record_return(s, cur, leave_id, version, now if at is None else at, now)
            self._audit.record(s, cur, "lodging.leave_returned", record_type="resident", record_id=p.resident_id)
            return census.leave_rows(s, [p], names_allowed(cur), now)[0]

    def overdue_leaves(self, actor: Actor) -> tuple[LeaveRow, ...]:
        """Passes past their expected return with nobody back (the Overview's alert)."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.LODGING) as (s, cur):
            rows = census.overdue(s, names_allowed(cur), self._clock())
            self._audit.record(s, cur, "lodging.overdue_viewed", record_id=len(rows))
            return rows

    # ------------------------------------------------------------------ stay limit (stay.py)

    def stay_clock(self, actor: Actor, resident_id: int) -> StayClock | None:
        """The clock of the resident's latest admission (VIEW on LODGING; not audited: no personal data)."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.LODGING, record_type="resident") as (s, _cur):
            return stay.clock_of(s, resident_id, local_day(self._clock()))

    def extend_stay(self, actor: Actor, data: ExtensionInput) -> StayClock:
        """Record the director's extension decision (APPROVE on LODGING); `until` must be after the current
        deadline and the decision dated on or after admission."""
        with self._access.unit(actor, Action.APPROVE, FieldGroup.LODGING, record_type="admission") as (s, cur):
            now = self._clock()
            a = stay.extend(s, cur, data, now)
            self._audit.record(s, cur, "lodging.stay_extended", record_type="resident", record_id=a.resident_id)
            clock = stay.clock_of(s, a.resident_id, local_day(now))
            assert clock is not None  # the admission was just read
            return clock

    def stay_alerts(self, actor: Actor) -> tuple[StayAlert, ...]:
        """Residents in the centre whose clock is "soon", "urgent" or "over", the most pressing first."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.LODGING) as (s, cur):
            now = self._clock()
            rows = stay.alerts(s, names_allowed(cur), local_day(now), now)
            self._audit.record(s, cur, "lodging.stay_alerts_viewed", record_id=len(rows))
            return rows

    # ---------------------------------------------------------------- figures and papers

    def occupancy(self, actor: Actor, start: date, end: date) -> Occupancy:
        """Bed-nights, occupancy %, average and median length of stay for the period, by room and by sex
        (occupancy.py defines every figure; VIEW on LODGING; audited "lodging.occupancy_viewed"). Nights whose
        roll-call is still to come are not counted; a start after today is a ValidationError."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.LODGING) as (s, cur):
            found = occupancy.occupancy(s, start, end, self._clock(), ROLL_CALL_TIME)
            self._audit.record(s, cur, "lodging.occupancy_viewed", field_group=FieldGroup.LODGING)
            return found

    def roll_call_pdf(self, actor: Actor, day: date | None = None, room_ids: Sequence[int] = ()) -> bytes:
        """The night roll-call sheet of `day` (today by default; papers.py, reports/lodging.py; PRINT on
        LODGING): the census of that evening, one table per room (only `room_ids` when given), an empty
        signature column; demo-marked on demo data. An internal list: no number from the outgoing-document
        register. Audited "lodging.roll_call_printed" with the number of residents listed."""
        from centre_desk.reports.lodging import render_roll_call  # reportlab: only when printing
        from centre_desk.services.lodging import papers

        with self._access.unit(actor, Action.PRINT, FieldGroup.LODGING) as (s, cur):
            sheet = papers.roll_call_sheet(s, self._census(s, cur, day), room_ids)
            pdf = render_roll_call(sheet, papers.marks(is_demo_session(s)))
            listed = sum(len(r.lines) for r in sheet.rooms) + len(sheet.unplaced)
            self._audit.record(s, cur, "lodging.roll_call_printed", record_id=listed, field_group=FieldGroup.LODGING)
            return pdf

    def board_pdf(self, actor: Actor, building: str = "", floor: str = "") -> bytes:
        """The bed board now on paper (papers.py, reports/lodging.py; PRINT on LODGING), optionally one
        building or floor; demo-marked on demo data; no register number. Audited "lodging.board_printed" with
        the number of beds."""
        from centre_desk.reports.lodging import render_board  # reportlab: only when printing
        from centre_desk.services.lodging import papers

        with self._access.unit(actor, Action.PRINT, FieldGroup.LODGING) as (s, cur):
            found = board.board(s, names_allowed(cur), None, self._clock(), building, floor)
            pdf = render_board(papers.board_paper(s, found, building, floor), papers.marks(is_demo_session(s)))
            self._audit.record(s, cur, "lodging.board_printed", record_id=found.beds, field_group=FieldGroup.LODGING)
            return pdf

    # ------------------------------------------------------------------------------------------ wiring

    def _census(self, s: Session, actor: Actor, day: date | None, live: bool = False) -> Census:
        """The census of `day` (today by default) at ROLL_CALL_TIME, or now for today before then (`live`:
        today's is always as of now)."""
        now = self._clock()
        today = local_day(now)
        day = today if day is None else day
        if day > today:
            raise ValidationError("day", _("The census of a future day cannot be taken."))
        at = now if live and day == today else min(local_moment(day, ROLL_CALL_TIME), now)
        return census.census(s, day, at, names_allowed(actor))

    @contextmanager
    def _admin(self, actor: Actor, record_type: str, record_id: object) -> Iterator[tuple[Session, Actor]]:
        """A rooms-and-beds change (ADMINISTER on LODGING); a stale version at flush is a Conflict."""
        with (
            self._access.unit(actor, Action.ADMINISTER, FieldGroup.LODGING, record_type=record_type,
                              record_id=record_id) as (s, cur),
            stale_guard(),
        ):  # fmt: skip
            yield s, cur

    @contextmanager
    def _edit(self, actor: Actor, resident_id: object) -> Iterator[tuple[Session, Actor]]:
        """A placement (EDIT on LODGING); a stale version at flush is a Conflict."""
        with (
            self._access.unit(actor, Action.EDIT, FieldGroup.LODGING, record_type="resident",
                              record_id=resident_id) as (s, cur),
            stale_guard(),
        ):  # fmt: skip
            yield s, cur

    def _audit_placed(self, s: Session, actor: Actor, done: placement.Placed) -> None:
        rid, group = done.stay.resident_id, FieldGroup.LODGING
        if done.moved:
            self._audit.record(s, actor, "lodging.moved", record_type="resident", record_id=rid, field_group=group)
        else:
            self._audit.record(s, actor, "lodging.placed", record_type="resident", record_id=rid, field_group=group)
        if done.overridden:
            self._audit.record(s, actor, "lodging.override", record_type="resident", record_id=rid, field_group=group)
