"""Wellbeing scales through the entry service on both databases: a complete PHQ-9 gets its total and band, an
incomplete one none, item 9 above 0 raises the alert (the entry's flag), wrong answers are refused with a message,
the scale must suit her age, a child under 11 gets a note without a scale; the trend of the scores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from centre_desk import i18n
from centre_desk.errors import ValidationErrors
from centre_desk.models.resident import Resident
from centre_desk.models.staff import Role
from centre_desk.security.access import Actor
from centre_desk.services.counselling import wellbeing
from centre_desk.services.entries.dto import EntryInput
from centre_desk.services.entries.kinds import kind
from tests.conftest import Installed
from tests.services.lodging.placement_support import staff
from tests.services.lodging.support import resident

pytestmark = pytest.mark.usefixtures("english")

WHEN = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
CODE = "wellbeing_score"


@pytest.fixture
def counsellor(installed: Installed) -> Actor:
    return staff(installed, Role.COUNSELLOR)


def person(installed: Installed, age: int | None = 25, name: str = "Giàng Thị Mai") -> int:
    """A resident of `age` (None: her age unknown, as in a record from before the age was asked)."""
    rid = resident(installed.centre, installed.manager, name, WHEN - timedelta(days=5),
                   birth_year=WHEN.year - (age or 25))  # fmt: skip
    if age is None:
        with installed.centre.sessions.begin() as s:
            s.execute(update(Resident).where(Resident.id == rid).values(birth_year=None, birth_date=None))
    return rid


def scale(instrument: str, answers: str, note: str = "", at: datetime = WHEN) -> EntryInput:
    return EntryInput(at, (("instrument", instrument), ("answers", answers), ("note", note)))


def test_a_complete_phq9_gets_its_total_and_band(installed: Installed, counsellor: Actor) -> None:
    rid = person(installed)
    row = installed.centre.entries.save(counsellor, CODE, rid, None, None, scale("PHQ-9", "2,2,1,2,1,1,1,1,0"))
    assert (row.value("total"), row.value("band"), row.value("alert"), row.flag) == (11, "moderate", False, False)
    assert row.value("scale_version") == "PHQ-9 (2001), English; vi draft 1"
    assert "11/27 – Moderate" in row.summary and row.summary.startswith("PHQ-9")


def test_an_incomplete_scale_has_no_total(installed: Installed, counsellor: Actor) -> None:
    rid = person(installed)
    row = installed.centre.entries.save(counsellor, CODE, rid, None, None, scale("PHQ-9", "3,3,3,-,3,3,3,3,-"))
    assert row.value("total") is None and row.value("band") == "" and not row.flag
    assert "7 of 9 answered: no total" in row.summary and "question 9 not asked" in row.summary


def test_item_9_above_0_raises_the_alert_and_the_flag(installed: Installed, counsellor: Actor) -> None:
    rid = person(installed)
    entries = installed.centre.entries
    row = entries.save(counsellor, CODE, rid, None, None, scale("PHQ-9", "0,0,0,0,0,-,0,0,1"))
    assert row.value("alert") is True and row.flag and row.value("total") is None
    assert row.summary.startswith("PHQ-9 · ⚠ Thoughts of self-harm: respond today")
    assert entries.page(counsellor, CODE, rid).rows[0].flag
    changed = entries.save(counsellor, CODE, rid, row.id, row.version, scale("PHQ-9", "0,0,0,0,0,0,0,0,0"))
    assert not changed.flag and changed.value("total") == 0 and changed.value("band") == "minimal"


@pytest.mark.parametrize(
    ("instrument", "answers", "field", "message"),
    [
        ("PHQ-9", "1,1,1", "answers", "PHQ-9 has 9 questions, not 3."),
        ("GAD-7", "1,1,1,1,1,1,1,1,1", "answers", "GAD-7 has 7 questions, not 9."),
        ("GAD-7", "1,1,4,1,1,1,1", "item_3", "Question 3: the answer must be 0, 1, 2 or 3."),
        ("GAD-7", "1,1,x,1,1,1,1", "item_3", "Question 3: the answer must be 0, 1, 2 or 3."),
        ("GAD-7", "", "answers", "GAD-7 has 7 questions, not 0."),
        ("GAD-7", "-,-,-,-,-,-,-", "answers", "No question is answered."),
        ("BDI-II", "1", "instrument", "Choose one of the values in the list."),
        ("", "1,2", "answers", "Answers need a scale: choose the scale first."),
    ],
)
def test_wrong_answers_are_refused_with_a_message(
    installed: Installed, counsellor: Actor, instrument: str, answers: str, field: str, message: str
) -> None:

    rid = person(installed)
    with pytest.raises(ValidationErrors) as refused:
        installed.centre.entries.save(counsellor, CODE, rid, None, None, scale(instrument, answers, "x"))
    assert (field, message) in refused.value.problems


def test_the_messages_are_in_vietnamese(installed: Installed, counsellor: Actor) -> None:
    rid = person(installed)
    i18n.install("vi")
    with pytest.raises(ValidationErrors) as refused:
        installed.centre.entries.save(counsellor, CODE, rid, None, None, scale("PHQ-9", "1,1,1"))
    assert list(refused.value.problems) == [("answers", "PHQ-9 có 9 câu hỏi, không phải 3.")]


def test_the_scale_must_suit_her_age(installed: Installed, counsellor: Actor) -> None:
    entries = installed.centre.entries
    girl = person(installed, 15, "Sùng Thị Dợ")
    with pytest.raises(ValidationErrors) as refused:
        entries.save(counsellor, CODE, girl, None, None, scale("PHQ-9", "0,0,0,0,0,0,0,0,0"))
    assert list(refused.value.problems) == [("instrument", "PHQ-9 does not suit a person of 15: use PHQ-A, GAD-7.")]
    assert entries.save(counsellor, CODE, girl, None, None, scale("PHQ-A", "1,1,1,1,1,1,1,1,1")).value("total") == 9
    unknown = person(installed, None, "Lò Thị Pà")
    assert entries.age_on(counsellor, CODE, unknown, WHEN.date()) is None
    assert entries.save(counsellor, CODE, unknown, None, None, scale("PHQ-9", "0,0,0,0,0,0,0,0,0")).value("total") == 0
    assert entries.age_on(counsellor, CODE, girl, WHEN.date()) in (14, 15)


def test_a_child_under_11_gets_a_note_without_a_scale(installed: Installed, counsellor: Actor) -> None:
    entries = installed.centre.entries
    child = person(installed, 9, "Vàng Thị Sua")
    with pytest.raises(ValidationErrors) as refused:
        entries.save(counsellor, CODE, child, None, None, scale("GAD-7", "0,0,0,0,0,0,0"))
    assert list(refused.value.problems) == [("instrument", "GAD-7 does not suit a child of 9: no scale in the program "
                                                     "does. Write a note without a scale.")]  # fmt: skip
    with pytest.raises(ValidationErrors) as refused:
        entries.save(counsellor, CODE, child, None, None, scale("", ""))
    assert [f for f, _m in refused.value.problems] == ["note"]
    row = entries.save(counsellor, CODE, child, None, None, scale("", "", "CRIES-8 trên giấy: 12 điểm"))
    assert row.value("total") is None and not row.flag
    assert row.summary == "Note without a scale · CRIES-8 trên giấy: 12 điểm"


def test_the_answers_text_round_trips() -> None:
    answers: list[int | None] = [0, 1, None, 3, 2]
    assert wellbeing.encode(answers) == "0,1,-,3,2" and wellbeing.decode("0,1,-,3,2") == answers
    assert wellbeing.decode("") == [] and wellbeing.decode("0, 7") == [0, wellbeing.INVALID]
    assert kind(CODE).field("instrument").choices[0] == ("PHQ-9", "PHQ-9")


def test_the_trend_has_each_scales_complete_scores(installed: Installed, counsellor: Actor) -> None:
    entries, counselling = installed.centre.entries, installed.centre.counselling
    rid = person(installed)
    for days, answers in ((21, "3,3,2,2,2,2,2,1,0"), (14, "2,2,1,2,1,1,1,1,0"), (7, "1,1,1,-,1,1,1,1,0"),
                          (1, "1,1,0,1,0,1,0,0,0")):  # fmt: skip
        entries.save(counsellor, CODE, rid, None, None, scale("PHQ-9", answers, at=WHEN - timedelta(days=days)))
    entries.save(counsellor, CODE, rid, None, None, scale("GAD-7", "1,1,1,1,1,1,1"))
    phq, gad = counselling.scale_trends(counsellor, rid)
    assert phq.instrument == "PHQ-9" and [p.total for p in phq.points] == [17, 11, 4]  # the incomplete one left out
    assert [b.code for b in phq.bands][-1] == "severe" and phq.max_total == 27
    assert gad.instrument == "GAD-7" and [(p.total, p.band) for p in gad.points] == [(7, "mild")]
