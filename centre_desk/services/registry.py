"""The resident registry: filtered, accent-proof, paged listing in Vietnamese order.

One SELECT per page (the latest admission joined by max(admission.id)), so a table of
100,000 residents stays smooth. Search folds case, accents and đ/Đ; an actor without
identity access can only match and see aliases and codes. Listings are audited once per
user action (the first page), never with the search text.
"""

from __future__ import annotations

import csv
import enum
import functools
import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from time import monotonic
from typing import Any, TextIO

from sqlalchemy import ColumnElement, Select, and_, exists, func, intersect, or_, select, text
from sqlalchemy.orm import Session, aliased, sessionmaker

from centre_desk.db.functions import occurs_in
from centre_desk.errors import PermissionDenied
from centre_desk.i18n import N_, _
from centre_desk.models.base import utcnow
from centre_desk.models.resident import Admission, Channel, Resident, VictimStatus
from centre_desk.models.resident_search import SUFFIX_LENGTH, ResidentSuffix, upper_bound
from centre_desk.security.access import SYSTEM, AccessControl, Actor
from centre_desk.security.audit import AuditLog
from centre_desk.security.permissions import Action, FieldGroup, allowed
from centre_desk.services import intake_terms as terms
from centre_desk.services.admission_input import ADULT_AGE, CHILD_AGE
from centre_desk.services.audit_view import safe_cell
from centre_desk.services.base import Service
from centre_desk.services.reference import ethnic_groups
from centre_desk.text import fold

log = logging.getLogger(__name__)

MAX_TOKENS = 12  # more words than anyone types; keeps the statement small whatever is pasted
MAX_PAGE = 1000
RARE_SHARE = 0.2  # a search word in fewer rows than this share is looked up in the suffix index
COUNT_LIMIT = 1000  # first_page counts up to here: beyond, the page shows "more than 1,000" (never 84,000 rows read)
WALK = 2000  # first_page reads this many residents in order before it looks for the matches another way


class Presence(enum.StrEnum):
    PRESENT = "present"  # the latest admission has not been discharged
    DISCHARGED = "discharged"
    ALL = "all"


class AgeBand(enum.StrEnum):
    ANY = "any"
    CHILD = "child"  # trẻ em: under 16 (Law on Children 2016)
    UNDER_18 = "under_18"  # người dưới 18 tuổi (Law 53/2024), children included


AGE_BAND_LIMITS = {AgeBand.CHILD: CHILD_AGE, AgeBand.UNDER_18: ADULT_AGE}
AGE_BAND_NAMES = {
    AgeBand.ANY: N_("Any age"),
    AgeBand.CHILD: N_("Children (under 16)"),
    AgeBand.UNDER_18: N_("Under 18"),
}
PRESENCE_NAMES = {
    Presence.PRESENT: N_("In the centre"),
    Presence.DISCHARGED: N_("Discharged"),
    Presence.ALL: N_("All"),
}
CHANNEL_NAMES = terms.CHANNELS
VICTIM_STATUS_NAMES = terms.VICTIM_STATUSES


def presence_name(value: Presence) -> str:
    return _(PRESENCE_NAMES[value])


def age_band_name(value: AgeBand) -> str:
    return _(AGE_BAND_NAMES[value])


def channel_name(value: Channel) -> str:
    return _(CHANNEL_NAMES[value])


def victim_status_name(value: str) -> str:
    try:
        return _(VICTIM_STATUS_NAMES[VictimStatus(value)])
    except ValueError:
        return value


@dataclass(frozen=True)
class RegistryFilter:
    search: str = ""
    presence: Presence = Presence.ALL
    age: AgeBand = AgeBand.ANY
    pupils_only: bool = False
    channel: Channel | None = None
    year: int | None = None  # arrival year (local time)


@dataclass(frozen=True)
class RegistryRow:
    resident_id: int
    code: str
    name: str  # the full name with identity access, else the alias
    alias: str
    sex: str
    birth_year: int | None
    age: int | None
    is_minor: bool  # under 18
    is_child: bool  # under 16
    is_pupil: bool
    ethnic_group: str
    home_commune: str  # "" without placement access
    home_province: str
    arrived_at: datetime | None  # UTC
    channel: Channel | None
    status: Presence  # PRESENT or DISCHARGED
    victim_status: str
    is_readmission: bool


def search_tokens(text: str) -> list[str]:
    """The folded words of a query: control characters separate, unpaired surrogates go."""
    cleaned = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text if unicodedata.category(ch) != "Cs"
    )
    unique = dict.fromkeys(fold(cleaned).split())
    return list(unique)[:MAX_TOKENS]


def age_on(birth_date: date | None, birth_year: int | None, today: date) -> int | None:
    if birth_date is not None:
        return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
    return None if birth_year is None else today.year - birth_year


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _local_new_year_utc(year: int) -> datetime:
    return datetime.combine(date(year, 1, 1), time.min).astimezone().astimezone(UTC)


@functools.cache
def _ethnic_names() -> dict[str, str]:
    return {g.code: g.name for g in ethnic_groups(include_foreign=True)}


_LATEST = (
    select(func.max(Admission.id)).where(Admission.resident_id == Resident.id).correlate(Resident).scalar_subquery()
)
# The same test written on the admission, so that a filter on the stay (present, year, channel) can start
# from the admission's own indexes (the partial ix_admission_present, arrived_at, channel) rather than
# visit every resident: "no later admission of the same resident".
_LATER = aliased(Admission)
_IS_LATEST = ~exists().where(_LATER.resident_id == Admission.resident_id, _LATER.id > Admission.id)
# Ties (the same folded name) in order of entry: the id is in the sort_key index, so a page deep
# in the list is read from the index alone (the code would need every row; see the report).
_ORDER = (Resident.sort_key, Resident.id)
_SAMPLE = 2000
_SAMPLE_SECONDS = 60.0


def _token_conditions(entity: Any, tokens: list[str], identity: bool) -> list[ColumnElement[bool]]:
    """Every folded token must occur in the searchable text.

    Without identity access only the alias and code may match: they end search_text (name, other
    names, alias, code), and folding keeps the length of Vietnamese letters.
    """
    haystack: Any = entity.search_text
    if not identity:
        start = func.length(entity.search_text) - func.length(entity.alias) - func.length(entity.code)
        haystack = func.substr(entity.search_text, start)
    return [occurs_in(token, haystack) for token in tokens]


def _with_stay(query: Select[Any], stay: list[ColumnElement[bool]], *, outer: bool) -> Select[Any]:
    """`query` joined to each resident's latest admission and filtered by `stay`.

    With conditions on the stay only residents with an admission can match, so an inner join that
    the planner may start from the admission side; else (columns wanted) the outer join by max(id).
    """
    if stay:
        return query.join(Admission, Admission.resident_id == Resident.id).where(_IS_LATEST, *stay)
    return query.outerjoin(Admission, Admission.id == _LATEST) if outer else query


def _suffix_matches(words: list[str], identity: bool) -> Select[Any]:
    """The ids of residents in whose words each of `words` occurs: B-tree ranges of the suffix index, intersected
    (index-only: no resident row is read)."""
    found = []
    for word in words:
        one = select(ResidentSuffix.resident_id).where(
            ResidentSuffix.suffix >= word[:SUFFIX_LENGTH], ResidentSuffix.suffix < upper_bound(word)
        )
        found.append(one if identity else one.where(ResidentSuffix.public.is_(True)))
    # a resident once, whatever number of her words begin with the word (INTERSECT keeps distinct rows too)
    return found[0].distinct() if len(found) == 1 else intersect(*found)  # type: ignore[return-value]


_ROW_COLUMNS = (
    Resident.id, Resident.code, Resident.full_name, Resident.alias, Resident.sex, Resident.birth_date,
    Resident.birth_year, Resident.is_pupil, Resident.ethnic_code, Resident.home_commune, Resident.home_province,
    Resident.previous_resident_id, Admission.arrived_at, Admission.channel, Admission.discharged_at,
    Admission.victim_status,
)  # fmt: skip


class RegistryService(Service):
    def __init__(
        self,
        sessions: sessionmaker[Session],
        read_sessions: sessionmaker[Session],
        audit: AuditLog,
        access: AccessControl,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(sessions, read_sessions, audit, access, clock)
        self._sample: tuple[float, tuple[list[str], list[str]], int] = (-1e9, ([], []), 0)  # see _dense

    # --- public -------------------------------------------------------------------------------------------------

    def count(self, actor: Actor, f: RegistryFilter) -> int:
        """How many residents match (not audited: the first page of the same action is)."""
        with self._read() as s:
            identity = self._identity(self._checked(s, actor))
            return self._count(s, f, identity)

    def page(self, actor: Actor, f: RegistryFilter, offset: int, limit: int) -> list[RegistryRow]:
        """Rows [offset, offset + limit) in Vietnamese order; the first page audits `resident.listed`."""
        offset, limit = max(0, offset), max(0, min(limit, MAX_PAGE))
        # Read without the write lock (other computers keep admitting while someone types) …
        with self._read() as s:
            rows = self._rows(s, self._checked(s, actor), f, offset, limit)
        if offset == 0:  # … and audit the user's action in a short write transaction of its own
            self._audit_listing(actor)
        return rows

    def _audit_listing(self, actor: Actor) -> None:
        with self._access.unit(actor, Action.VIEW, FieldGroup.PLACEMENT, record_type="resident") as (s, current):
            self._audit.record(s, current, "resident.listed", record_type="resident", field_group=FieldGroup.PLACEMENT)

    def first_page(self, actor: Actor, f: RegistryFilter, limit: int) -> tuple[int, list[RegistryRow]]:
        """The count, exact up to COUNT_LIMIT (else COUNT_LIMIT + 1: "more than 1,000"), and the first page, as the
        Residents page asks for them on every search. Audited like page(…, 0, …).

        A common word or a broad filter: the page from a short walk of the sort_key index, the count stopped at
        the bound; few matches: read once (from the suffix index or the stay's indexes) for both.
        """
        limit = max(0, min(limit, MAX_PAGE))
        # one transaction for the reading and its audit row (the write lock is held for the ~10 ms of a search)
        with self._access.unit(actor, Action.VIEW, FieldGroup.PLACEMENT, record_type="resident") as (s, current):
            identity = self._identity(current)
            rare = self._narrowing(s, search_tokens(f.search), identity)
            walked = None if rare else self._walked(s, f, identity, limit)
            if walked is not None:  # a common word or a broad filter: the page found among the first residents in order
                count, which = self._count(s, f, identity, COUNT_LIMIT + 1), Resident.id.in_(walked)
            else:  # few matches (or none): read them once, for the count and the page alike
                found = list(s.scalars(self._select(s, f, identity, Resident.id).limit(COUNT_LIMIT + 1)))
                count = len(found)
                page = select(Resident.id).where(Resident.id.in_(found)).order_by(*_ORDER).limit(limit)
                which = Resident.id.in_(page.scalar_subquery())
            if count > COUNT_LIMIT and walked is None:  # many, spread thin: sorted by the plan of page()
                rows = self._rows(s, current, f, 0, limit)
            else:
                rows = self._fetch(s, current, which) if count and limit else []
            self._audit.record(s, current, "resident.listed", record_type="resident", field_group=FieldGroup.PLACEMENT)
        return count, rows

    def _walked(self, s: Session, f: RegistryFilter, identity: bool, limit: int) -> list[int] | None:
        """The ids of the first page when the first WALK residents in order hold `limit` matches (a common word, a
        broad filter: a short walk of the sort_key index, stopped early), else None (few matches: find them first)."""
        if limit == 0 or limit > WALK:
            return None
        if s.get_bind().dialect.name == "postgresql":  # this transaction only: with the default 4, PostgreSQL
            s.execute(text("SET LOCAL random_page_cost = 1.1"))  # hashed the walk against a scan of every resident
        first = select(Resident.id, Resident.sort_key).order_by(*_ORDER).limit(WALK).subquery()
        query = self._select(s, f, identity, Resident.id, walk=True).join(first, first.c.id == Resident.id)
        found = list(s.scalars(query.order_by(first.c.sort_key, first.c.id).limit(limit)))
        return found if len(found) == limit else None

    def export_csv(self, actor: Actor, f: RegistryFilter, out: TextIO) -> int:
        """Code, alias or name (by permission), birth year, status as CSV; returns the row count."""
        with self._access.unit(actor, Action.VIEW, FieldGroup.PLACEMENT, record_type="resident") as (s, current):
            identity = self._identity(current)
            writer = csv.writer(out)
            writer.writerow([_("Code"), _("Full name") if identity else _("Alias"), _("Year of birth"), _("Status")])
            today = self._today()
            count = 0
            for values in s.execute(self._select(s, f, identity, *_ROW_COLUMNS).order_by(*_ORDER)):
                row = self._row(values, identity, True, today)
                year = "" if row.birth_year is None else str(row.birth_year)
                writer.writerow([safe_cell(row.code), safe_cell(row.name), year, presence_name(row.status)])
                count += 1
            self._audit.record(s, current, "resident.exported_list", record_type="resident", record_id=count,
                               field_group=FieldGroup.PLACEMENT)  # fmt: skip
            return count

    def shows_names(self, actor: Actor) -> bool:
        """Whether rows carry full names (for the page's column titles)."""
        return self._identity(actor)

    # --- queries ------------------------------------------------------------------------------------------------

    def _checked(self, s: Session, actor: Actor) -> Actor:
        """The current actor, checked for VIEW on PLACEMENT inside a read transaction (no write lock)."""
        try:
            current = self._access.current(s, actor)
        except PermissionDenied:
            current = replace(actor, roles=frozenset())  # disabled: refused (and audited) below
        if current is not SYSTEM and not allowed(current.roles, Action.VIEW, FieldGroup.PLACEMENT):
            s.rollback()
            self._access.require(actor, Action.VIEW, FieldGroup.PLACEMENT)  # audits the refusal and raises
            raise PermissionDenied(_("Your account is not allowed to do this."))  # pragma: no cover
        return current

    @staticmethod
    def _identity(actor: Actor) -> bool:
        return actor is SYSTEM or allowed(actor.roles, Action.VIEW, FieldGroup.IDENTITY)

    def _today(self) -> date:
        return self._clock().astimezone().date()

    def _rows(self, s: Session, current: Actor, f: RegistryFilter, offset: int, limit: int) -> list[RegistryRow]:
        """One page: first the ids in order (cheap, index-only where possible), then their rows."""
        identity = self._identity(current)
        tokens = search_tokens(f.search)
        ids = _with_stay(select(Resident.id).select_from(Resident), self._stay_conditions(f), outer=False)
        ids = ids.where(*self._person_conditions(f))
        rare = self._narrowing(s, tokens, identity)
        if rare:  # found in the suffix index; the page sorted from the few matches or read off the sort_key index
            ids = ids.where(*self._token_filter(tokens, rare, identity))
        elif tokens and not self._dense(s, tokens, identity, offset + limit):
            # Few matches: collect them from the suffix index (or the covering index on search_text), then sort.
            matching = aliased(Resident)
            ids = ids.where(Resident.id.in_(select(matching.id).where(*_token_conditions(matching, tokens, identity))))
        else:
            # Many matches (or none asked): walk the sort_key index and stop after the page.
            ids = ids.where(*_token_conditions(Resident, tokens, identity))
        ids = ids.order_by(*_ORDER).offset(offset).limit(limit)
        return self._fetch(s, current, Resident.id.in_(ids.correlate(None).scalar_subquery()))

    def _fetch(self, s: Session, current: Actor, which: ColumnElement[bool]) -> list[RegistryRow]:
        """The rows of the residents `which` selects, in Vietnamese order."""
        identity = self._identity(current)
        placement = current is SYSTEM or allowed(current.roles, Action.VIEW, FieldGroup.PLACEMENT)
        query = (
            select(*_ROW_COLUMNS)
            .select_from(Resident)
            .outerjoin(Admission, Admission.id == _LATEST)
            .where(which)
            .order_by(*_ORDER)
        )
        today = self._today()
        return [self._row(values, identity, placement, today) for values in s.execute(query)]

    def _sampled(self, s: Session, identity: bool) -> tuple[list[str], int]:
        """The searchable text of the newest rows (an unbiased sample by name) and the table's size,
        read at most once a minute and kept in memory."""
        read_at, (names, ends), total = self._sample
        if monotonic() - read_at > _SAMPLE_SECONDS:
            rows = s.execute(
                select(Resident.search_text, Resident.alias, Resident.code).order_by(Resident.id.desc()).limit(_SAMPLE)
            ).all()
            total = s.scalar(select(func.max(Resident.id))) or 0  # an estimate is enough here, and instant
            names = [text for text, _alias, _code in rows]
            ends = [text[len(text) - len(alias) - len(code) - 1 :] for text, alias, code in rows]
            self._sample = (monotonic(), (names, ends), total)
        return (names if identity else ends), total

    def _dense(self, s: Session, tokens: list[str], identity: bool, needed: int) -> bool:
        """Whether walking the rows in order finds `needed` matches sooner than sorting all matches.

        Walking reads needed / share rows, sorting reads every match: walk when matches² > needed × rows.
        """
        candidates, total = self._sampled(s, identity)
        sampled = max(min(total, len(candidates)), 1)
        for token in tokens:  # one list comprehension per token: ~0.1 ms for 2,000 rows
            candidates = [text for text in candidates if token in text]
        hits = len(candidates)
        if not hits:
            return False
        matches = total * hits / sampled
        return matches * matches > 8 * needed * total  # 8: sorting a few thousand matches in SQL is cheap

    def _narrowing(self, s: Session, tokens: list[str], identity: bool) -> list[str]:
        """The search words the suffix index finds in few rows (for common words a scan is as quick)."""
        if not tokens:
            return []
        sample, total = self._sampled(s, identity)
        most = RARE_SHARE * max(min(total, len(sample)), 1)
        return [token for token in tokens if sum(token in text for text in sample) <= most]

    @staticmethod
    def _token_filter(tokens: list[str], rare: list[str], identity: bool) -> list[ColumnElement[bool]]:
        """The suffix index for the rare words (exact up to SUFFIX_LENGTH letters), substring tests for the rest."""
        checked = [token for token in tokens if token not in rare or len(token) > SUFFIX_LENGTH]
        found = [Resident.id.in_(_suffix_matches(rare, identity))] if rare else []
        return found + _token_conditions(Resident, checked, identity)

    def _count(self, s: Session, f: RegistryFilter, identity: bool, bound: int | None = None) -> int:
        """How many match, up to `bound` when given (the planner stops there); a search on rare words alone is
        counted in the suffix index without reading residents."""
        tokens = search_tokens(f.search)
        rare = self._narrowing(s, tokens, identity)
        only_words = not self._person_conditions(f) and not self._stay_conditions(f)
        if rare and only_words and not self._token_filter(tokens, rare, identity)[1:]:
            found: Any = _suffix_matches(rare, identity)
        else:
            found = self._select(s, f, identity, Resident.id)
        if bound is not None:
            found = found.limit(bound)
        return int(s.scalar(select(func.count()).select_from(found.subquery())) or 0)

    def _select(self, s: Session, f: RegistryFilter, identity: bool, *columns: Any, walk: bool = False) -> Select[Any]:
        """The matching residents; `walk`: reached from the resident (the stay by its id), never from the stay's
        indexes (for a walk of the sort_key index)."""
        needs_stay = any(getattr(column, "table", None) is Admission.__table__ for column in columns)
        stay = self._stay_conditions(f)
        if walk and stay:
            query = select(*columns).select_from(Resident).join(Admission, Admission.id == _LATEST).where(*stay)
        else:
            query = _with_stay(select(*columns).select_from(Resident), stay, outer=needs_stay)
        tokens = search_tokens(f.search)
        words = self._token_filter(tokens, self._narrowing(s, tokens, identity), identity)
        return query.where(*words, *self._person_conditions(f))

    def _person_conditions(self, f: RegistryFilter) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        limit = AGE_BAND_LIMITS.get(f.age)
        if limit is not None:  # younger than `limit` years today, as age_on counts
            today = self._today()
            found.append(
                or_(
                    Resident.birth_date > _years_before(today, limit),
                    and_(Resident.birth_date.is_(None), Resident.birth_year > today.year - limit),
                )
            )
        if f.pupils_only:
            found.append(Resident.is_pupil.is_(True))
        return found

    @staticmethod
    def _stay_conditions(f: RegistryFilter) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if f.presence is Presence.PRESENT:
            found.append(Admission.discharged_at.is_(None))
        elif f.presence is Presence.DISCHARGED:
            found.append(Admission.discharged_at.is_not(None))
        if f.channel is not None:
            found.append(Admission.channel == str(f.channel))
        if f.year is not None and 1 <= f.year < 9999:
            found.append(Admission.arrived_at >= _local_new_year_utc(f.year))
            found.append(Admission.arrived_at < _local_new_year_utc(f.year + 1))
        return found

    @staticmethod
    def _row(values: Any, identity: bool, placement: bool, today: date) -> RegistryRow:
        (rid, code, full_name, alias, sex, birth_date, birth_year, is_pupil, ethnic, commune, province, previous,
         arrived, channel, discharged, victim_status) = values  # fmt: skip
        age = age_on(birth_date, birth_year, today)
        try:
            channel_value = None if channel is None else Channel(channel)
        except ValueError:
            channel_value = None
        return RegistryRow(
            resident_id=rid,
            code=code,
            name=full_name if identity else alias,
            alias=alias,
            sex=sex,
            birth_year=birth_year,
            age=age,
            is_minor=age is not None and age < ADULT_AGE,
            is_child=age is not None and age < CHILD_AGE,
            is_pupil=bool(is_pupil),
            ethnic_group=_ethnic_names().get(ethnic, ethnic),
            home_commune=commune if placement else "",
            home_province=province if placement else "",
            arrived_at=arrived,
            channel=channel_value,
            status=Presence.DISCHARGED if discharged is not None else Presence.PRESENT,
            victim_status=victim_status or "",
            is_readmission=previous is not None,
        )
