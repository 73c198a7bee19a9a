"""The legal-aid kinds' hooks as pure functions: the consent rule, the dates in order, the flags, the summaries."""

from __future__ import annotations

from datetime import date

import pytest

from centre_desk.services.entries.fields import Value
from centre_desk.services.entries.kinds import Context
from centre_desk.services.legal import rules
from centre_desk.services.legal.kinds import AID_CASE, INFO_SESSION, PAPER, STEP

ON = date(2026, 11, 3)
CTX = Context(age_years=19, sex="female", pregnant=False, on=ON)


def case(**changes: Value) -> dict[str, Value]:
    values = {f.name: f.empty() for f in AID_CASE.fields} | {"matter": "identity", "request": "Làm thẻ căn cước"}
    return values | changes


def paper(**changes: Value) -> dict[str, Value]:
    return {f.name: f.empty() for f in PAPER.fields} | {"paper": "birth_certificate"} | changes


def step(**changes: Value) -> dict[str, Value]:
    return {f.name: f.empty() for f in STEP.fields} | {"authority": "court", "step": "hearing"} | changes


def fields(problems: list[tuple[str, str]]) -> list[str]:
    return [name for name, _message in problems]


# ------------------------------------------------------------------------------------ the consent rule


@pytest.mark.parametrize("provider", ["state_centre", "lawyer", "ngo", "other"])
@pytest.mark.parametrize("consent", ["not_asked", "refused"])
def test_in_progress_outside_the_centre_needs_her_consent(provider: str, consent: str) -> None:
    day = None if consent == "not_asked" else ON
    problems = AID_CASE.check(case(status="in_progress", provider_type=provider, consent=consent, consent_on=day),
                              CTX)  # fmt: skip
    assert fields(problems) == ["status"]
    assert "consent" in problems[0][1] and "outside the centre" in problems[0][1]


def test_in_progress_with_her_consent_or_with_the_centres_own_staff() -> None:
    assert AID_CASE.check(case(status="in_progress", consent="given", consent_on=ON), CTX) == []
    assert AID_CASE.check(case(status="in_progress", provider_type="centre"), CTX) == []


def test_requested_or_closed_need_no_consent() -> None:
    assert AID_CASE.check(case(status="requested"), CTX) == []
    closed = case(status="closed", consent="refused", consent_on=ON, closed_on=ON, outcome="Em không đồng ý")
    assert AID_CASE.check(closed, CTX) == []


def test_her_answer_has_a_date_and_no_answer_has_none() -> None:
    assert fields(AID_CASE.check(case(consent="given"), CTX)) == ["consent_on"]
    assert fields(AID_CASE.check(case(consent="refused"), CTX)) == ["consent_on"]
    assert fields(AID_CASE.check(case(consent="not_asked", consent_on=ON), CTX)) == ["consent_on"]


def test_a_closed_case_has_its_date_after_the_request_and_its_outcome() -> None:
    assert fields(AID_CASE.check(case(status="closed"), CTX)) == ["closed_on", "outcome"]
    early = case(status="closed", closed_on=date(2026, 11, 2), outcome="Xong", provider_type="centre")
    assert fields(AID_CASE.check(early, CTX)) == ["closed_on"]
    assert AID_CASE.check(case(status="closed", closed_on=ON, outcome="Xong", provider_type="centre"), CTX) == []
    assert fields(AID_CASE.check(case(closed_on=ON), CTX)) == ["closed_on"]  # not closed


def test_an_interpreter_arranged_is_named() -> None:
    assert fields(AID_CASE.check(case(interpreter=True), CTX)) == ["interpreter_details"]
    assert AID_CASE.check(case(interpreter=True, interpreter_details="Vàng Thị Pà, tiếng Mông"), CTX) == []


def test_the_case_is_flagged_until_her_consent_is_asked() -> None:
    assert AID_CASE.flag(case())
    assert not AID_CASE.flag(case(consent="given", consent_on=ON))
    assert not AID_CASE.flag(case(provider_type="centre"))
    assert not AID_CASE.flag(case(status="closed"))


def test_case_summary() -> None:
    values = case(status="closed", closed_on=date(2026, 12, 1), provider_name="Trung tâm TGPL tỉnh Lai Châu")
    assert AID_CASE.summary(values) == "Identity papers – Trung tâm TGPL tỉnh Lai Châu: closed on 01/12/2026"
    assert AID_CASE.summary(case()) == "Identity papers – Provincial legal aid centre: Requested"


# ------------------------------------------------------------------------------------ papers


def test_paper_dates_in_order() -> None:
    good = paper(status="obtained", requested_on=date(2026, 11, 5), expected_on=date(2026, 11, 20),
                 obtained_on=date(2026, 11, 18))  # fmt: skip
    assert PAPER.check(good, CTX) == []
    late = paper(status="applied", requested_on=date(2026, 11, 5), expected_on=date(2026, 11, 4))
    assert fields(PAPER.check(late, CTX)) == ["expected_on"]
    before = paper(status="obtained", requested_on=date(2026, 11, 5), obtained_on=date(2026, 11, 1))
    assert fields(PAPER.check(before, CTX)) == ["obtained_on"]


def test_paper_status_and_dates_agree() -> None:
    assert fields(PAPER.check(paper(status="applied"), CTX)) == ["requested_on"]
    assert fields(PAPER.check(paper(status="to_apply", requested_on=ON), CTX)) == ["requested_on"]
    assert fields(PAPER.check(paper(status="obtained"), CTX)) == ["obtained_on"]
    assert fields(PAPER.check(paper(status="applied", requested_on=ON, obtained_on=ON), CTX)) == ["obtained_on"]
    assert fields(PAPER.check(paper(status="not_issued"), CTX)) == ["note"]
    assert fields(PAPER.check(paper(paper="other"), CTX)) == ["other_name"]
    assert PAPER.check(paper(), CTX) == []


def test_paper_flag_and_summary() -> None:
    refused = paper(status="not_issued", note="Thiếu người làm chứng")
    assert PAPER.flag(refused) and not PAPER.flag(paper())
    applied = paper(status="applied", requested_on=date(2026, 11, 5), expected_on=date(2026, 11, 20),
                    office="UBND xã Tả Lèng")  # fmt: skip
    assert PAPER.summary(applied) == "Birth certificate: Applied for 05/11/2026, expected 20/11/2026 · UBND xã Tả Lèng"
    assert rules.paper_name(paper(paper="other", other_name="Giấy xác nhận")) == "Giấy xác nhận"


# ------------------------------------------------------------------------------------ steps and sessions


def test_a_step_has_a_due_date_or_a_done_date() -> None:
    assert fields(STEP.check(step(), CTX)) == ["due_on"]
    assert STEP.check(step(due_on=ON), CTX) == []
    assert STEP.check(step(done_on=ON), CTX) == []
    assert fields(STEP.check(step(step="other", due_on=ON), CTX)) == ["step_detail"]


def test_a_step_not_done_with_a_due_date_is_flagged() -> None:
    assert STEP.flag(step(due_on=ON))
    assert not STEP.flag(step(due_on=ON, done_on=ON))
    assert not STEP.flag(step(done_on=ON))


def test_step_summary() -> None:
    values = step(authority_name="Tòa án nhân dân tỉnh Lai Châu", due_on=date(2026, 12, 10),
                  document="Giấy triệu tập")  # fmt: skip
    assert STEP.summary(values) == "Tòa án nhân dân tỉnh Lai Châu: Trial hearing · due by 10/12/2026 · Giấy triệu tập"
    assert STEP.summary(step(done_on=date(2026, 12, 10))) == "Court: Trial hearing · done 10/12/2026"


def test_session_summary_and_its_other_topic() -> None:
    values = {f.name: f.empty() for f in INFO_SESSION.fields} | {"topic": "rights", "minutes": 45}
    assert INFO_SESSION.summary(values) == "Rights of victims · Centre staff · 45 minutes"
    assert fields(INFO_SESSION.check(values | {"topic": "other"}, CTX)) == ["details"]
