"""Wellbeing scales: every band edge of PHQ-9 / PHQ-A and GAD-7, the item-9 alert, missing and invalid answers, which
scales suit an age, and the data files themselves."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from centre_desk.paths import resource
from centre_desk.services.counselling.scales import (
    ALERT_TEXTS,
    BAND_NAMES,
    FILES,
    SELF_HARM,
    Instrument,
    answer_problems,
    for_age,
    instrument,
    instruments,
    item_text,
    option_label,
    score,
)

pytestmark = pytest.mark.usefixtures("english")

PHQ_CODES = ("PHQ-9", "PHQ-A")
ALL_CODES = ("PHQ-9", "PHQ-A", "GAD-7")


def answers_for(total: int, n: int, keep_item_9_zero: bool = True) -> list[int]:
    """n answers summing to `total`, filled from item 1 so item 9 stays 0 when it can."""
    answers = [0] * n
    left = total
    order = range(n - 1) if keep_item_9_zero and n == 9 else range(n)
    for i in order:
        answers[i] = min(3, left)
        left -= answers[i]
    assert left == 0, "total too high for the items that may be used"
    return answers


# ---------------------------------------------------------------------------------------------- bands

PHQ_EDGES = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "moderately_severe"),
    (19, "moderately_severe"),
    (20, "severe"),
    (24, "severe"),
]
GAD_EDGES = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "severe"),
    (21, "severe"),
]


@pytest.mark.parametrize("code", PHQ_CODES)
@pytest.mark.parametrize(("total", "band"), PHQ_EDGES)
def test_phq_band_edges(code: str, total: int, band: str) -> None:
    result = score(instrument(code), answers_for(total, 9))
    assert (result.total, result.band, result.alert) == (total, band, False)


@pytest.mark.parametrize("code", PHQ_CODES)
def test_phq_maximum_is_27_severe(code: str) -> None:
    result = score(instrument(code), [3] * 9)
    assert (result.total, result.band, result.alert) == (27, "severe", True)
    assert instrument(code).max_total == 27


@pytest.mark.parametrize(("total", "band"), GAD_EDGES)
def test_gad7_band_edges(total: int, band: str) -> None:
    result = score(instrument("GAD-7"), answers_for(total, 7))
    assert (result.total, result.band, result.alert) == (total, band, False)
    assert instrument("GAD-7").max_total == 21


def test_band_names_are_the_english_sources() -> None:
    result = score(instrument("PHQ-9"), answers_for(12, 9))
    assert result.band_name() == "Moderate"
    assert score(instrument("PHQ-9"), answers_for(16, 9)).band_name() == "Moderately severe"
    assert score(instrument("PHQ-9"), [None] * 9).band_name() == ""
    assert set(BAND_NAMES) == {"minimal", "mild", "moderate", "moderately_severe", "severe"}


def test_band_for_refuses_a_total_out_of_range() -> None:
    with pytest.raises(ValueError):
        instrument("GAD-7").band_for(22)
    with pytest.raises(ValueError):
        instrument("PHQ-9").band_for(-1)


def test_totals_and_answered() -> None:
    result = score(instrument("GAD-7"), [0, 1, 2, 3, 0, 1, 2])
    assert (result.total, result.answered, result.missing) == (9, 7, ())
    assert (result.instrument, result.version) == ("GAD-7", instrument("GAD-7").version)
    assert result.answers == (0, 1, 2, 3, 0, 1, 2)


# ---------------------------------------------------------------------------------------------- the alert


@pytest.mark.parametrize("code", PHQ_CODES)
@pytest.mark.parametrize("item_9", [1, 2, 3])
def test_item_9_alerts_even_at_a_low_total(code: str, item_9: int) -> None:
    result = score(instrument(code), [0] * 8 + [item_9])
    assert result.total == item_9
    assert result.band == "minimal"
    assert result.alert
    assert result.alert_kind == SELF_HARM
    assert result.alert_text == "Thoughts of self-harm: respond today" == ALERT_TEXTS[SELF_HARM]


@pytest.mark.parametrize("code", PHQ_CODES)
def test_no_alert_when_item_9_is_0_even_at_the_top_of_the_other_items(code: str) -> None:
    result = score(instrument(code), [3] * 8 + [0])
    assert (result.total, result.band, result.alert, result.alert_text) == (24, "severe", False, "")
    assert not result.alert_unknown


@pytest.mark.parametrize("code", PHQ_CODES)
def test_missing_answers_give_no_total_but_still_the_alert(code: str) -> None:
    result = score(instrument(code), [None, 0, None, 0, 0, 0, 0, 0, 2])
    assert result.total is None and result.band is None
    assert result.missing == (1, 3)
    assert result.answered == 7
    assert result.alert
    assert not result.alert_unknown


def test_item_9_unanswered_is_flagged_not_alerted() -> None:
    result = score(instrument("PHQ-9"), [0] * 8 + [None])
    assert (result.total, result.alert, result.alert_unknown, result.missing) == (None, False, True, (9,))


def test_gad7_has_no_alert() -> None:
    result = score(instrument("GAD-7"), [3] * 7)
    assert (result.total, result.alert, result.alert_unknown) == (21, False, False)
    assert instrument("GAD-7").alerts == ()


def test_nothing_answered() -> None:
    result = score(instrument("GAD-7"), [None] * 7)
    assert (result.total, result.answered, result.missing) == (None, 0, (1, 2, 3, 4, 5, 6, 7))


# ---------------------------------------------------------------------------------------------- validation


def test_valid_answers_have_no_problems() -> None:
    assert answer_problems(instrument("PHQ-9"), [0, 1, 2, 3, None, 0, 1, 2, 3]) == []


@pytest.mark.parametrize("bad", [-1, 4, 10, True, 1.0, "2"])
def test_an_answer_out_of_range_is_reported(bad: Any) -> None:
    answers: list[Any] = [0] * 7
    answers[2] = bad
    problems = answer_problems(instrument("GAD-7"), answers)
    assert [field for field, _message in problems] == ["item_3"]
    assert "Question 3" in problems[0][1]
    with pytest.raises(ValueError):
        score(instrument("GAD-7"), answers)


@pytest.mark.parametrize("count", [0, 6, 8, 9])
def test_the_wrong_number_of_answers_is_reported(count: int) -> None:
    problems = answer_problems(instrument("GAD-7"), [0] * count)
    assert [field for field, _message in problems] == ["answers"]
    assert "7" in problems[0][1]
    with pytest.raises(ValueError):
        score(instrument("GAD-7"), [0] * count)


def test_every_problem_is_reported_at_once() -> None:
    problems = answer_problems(instrument("PHQ-9"), [5, 0, -2])
    assert [field for field, _message in problems] == ["answers", "item_1", "item_3"]


# ---------------------------------------------------------------------------------------------- property


@given(st.sampled_from(ALL_CODES), st.data())
def test_total_is_the_sum_within_range(code: str, data: st.DataObject) -> None:
    inst = instrument(code)
    answers = data.draw(st.lists(st.integers(0, 3), min_size=inst.n_items, max_size=inst.n_items))
    result = score(inst, answers)
    assert result.total == sum(answers)
    assert 0 <= result.total <= 3 * inst.n_items
    assert inst.band_for(result.total).code == result.band
    assert result.alert == (code in PHQ_CODES and answers[8] > 0)


@given(st.sampled_from(ALL_CODES), st.data())
def test_missing_is_exactly_the_none_answers(code: str, data: st.DataObject) -> None:
    inst = instrument(code)
    answers = data.draw(st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=inst.n_items, max_size=inst.n_items))
    result = score(inst, answers)
    assert result.missing == tuple(n for n, a in enumerate(answers, 1) if a is None)
    assert result.answered == inst.n_items - len(result.missing)
    assert (result.total is None) == bool(result.missing)


# ---------------------------------------------------------------------------------------------- ages


@pytest.mark.parametrize(
    ("age", "codes"),
    [
        (0, ()),
        (10, ()),
        (11, ("PHQ-A", "GAD-7")),
        (14, ("PHQ-A", "GAD-7")),
        (17, ("PHQ-A", "GAD-7")),
        (18, ("PHQ-9", "GAD-7")),
        (60, ("PHQ-9", "GAD-7")),
        (None, ALL_CODES),
    ],
)
def test_for_age(age: int | None, codes: tuple[str, ...]) -> None:
    assert tuple(found.code for found in for_age(age)) == codes


# ---------------------------------------------------------------------------------------------- lookup and texts


def test_instruments_are_cached_and_looked_up_by_code() -> None:
    assert instruments() is instruments()
    assert tuple(found.code for found in instruments()) == ALL_CODES
    assert instrument("PHQ-A") is instruments()[1]
    assert isinstance(instrument("PHQ-9"), Instrument)


@pytest.mark.parametrize("code", ["PHQ9", "phq-9", "CRIES-8", ""])
def test_an_unknown_code_is_a_key_error(code: str) -> None:
    with pytest.raises(KeyError):
        instrument(code)


def test_item_text_by_language() -> None:
    phq9 = instrument("PHQ-9")
    assert item_text(phq9, 1, "en") == "Little interest or pleasure in doing things"
    assert item_text(phq9, 1, "vi").startswith("Ít hứng thú")
    assert "better off dead" in item_text(phq9, 9, "en")
    assert "tự làm hại bản thân" in item_text(phq9, 9, "vi")
    assert item_text(instrument("PHQ-A"), 1, "en").startswith("Feeling down, depressed, irritable")
    assert item_text(instrument("GAD-7"), 7, "en") == "Feeling afraid, as if something awful might happen"
    for n in (0, 10):
        with pytest.raises(IndexError):
            item_text(phq9, n, "en")


def test_option_labels() -> None:
    labels = [option_label(instrument("GAD-7"), value, "vi") for value in range(4)]
    assert labels == ["Không ngày nào", "Vài ngày", "Hơn một nửa số ngày", "Gần như mọi ngày"]
    assert option_label(instrument("PHQ-9"), 3, "en") == "Nearly every day"


def test_citations_licence_and_draft_translation_are_honest() -> None:
    assert "Kroenke" in instrument("PHQ-9").citation and "2001" in instrument("PHQ-9").citation
    assert "Spitzer" in instrument("GAD-7").citation and "2006" in instrument("GAD-7").citation
    assert "Johnson" in instrument("PHQ-A").citation and "2002" in instrument("PHQ-A").citation
    for found in instruments():
        assert "no permission required" in found.licence.lower()
        assert found.vi_source.startswith("⚠ draft translation")
        assert "validated" in found.vi_source


# ---------------------------------------------------------------------------------------------- the data files


def _raw(name: str) -> dict[str, Any]:
    with resource("scales", name + ".json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    return []


@pytest.mark.parametrize(("name", "n_items"), [("phq9", 9), ("phqa", 9), ("gad7", 7)])
def test_data_file_structure(name: str, n_items: int) -> None:
    raw = _raw(name)
    for key in ("code", "name", "version", "citation", "licence", "vi_source", "min_age", "max_age"):
        assert key in raw
    assert len(raw["items"]) == n_items
    assert [item["n"] for item in raw["items"]] == list(range(1, n_items + 1))
    assert [option["value"] for option in raw["options"]] == [0, 1, 2, 3]
    for entry in [raw["stem"], *raw["items"], *raw["options"]]:
        assert entry["en"].strip() and entry["vi"].strip()
        assert entry["en"] != entry["vi"]
    assert raw["bands"][0]["min"] == 0 and raw["bands"][-1]["max"] == 3 * n_items
    assert {band["code"] for band in raw["bands"]} <= set(BAND_NAMES)
    if n_items == 9:
        assert raw["alerts"] == [
            {"item": 9, "above": 0, "kind": SELF_HARM, "note": raw["alerts"][0]["note"]},
        ]
    else:
        assert raw["alerts"] == []


@pytest.mark.parametrize("name", FILES)
def test_every_text_is_nfc(name: str) -> None:
    for text in _strings(_raw(name)):
        assert unicodedata.is_normalized("NFC", text), text


def test_vietnamese_texts_are_vietnamese() -> None:
    for found in instruments():
        texts = [found.stem["vi"], *(item["vi"] for item in found.items)]
        assert all(any(ch in text for ch in "ăâđêôơưạảấầẩậắằẳặẹẻẽếềểễệịỉọỏốồổộớờởợụủứừửữựỳỷỹ") for text in texts)
