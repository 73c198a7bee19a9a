"""Page 10: a readable summary of everything, and the earlier stays that may be the same person."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from centre_desk.errors import UserError
from centre_desk.formatting import format_date
from centre_desk.i18n import N_, _
from centre_desk.models.resident import Channel, IdDocument, Sex, VictimStatus
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import ResidentInput
from centre_desk.services.admissions import PossibleMatch
from centre_desk.ui.admissions.fields import ERROR_STYLE, WizardPage, text_of
from centre_desk.ui.admissions.payload import (
    CHANNEL_LABELS,
    ID_LABELS,
    SEX_LABELS,
    Payload,
    age_from,
    arrival_of,
    person_of,
)
from centre_desk.ui.login.parts import hint_label
from centre_desk.ui.widgets.table_model import Column, RowTableModel, read_only_table

FindMatches = Callable[[ResidentInput], list[PossibleMatch]]
Jump = Callable[[str], None]
LINK_STYLE = (
    "QPushButton { text-align: left; border: none; padding: 2px 4px; color: #0b57d0; text-decoration: underline; }"
    "QPushButton:focus { background: #e8f0fe; outline: 1px dotted #0b57d0; }"
)


def match_columns() -> list[Column[PossibleMatch]]:
    return [
        Column(_("Code"), lambda m: m.code),
        Column(_("Full name"), lambda m: m.full_name),
        Column(_("Born"), lambda m: m.birth_year, Qt.AlignmentFlag.AlignRight),
        Column(_("Commune"), lambda m: m.home_commune),
        Column(_("Arrived"), lambda m: format_date(m.arrived_at.astimezone().date()) if m.arrived_at else ""),
    ]


def _label(vocabulary: terms.Terms, keys: object) -> str:
    wanted = keys if isinstance(keys, list) else []
    return ", ".join(terms.labels(vocabulary, [k for k in vocabulary if k in wanted]))


def _rows(payload: Payload, key: str) -> list[list[str]]:
    rows = payload.get(key, [])
    return [[str(c) for c in r] for r in rows if isinstance(r, list) and any(str(c).strip() for c in r)]


def summary_html(payload: Payload) -> str:
    """Everything typed, section by section, as a simple two-column HTML table."""
    t = lambda key: text_of(payload, key)  # noqa: E731
    yes_no = lambda key: _("Yes") if payload.get(key) is True else _("No")  # noqa: E731
    try:
        arrived = arrival_of(payload).strftime("%d/%m/%Y %H:%M")
    except UserError:
        arrived = t("arrived_at")
    commune = t("home_commune")
    if t("legacy_commune"):
        commune = _("{new} (formerly: {old})").format(new=commune, old=t("legacy_commune"))
    channel = CHANNEL_LABELS.get(Channel(t("channel")), "") if t("channel") in set(Channel) else ""
    birth = {"exact": t("birth_date"), "year": t("birth_year")}.get(t("birth_mode") or "exact", "")
    if t("birth_mode") == "age":
        birth = _("about {age} years old").format(age=t("estimated_age"))
    age = age_from(payload)
    if age is not None:
        birth = f"{birth} ({_('{age} at arrival').format(age=age)})"
    sex = _(SEX_LABELS[Sex(t("sex"))]) if t("sex") in set(Sex) else ""
    paper = _(ID_LABELS[IdDocument(t("id_document"))]) if t("id_document") in set(IdDocument) else ""
    status = (
        _("Confirmed victim: {number}, {date}, {body}").format(
            number=t("status_number"), date=t("status_date"), body=t("status_issuer")
        )
        if t("victim_status") == VictimStatus.CONFIRMED
        else _("Under identification")
    )
    consents = payload.get("consents", {})
    consent_lines = []
    for kind, text in terms.CONSENT_KINDS.items():
        entry = consents.get(kind) if isinstance(consents, dict) else None
        if isinstance(entry, dict) and entry.get("recorded"):
            answer = _("given") if entry.get("given") else _("refused")
            consent_lines.append(f"{_(text)}: {answer} {entry.get('on', '')} {entry.get('by', '')}".strip())
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (_("Arrival"), [
            (_("Arrived at"), arrived), (_("Channel"), _(channel) if channel else ""),
            (_("Referring agency and officer"), ", ".join(x for x in (t("referring_agency"), t("referring_officer"),
                                                      t("referring_phone")) if x)),
            (_("Documents received"), _label(terms.DOSSIER_ITEMS, payload.get("documents_received"))),
        ]),
        (_("Identity"), [
            (_("Full name"), t("full_name")), (_("Other names"), t("other_names")), (_("Alias"), t("alias")),
            (_("Sex"), sex), (_("Birth"), birth), (_("Ethnicity"), t("ethnic")),
            (_("Mother tongue"), t("mother_tongue")), (_("Nationality"), t("nationality")),
            (_("Identity paper"), f"{paper} {t('id_number')}".strip()),
        ]),
        (_("Home and family"), [
            (_("Place of residence"), ", ".join(x for x in (t("home_village"), commune, t("home_province")) if x)),
            (_("Guardian"), ", ".join(x for x in (t("guardian_name"), t("guardian_relation"),
                                                   t("guardian_phone")) if x)),
            (_("Other contacts"), "; ".join(", ".join(c for c in r if c) for r in _rows(payload, "contacts"))),
        ]),
        (_("Schooling"), [
            (_("Pupil or student"), yes_no("is_pupil")),
            (_("School"), ", ".join(x for x in (t("school_name"), t("school_grade")) if x)),
        ]),
        (_("Trafficking experience"), [
            (_("Where"), ", ".join(x for x in (t("exploitation_place"), t("exploitation_country")) if x)),
            (_("Types of exploitation"), _label(terms.EXPLOITATION_TYPES, payload.get("exploitation_types"))),
            (_("Means of control"), _label(terms.CONTROL_MEANS, payload.get("control_means"))),
            (_("Left home / returned"), " – ".join(x for x in (t("left_home_on"), t("returned_on")) if x)),
        ]),
        (_("Status"), [(_("Status"), status), (_("Under 18, accompanying a victim"), yes_no("accompanying_child"))]),
        (_("Consent"), [(_("Recorded"), "; ".join(consent_lines))]),
        (_("Belongings"), [
            (_("Items"), "; ".join(f"{r[0]} × {r[1] or 1}" for r in _rows(payload, "belongings"))),
            (_("Money (đồng)"), t("money_vnd")), (_("Other currencies"), t("money_other")),
        ]),
        (_("Initial condition"), [(_("Urgent needs"), t("urgent_needs"))]),
    ]  # fmt: skip
    parts = ["<table cellspacing='0' cellpadding='3' width='100%'>"]
    for title, rows in sections:
        parts.append(f"<tr><td colspan='2'><b>{html.escape(title)}</b></td></tr>")
        for name, value in rows:
            shown = html.escape(value) if value.strip() else "<span style='color:#888'>—</span>"
            parts.append(f"<tr><td width='30%' style='color:#555'>{html.escape(name)}</td><td>{shown}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


class ProblemLinks(QWidget):
    """Every problem left, each a link (Tab reaches it, Enter or Space follows it) to its field."""

    def __init__(self, jump: Jump, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._jump = jump
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.links: list[QPushButton] = []
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 6)
        self.column.setSpacing(0)
        self.column.addWidget(self.title)

    def show_problems(self, problems: Sequence[tuple[str, str]]) -> None:
        """`problems`: (field, "Page › Field: message") in the order of the form."""
        for link in self.links:
            self.column.removeWidget(link)
            link.deleteLater()
        self.links = []
        if not problems:
            self.title.setText(_("Nothing left to correct: the admission can be saved."))
            self.title.setStyleSheet("color: #1e6b34; font-weight: bold;")
            return
        self.title.setText(
            _("To correct before saving ({count}): each line goes to its field.").format(count=len(problems))
        )
        self.title.setStyleSheet(ERROR_STYLE + " font-weight: bold;")
        for field, text in problems:
            link = QPushButton(text.replace("&", "&&"))  # words, not access keys
            link.setObjectName("problemLink")
            link.setStyleSheet(LINK_STYLE)
            link.setCursor(Qt.CursorShape.PointingHandCursor)
            link.clicked.connect(lambda _checked=False, f=field: self._jump(f))
            self.column.addWidget(link)
            link.show()  # now, not on the next turn of the event loop: it may take the focus at once
            self.links.append(link)


class ReviewPage(WizardPage):
    title = N_("Review and save")

    def __init__(self, find_matches: FindMatches, jump: Jump, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._find = find_matches
        self.problems = ProblemLinks(jump)
        self.outer.addWidget(self.problems)
        self.summary = QTextBrowser()
        self.summary.setMinimumHeight(300)
        self.summary.setOpenLinks(False)
        self.outer.addWidget(self.summary, 3)
        self.matches_title = QLabel()
        self.matches_title.setWordWrap(True)
        self.matches_title.setStyleSheet("font-weight: bold;")
        self.outer.addWidget(self.matches_title)
        self.model: RowTableModel[PossibleMatch] = RowTableModel(match_columns(), self)
        self.proxy, self.matches = read_only_table(self.model, self)
        self.matches.setMinimumHeight(90)
        self.matches.setMaximumHeight(150)
        self.matches.setTabKeyNavigation(False)
        self.matches.horizontalHeader().setStretchLastSection(True)
        self.matches.setColumnWidth(0, 130)
        self.matches.setColumnWidth(1, 240)
        self.outer.addWidget(self.matches, 1)
        self.same_person = QCheckBox(_("This is the &same person as the selected earlier stay (a readmission)"))
        self.outer.addWidget(self.same_person)
        self.outer.addWidget(hint_label(_("Press Save (Ctrl+Enter) to admit her or him; the draft is then removed.")))
        self.linked_id: int | None = None
        self.same_person.toggled.connect(self._on_same_person_toggled)
        self.matches.selectionModel().currentRowChanged.connect(self._on_same_person_toggled)

    def enter(self, payload: Payload) -> None:
        self.summary.setHtml(summary_html(payload))
        try:
            found = self._find(person_of(payload))
        except UserError:
            found = []
        self.model.set_rows(found)
        self.matches.setVisible(bool(found))
        self.same_person.setVisible(bool(found))
        if found:
            self.matches_title.setText(_("Earlier stays that may be the same person:"))
            wanted = payload.get("previous_resident_id")
            row = next((i for i, m in enumerate(found) if m.resident_id == wanted), 0)
            source = self.model.index(row, 0)
            self.matches.selectionModel().setCurrentIndex(
                self.proxy.mapFromSource(source),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.same_person.setChecked(isinstance(wanted, int) and any(m.resident_id == wanted for m in found))
        else:
            self.matches_title.setText(_("No earlier stay of the same person was found."))
            self.same_person.setChecked(False)
        self._on_same_person_toggled()

    def _on_same_person_toggled(self, *_args: object) -> None:
        index = self.matches.currentIndex()
        if self.same_person.isChecked() and index.isValid():
            self.linked_id = self.model.row(self.proxy.mapToSource(index).row()).resident_id
        else:
            self.linked_id = None
        self._emit_changed()

    def values(self) -> Payload:
        return {"previous_resident_id": self.linked_id}

    def _load(self, payload: Payload) -> None:
        previous = payload.get("previous_resident_id")
        self.linked_id = previous if isinstance(previous, int) else None
