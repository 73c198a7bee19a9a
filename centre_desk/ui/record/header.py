"""The record's header: photo (only with consent) or initials, name and code, flags, days in the centre and
the stay-limit badge (thời hạn bố trí chỗ ở)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from centre_desk.formatting import format_date
from centre_desk.i18n import _
from centre_desk.models.resident import VictimStatus
from centre_desk.security.permissions import FieldGroup
from centre_desk.services.lodging.dto import StayClock
from centre_desk.services.residents import ResidentRecord
from centre_desk.ui.record.labels import SEXES, VICTIM_STATUSES, term
from centre_desk.ui.record.lodging_terms import CLOCK_COLOURS, clock_basis, clock_text

PHOTO_SIZE = (96, 120)
BADGE_STYLE = "padding: 2px 8px; border-radius: 9px; color: {fg}; background: {bg}; font-weight: bold;"
CHILD_COLOURS = ("#0b4f8a", "#dcebfa")
PUPIL_COLOURS = ("#24572b", "#dff0e0")
STATUS_COLOURS = ("#3c3c3c", "#ececec")
READMISSION_STYLE = (
    "#readmissionFlag { background: #fdecea; border: 2px solid #b3261e; border-radius: 6px; color: #8c1d18;"
    " font-weight: bold; padding: 4px 10px; }"
)


def initials_pixmap(text: str, size: tuple[int, int] = PHOTO_SIZE) -> QPixmap:
    """A neutral placeholder: grey card with the initials of the name or alias shown."""
    width, height = size
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor("#e4e6ea"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#c6cad1"))
    painter.drawEllipse(QRectF(width * 0.3, height * 0.14, width * 0.4, width * 0.4))
    painter.drawRoundedRect(QRectF(width * 0.14, height * 0.52, width * 0.72, height * 0.6), 30, 30)
    letters = initials(text)
    font = QFont()
    font.setBold(True)
    font.setPointSize(15)
    painter.setFont(font)
    painter.setPen(QColor("#4a4f57"))
    painter.drawText(QRectF(0, height * 0.6, width, height * 0.3), Qt.AlignmentFlag.AlignCenter, letters)
    painter.end()
    return pixmap


def initials(text: str) -> str:
    """ "Sùng Thị Dợ" -> "STD"; an alias "S.T.D. LC-2026-0001" -> "STD" (the code is left out)."""
    letters = ""
    for word in text.split():
        if any(ch.isdigit() for ch in word):
            continue
        letters += "".join(ch for ch in word if ch.isalpha()) if "." in word else word[0]
    return letters[:3].upper()


def badge(text: str, colours: tuple[str, str], name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setStyleSheet(BADGE_STYLE.format(fg=colours[0], bg=colours[1]))
    return label


class RecordHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.has_photo = False
        self.photo_label = QLabel()
        self.photo_label.setFixedSize(*PHOTO_SIZE)
        self.photo_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = QLabel()
        self.name_label.setObjectName("nameLabel")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.name_label.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.name_label.setFont(font)
        self.code_label = QLabel()
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        self.code_label.setStyleSheet("color: #555555; font-size: 13pt;")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts_label = QLabel()
        self.facts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.presence_label = QLabel()
        self.presence_label.setTextFormat(Qt.TextFormat.PlainText)
        self.presence_label.setObjectName("presenceLabel")
        self.stay_badge = QLabel()
        self.stay_badge.setObjectName("stayBadge")
        self.stay_badge.setTextFormat(Qt.TextFormat.PlainText)
        self.stay_badge.setVisible(False)
        self.stay_level = ""  # the clock's level shown ("" when none): ok, soon, urgent, over
        self.badges = QHBoxLayout()
        self.badges.setSpacing(6)
        self.badge_labels: list[QLabel] = []
        self.readmission_flag = QLabel()
        self.readmission_flag.setObjectName("readmissionFlag")
        self.readmission_flag.setStyleSheet(READMISSION_STYLE)
        self.readmission_flag.setTextFormat(Qt.TextFormat.PlainText)
        self.readmission_flag.setToolTip(
            _("A readmission is an indicator of re-trafficking: plan protection with care.")
        )
        self.readmission_flag.setVisible(False)

        title_row = QHBoxLayout()
        title_row.addWidget(self.name_label)
        title_row.addSpacing(12)
        title_row.addWidget(self.code_label)
        title_row.addStretch(1)
        badge_row = QHBoxLayout()
        badge_row.addLayout(self.badges)
        badge_row.addStretch(1)
        text = QVBoxLayout()
        text.setSpacing(6)
        text.addLayout(title_row)
        text.addWidget(self.facts_label)
        text.addLayout(badge_row)
        presence_row = QHBoxLayout()
        presence_row.setSpacing(10)
        presence_row.addWidget(self.presence_label)
        presence_row.addWidget(self.stay_badge)
        presence_row.addStretch(1)
        text.addLayout(presence_row)
        text.addStretch(1)
        flag_box = QVBoxLayout()
        flag_box.addWidget(self.readmission_flag)
        flag_box.addStretch(1)
        self.side = QVBoxLayout()  # the window adds its document button here
        flag_box.addLayout(self.side)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(16)
        layout.addWidget(self.photo_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        layout.addLayout(flag_box)

    def load(self, record: ResidentRecord) -> None:
        self.name_label.setText(record.display_name)
        self.code_label.setText(record.code)
        self._load_photo(record)
        facts = []
        if record.age is not None:
            facts.append(_("{age} years old").format(age=record.age))
        facts.append(term(SEXES, record.person.sex))
        if record.ethnic_name:
            facts.append(_("{group} ethnic group").format(group=record.ethnic_name))
        self.facts_label.setText(" · ".join(facts))
        for label in self.badge_labels:
            self.badges.removeWidget(label)
            label.deleteLater()
        self.badge_labels = []
        if record.is_child:
            self.badge_labels.append(badge(_("Child"), CHILD_COLOURS, "childBadge"))
        elif record.is_minor:
            self.badge_labels.append(badge(_("Under 18"), CHILD_COLOURS, "minorBadge"))
        if FieldGroup.SCHOOLING in record.visible and record.person.is_pupil:
            self.badge_labels.append(badge(_("Pupil or student"), PUPIL_COLOURS, "pupilBadge"))
        if FieldGroup.LEGAL in record.visible:
            status = record.stay.victim_status
            colours = ("#7a4a00", "#fff1d6") if status is VictimStatus.UNDER_IDENTIFICATION else STATUS_COLOURS
            self.badge_labels.append(badge(term(VICTIM_STATUSES, status), colours, "statusBadge"))
        for label in self.badge_labels:
            self.badges.addWidget(label)
        if record.present:
            text = _("In the centre, {days} days").format(days=record.days_in_centre)
        else:
            text = _("Left on {date} after {days} days").format(
                date=format_date(record.discharged_at.astimezone().date() if record.discharged_at else None),
                days=record.days_in_centre,
            )
        self.presence_label.setText(text)
        self.readmission_flag.setVisible(record.is_readmission)
        if record.previous_code:
            self.readmission_flag.setText(_("Readmission (previous stay: {code})").format(code=record.previous_code))

    def set_stay_clock(self, clock: StayClock | None) -> None:
        """The stay-limit badge: days used against the limit, days left and the deadline, coloured by urgency
        and saying it in words; nothing once she has left (or without the clock)."""
        if clock is None or clock.level == "ended":
            self.stay_level = ""
            self.stay_badge.setVisible(False)
            return
        self.stay_level = clock.level
        fg, bg = CLOCK_COLOURS.get(clock.level, CLOCK_COLOURS["ok"])
        self.stay_badge.setStyleSheet(BADGE_STYLE.format(fg=fg, bg=bg))
        self.stay_badge.setText(clock_text(clock))
        self.stay_badge.setToolTip(_("Time limit of lodging: {basis}").format(basis=clock_basis(clock)))
        self.stay_badge.setVisible(True)

    def _load_photo(self, record: ResidentRecord) -> None:
        pixmap = QPixmap()
        self.has_photo = bool(record.photo) and pixmap.loadFromData(record.photo or b"")
        if self.has_photo:
            scaled = pixmap.scaled(
                *PHOTO_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            self.photo_label.setPixmap(scaled)
            self.photo_label.setToolTip(_("Photo kept with the person's consent."))
        else:
            self.photo_label.setPixmap(initials_pixmap(record.display_name))
            self.photo_label.setToolTip(_("No photo (a photo is kept only with consent)."))
