"""Numbers and dates written out in Vietnamese, as official papers need them."""

from __future__ import annotations

import datetime

from centre_desk.reports.official import date_line

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("triệu", "nghìn", "")


def _three(value: int, leading: bool) -> list[str]:
    """One group of three digits; a group after a higher one reads its zeros ("không trăm linh năm")."""
    hundreds, tens, units = value // 100, value // 10 % 10, value % 10
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 4 and tens >= 2:
            words.append("tư")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(_DIGITS[units])
    return words


def _words(value: int, leading: bool) -> list[str]:
    billions, rest = divmod(value, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += [*_words(billions, leading), "tỷ"]
        leading = False
    for scale, group in zip(_SCALES, (rest // 1_000_000, rest // 1000 % 1000, rest % 1000), strict=True):
        if group:
            words += _three(group, leading)
            if scale:
                words.append(scale)
            leading = False
    return words


def number_in_words(value: int) -> str:
    """1250000 -> "một triệu hai trăm năm mươi nghìn" (Vietnamese reading, "nghìn", "linh")."""
    if value < 0:
        raise ValueError("negative amount")
    return " ".join(_words(value, leading=True)) if value else "không"


def vnd_in_words(amount: int) -> str:
    """1250000 -> "Một triệu hai trăm năm mươi nghìn đồng"."""
    text = f"{number_in_words(amount)} đồng"
    return text[0].upper() + text[1:]


def long_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 02 năm 2026", with the zero rules of official.date_line."""
    return date_line("", day).split(", ", 1)[1]


def time_of_day(moment: datetime.datetime) -> str:
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {long_date(moment.date())}"
