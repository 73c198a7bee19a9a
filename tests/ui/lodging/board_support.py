"""A lodging centre for the bed board's tests and screenshots: ten rooms of four beds in two buildings, residents
with aliases (women, girls, a few men and boys), most in a bed, some waiting for one, beds to clean, out of service
and reserved. And the helpers the board's tests share: open the board, wait for it, drop on a tile."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from centre_desk.models.lodging import BedState, RoomAge, RoomSex
from centre_desk.models.resident import Channel, Sex
from centre_desk.security.access import Actor
from centre_desk.services.admission_input import AdmissionInput, ResidentInput
from centre_desk.services.installation import Centre
from centre_desk.services.lodging.dto import RoomCard, RoomInput
from centre_desk.ui.events import AppEvents
from centre_desk.ui.lodging.board import BoardView
from centre_desk.ui.lodging.board_tiles import BedTile
from tests.conftest import Installed

NOW = datetime.now(UTC)
F, M = Sex.FEMALE, Sex.MALE
ROOMS = (  # building, floor, name, for, age group, places
    ("Nhà A", "Tầng 1", "Phòng 101", RoomSex.FEMALE, RoomAge.ADULTS, 4),
    ("Nhà A", "Tầng 1", "Phòng 102", RoomSex.FEMALE, RoomAge.ADULTS, 4),
    ("Nhà A", "Tầng 1", "Phòng 103", RoomSex.FEMALE, RoomAge.MOTHERS_CHILDREN, 4),
    ("Nhà A", "Tầng 2", "Phòng 201", RoomSex.FEMALE, RoomAge.CHILDREN, 4),
    ("Nhà A", "Tầng 2", "Phòng 202", RoomSex.FEMALE, RoomAge.CHILDREN, 4),
    ("Nhà A", "Tầng 2", "Phòng 203", RoomSex.FEMALE, RoomAge.ANY, 4),
    ("Nhà B", "Tầng 1", "Phòng 101", RoomSex.MALE, RoomAge.ADULTS, 4),
    ("Nhà B", "Tầng 1", "Phòng 102", RoomSex.MALE, RoomAge.CHILDREN, 4),
    ("Nhà B", "Tầng 2", "Phòng 201", RoomSex.FEMALE, RoomAge.ADULTS, 4),
    ("Nhà B", "Tầng 2", "Phòng 202", RoomSex.ANY, RoomAge.ANY, 4),
)
# full name, alias, sex, age, room index (None: without a bed); beds G1, G2… in order
PEOPLE = (
    ("Sùng Thị Mỷ", "Hoa Ban", F, 24, 0),
    ("Giàng Thị Dợ", "Mai Vàng", F, 31, 0),
    ("Lò Thị Hương", "Suối Mơ", F, 19, 0),
    ("Vàng Thị Chớ", "Sơn Ca", F, 27, 1),
    ("Tẩn Mý Dín", "Họa Mi", F, 22, 1),
    ("Lầu Thị Pàng", "Trăng Non", F, 29, 2),
    ("Lầu Thị Nhung", "Bé Nhung", F, 4, 2),
    ("Lường Thị Ban", "Cỏ May", F, 35, 2),
    ("Thào Thị Sua", "Sao Mai", F, 15, 3),
    ("Mùa Thị Dua", "Chim Én", F, 14, 3),
    ("Cầm Thị Ún", "Mây Hồng", F, 16, 3),
    ("Chảo Thị Mẩy", "Lúa Non", F, 17, 4),
    ("Hầu Thị Xúa", "Ngọc Lan", F, 13, 4),
    ("Quàng Thị Lả", "Đào Rừng", F, 20, 5),
    ("Phàn Thị Sằn", "Sương Sớm", F, 17, 5),
    ("Lò Văn Khiêm", "Núi Đá", M, 26, 6),
    ("Vừ A Sình", "Đá Xanh", M, 33, 6),
    ("Sùng A Chư", "Gió Núi", M, 12, 7),
    ("Tráng A Lử", "Suối Nhỏ", M, 15, 7),
    ("Nguyễn Thị Hạnh", "Hướng Dương", F, 41, 8),
    ("Điêu Thị Dung", "Thu Cúc", F, 23, 8),
    ("Lý Thị Chiêm", "Bìm Bịp", F, 28, 8),
    ("Triệu Thị Tả", "Tầm Xuân", F, 30, 9),
    ("Hạng Thị Sá", "Én Nhỏ", F, 16, None),
    ("Tòng Thị Xuân", "Xuân Hồng", F, 26, None),
    ("Mùa A Páo", "Đá Núi", M, 38, None),
)


@dataclass
class LodgingCentre:
    rooms: list[RoomCard]
    residents: dict[str, int] = field(default_factory=dict)  # alias → resident id

    def bed(self, room: int, label: str) -> int:
        return next(b.id for b in self.rooms[room].beds if b.label == label)


def admit(centre: Centre, manager: Actor, name: str, alias: str, sex: Sex, age: int, days: int = 10) -> int:
    arrived = (NOW - timedelta(days=days)).replace(microsecond=0)
    born = (NOW - timedelta(days=365 * age + 80)).date()
    guardian = {"guardian_name": "Sùng A Páo", "guardian_relation": "Bố đẻ"} if age < 18 else {}
    person = ResidentInput(
        full_name=name, alias=alias, sex=sex, ethnic_code="08", birth_date=born,
        home_province="Lai Châu", home_commune="Tả Lèng", **guardian,  # type: ignore[arg-type]
    )  # fmt: skip
    return centre.admissions.admit(manager, AdmissionInput(person, arrived, Channel.BORDER_GUARD)).resident_id


def lodging_centre(centre: Centre, manager: Actor, people: int = len(PEOPLE)) -> LodgingCentre:
    """The rooms and the first `people` residents; a few beds to clean, out of service and reserved."""
    service = centre.lodging
    rooms = [
        service.save_room(manager, None, None, RoomInput(b, f, n, sex, age, places, "", ("G1", "G2", "G3", "G4")))
        for b, f, n, sex, age, places in ROOMS
    ]
    made = LodgingCentre(rooms)
    used: dict[int, int] = {}
    for index, (name, alias, sex, age, room) in enumerate(PEOPLE[:people]):
        rid = admit(centre, manager, name, alias, sex, age, days=5 + index)
        made.residents[alias] = rid
        if room is not None:
            used[room] = used.get(room, 0) + 1
            service.place(manager, rid, made.bed(room, f"G{used[room]}"), "Tiếp nhận")
    states = (
        (1, "G4", BedState.CLEANING, "Đối tượng vừa rời Trung tâm"),
        (4, "G4", BedState.CLEANING, ""),
        (5, "G4", BedState.OUT_OF_SERVICE, "Giường gãy chân, chờ sửa"),
        (9, "G4", BedState.OUT_OF_SERVICE, "Phòng thấm dột"),
    )
    for room, label, state, reason in states:
        bed = next(b for b in rooms[room].beds if b.label == label)
        service.set_bed_state(manager, bed.id, bed.version, state, reason)
    if "Én Nhỏ" in made.residents:
        bed = next(b for b in rooms[5].beds if b.label == "G3")
        service.set_bed_state(manager, bed.id, bed.version, BedState.RESERVED, "Chờ khám sức khỏe",
                              made.residents["Én Nhỏ"])  # fmt: skip
    made.rooms = list(service.board(manager).rooms)
    return made


def bed_of(installed: Installed, resident_id: int) -> int | None:
    """Her bed now, as the service tells it (None without one)."""
    stay = installed.centre.lodging.resident_lodging(installed.manager, resident_id).bed
    return None if stay is None else stay.bed_id


# -- the board in tests ----------------------------------------------------------------------------------------------


def refuse_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse)


def open_board(qtbot: QtBot, centre: Centre, actor: Actor, events: AppEvents | None = None) -> BoardView:
    view = BoardView(centre.lodging, actor, events or AppEvents())
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.board is not None and not view.loading, timeout=10_000)
    return view


def reloaded(qtbot: QtBot, view: BoardView, before: object) -> None:
    """Wait for a board read after `before` (the board shown before a write)."""
    qtbot.waitUntil(lambda: view.board is not before and not view.loading, timeout=10_000)


def drop_on(tile: BedTile, mime: QMimeData) -> bool:
    """A drag entering the tile's card, moving over the tile and dropped there, as Qt delivers them; whether the
    tile took the drop."""
    point, card = QPointF(tile.centre()), tile.card
    buttons, keys, action = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, Qt.DropAction.MoveAction
    enter = QDragEnterEvent(point.toPoint(), action, mime, buttons, keys)
    QApplication.sendEvent(card, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(point.toPoint(), action, mime, buttons, keys)
    QApplication.sendEvent(card, move)
    if not move.isAccepted():
        return False
    event = QDropEvent(point, action, mime, buttons, keys)
    QApplication.sendEvent(card, event)
    return event.isAccepted()
