"""The main window's pages, built for the signed-in actor. Imported on a worker thread while the sign-in window
is up (app.start_preloading): the pages and the services behind them are not needed to draw the sign-in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget

from centre_desk.i18n import _
from centre_desk.security.actor import Actor
from centre_desk.security.permissions import Action, FieldGroup
from centre_desk.services.installation import Centre
from centre_desk.ui.activities.page import ActivitiesPage
from centre_desk.ui.administration.audit.page import AuditPage
from centre_desk.ui.administration.backup.page import BackupPage
from centre_desk.ui.administration.centre_settings.page import CentreSettingsPage
from centre_desk.ui.administration.holidays.page import HolidaysPage
from centre_desk.ui.administration.users.page import UsersPage
from centre_desk.ui.documents.register_page import RegisterPage
from centre_desk.ui.entries.glass_review import GlassReviewPage
from centre_desk.ui.events import AppEvents
from centre_desk.ui.follow_up.page import FollowUpPage
from centre_desk.ui.health.today_page import HealthTodayPage
from centre_desk.ui.lodging.census import CensusView
from centre_desk.ui.lodging.page import LodgingPage
from centre_desk.ui.lodging.rooms_admin import RoomsAdminPage
from centre_desk.ui.payments.page import PaymentsPage
from centre_desk.ui.shell.main_window import PageSpec
from centre_desk.ui.shell.overview import OverviewPage
from centre_desk.ui.shell.overview_casework import casework_sources
from centre_desk.ui.shell.placeholder import NOT_YET_RECORDED, PlaceholderPage
from centre_desk.ui.shell.residents import ResidentsFlow

if TYPE_CHECKING:
    from centre_desk.ui.shell.desktop import DesktopSession


def build_pages(centre: Centre, actor: Actor, events: AppEvents, session: DesktopSession) -> list[PageSpec]:
    """Every page of the main window, given the signed-in actor's permissions."""
    overview = OverviewPage(actor, centre.centre_name(), centre.overview, events, centre.lodging, centre.health,
                            casework_sources(centre, actor))  # fmt: skip
    pages = [PageSpec("overview", _("Overview"), overview)]
    if actor.can(Action.VIEW, FieldGroup.PLACEMENT):
        session.residents = ResidentsFlow(centre, actor, events, session.settings)
        overview.open_record.connect(session.residents.show_record)
        pages.append(PageSpec("residents", _("Residents"), session.residents.page))
    if actor.can(Action.VIEW, FieldGroup.REGISTER):
        pages.append(PageSpec("register", _("Outgoing documents"), RegisterPage(centre.documents, actor)))
    if actor.can(Action.VIEW, FieldGroup.LODGING):
        session.lodging = LodgingPage(centre.lodging, actor, events)
        census = CensusView(centre.lodging, actor, events)
        if session.residents is not None:
            census.open_record.connect(session.residents.show_record)
        session.lodging.add_view(census, _("&Census"))
        pages.append(PageSpec("rooms", _("Rooms"), session.lodging))
    if actor.can(Action.VIEW, FieldGroup.HEALTH) and actor.can(Action.VIEW, FieldGroup.LODGING):
        health = HealthTodayPage(centre.health, centre.entries, actor, events)
        if session.residents is not None:
            health.open_record.connect(session.residents.show_record)
        pages.append(PageSpec("health", _("Health"), health))
    if actor.can(Action.VIEW, FieldGroup.ACTIVITIES):
        pages.append(PageSpec("activities", _("Group sessions"), ActivitiesPage(centre.activities, actor, events)))
    if actor.can(Action.VIEW, FieldGroup.FOLLOW_UP):
        follow_up = FollowUpPage(centre.follow_up, actor)
        residents = session.residents
        if residents is not None:
            follow_up.open_record.connect(lambda rid: residents.show_record(rid).show_entry_tab("follow_up"))
        pages.append(PageSpec("follow_up", _("Follow-up"), follow_up))
    if actor.can(Action.VIEW, FieldGroup.PAYMENTS):
        payments = PaymentsPage(centre.payments, centre.payment_papers, actor, events)
        pages.append(PageSpec("payments", _("Support payments"), payments))
    pages += [
        PageSpec(key, _(title), PlaceholderPage(_(title), _(text))) for key, (title, text) in NOT_YET_RECORDED.items()
    ]
    admin = QTabWidget()
    admin.setObjectName("administrationTabs")
    if actor.can(Action.VIEW, FieldGroup.STAFF):
        admin.addTab(UsersPage(centre.accounts, actor, events), _("Staff accounts"))
    if actor.can(Action.VIEW, FieldGroup.SYSTEM):
        admin.addTab(CentreSettingsPage(centre.settings, actor, events), _("Centre details"))
    if actor.can(Action.ADMINISTER, FieldGroup.LODGING):
        admin.addTab(RoomsAdminPage(centre.lodging, actor, events), _("Rooms and beds"))
    if actor.can(Action.ADMINISTER, FieldGroup.DISCHARGE):
        admin.addTab(HolidaysPage(centre.holidays, actor, events), _("Public holidays"))
    if actor.can(Action.VIEW, FieldGroup.AUDIT):
        admin.addTab(AuditPage(centre.audit_view, actor, events), _("Audit trail"))
        admin.addTab(GlassReviewPage(centre.entries, actor, events), _("Restricted entries opened"))
    if actor.can(Action.ADMINISTER, FieldGroup.SYSTEM):
        backup_page = BackupPage(centre.backups, actor, events)
        backup_page.restore_requested.connect(session.request_restore)
        admin.addTab(backup_page, _("Backups"))
    if admin.count():
        pages.append(PageSpec("administration", _("Administration"), admin))
    return pages
