"""The rules of a group session, as pure functions: every problem of the input at once (field names are
SessionInput's), and who may be on its attendance list — only the residents present in the centre when it
started (the census of that moment: one on leave, in hospital or absent is refused, with the reason)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime, timedelta

from centre_desk.errors import ValidationError
from centre_desk.i18n import _
from centre_desk.models.activities import ActivityKind
from centre_desk.models.lodging import Presence
from centre_desk.services.activities.dto import Attendee, SessionInput
from centre_desk.services.admission_input import Problems, clean_block, clean_text
from centre_desk.services.lodging.terms import PRESENCE_NAMES
from centre_desk.text import nfc

MINUTES = (5, 720)  # a session lasts from five minutes to a (long) day
OUTSIDE_MAX = 1000
EARLIEST = datetime(2000, 1, 1).astimezone()  # older records are not kept by the centres
AHEAD = timedelta(minutes=15)  # a session is recorded once it has started (a clock a little fast is forgiven)
REASON_MIN = 5  # characters of the reason for striking a session out


def check_session(data: SessionInput, now: datetime, staff_ids: Collection[int]) -> SessionInput:
    """The input cleaned (spaces, NFC, the attendance without repeats), or ValidationErrors listing every
    problem. Whether the residents were present is `check_attendance`'s (it needs the census)."""
    problems = Problems()
    if data.kind not in set(ActivityKind):
        problems.add("kind", _("Choose the kind of session."))
    topic = problems.take("", clean_text, nfc(data.topic), "topic", _("Topic"), 300, True)
    outside_name = problems.take("", clean_text, nfc(data.facilitator_name), "facilitator_name",
                                 _("Facilitator from outside"), 200)  # fmt: skip
    if data.facilitator_id is not None and data.facilitator_id not in staff_ids:
        problems.add("facilitator_id", _("This staff account cannot lead a session (it is disabled or gone)."))
    elif data.facilitator_id is None and not outside_name:
        problems.add("facilitator_id", _("Choose the staff member who led the session, or write the name of the "
                                         "facilitator from outside."))  # fmt: skip
    if data.starts_at.tzinfo is None:
        problems.add("starts_at", _("Give the date and time the session started."))
    elif data.starts_at > now + AHEAD:
        problems.add("starts_at", _("A session is recorded once it has started: its start cannot be in the future."))
    elif data.starts_at < EARLIEST:
        problems.add("starts_at", _("The session's date is too far in the past."))
    if not MINUTES[0] <= data.minutes <= MINUTES[1]:
        problems.add("minutes", _("The duration must be between {low} and {high} minutes.").format(
            low=MINUTES[0], high=MINUTES[1]))  # fmt: skip
    place = problems.take("", clean_text, nfc(data.place), "place", _("Place"), 200)
    if not 0 <= data.outside_count <= OUTSIDE_MAX:
        problems.add("outside_count", _("Participants from outside: a number from 0 to {high}.").format(
            high=OUTSIDE_MAX))  # fmt: skip
    note = problems.take("", clean_block, nfc(data.note), "note", _("Note"), 1000)
    attendees = tuple(dict.fromkeys(data.attendees))
    if not attendees and data.outside_count <= 0:
        problems.add("attendees", _("Tick the residents who took part, or count the participants from outside."))
    problems.raise_any()
    return SessionInput(data.kind, topic, data.starts_at, data.minutes, data.facilitator_id, outside_name, place,
                        data.outside_count, note, attendees)  # fmt: skip


def absence(presence: str | None) -> str:
    """Why a resident cannot be on the list: her presence then, in words."""
    if presence is None:
        return _("not in the centre")
    return _(PRESENCE_NAMES.get(presence, presence)).lower()


def check_attendance(wanted: tuple[int, ...], presence: Mapping[int, str], people: Mapping[int, Attendee]) -> None:
    """ValidationErrors (field "attendees") naming each resident not present in the centre when the session
    started — on leave, in hospital, absent, or not (yet, or any more) in the centre. `presence`: the census of
    that moment (resident id → Presence), `people`: the residents asked for."""
    problems = Problems()
    for rid in wanted:
        status = presence.get(rid)
        if status == Presence.PRESENT:
            continue
        who = people.get(rid)
        name = f"{who.label} ({who.code})" if who is not None else f"#{rid}"
        message = _(
            "{who} was not present in the centre when the session started ({why}): only residents present that day "
            "can be on the list."
        )
        problems.add("attendees", message.format(who=name, why=absence(status)))
    problems.raise_any()


def check_reason(reason: str) -> str:
    text = " ".join(nfc(reason).split())
    if len(text) < REASON_MIN:
        raise ValidationError("reason", _("Write why the session is struck out (at least {n} characters).").format(
            n=REASON_MIN))  # fmt: skip
    return clean_text(text, "reason", _("Reason"), 500, True)
