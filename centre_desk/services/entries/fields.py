"""The fields of a kind of dated entry: what each one holds, how it is typed in, checked and shown.

One place for the rules: the record tab's form calls `parse` as the user types and shows the message under
the field; the service calls `check_values` again before writing (a caller that skipped the form gets the
same answer). Values travel as Python objects: str, int, Decimal, bool, date, or None for "not given".
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from centre_desk.formatting import format_date, format_number, parse_date
from centre_desk.i18n import _
from centre_desk.text import nfc

Value = str | int | Decimal | bool | date | None
Choices = tuple[tuple[str, str], ...]  # (code, N_ label) of a choice field


def text_of(values: Mapping[str, Value], name: str) -> str:
    """A text value with its spaces collapsed ("" when not a text), for the kinds' hooks."""
    value = values.get(name)
    return " ".join(value.split()) if isinstance(value, str) else ""


def day_of(values: Mapping[str, Value], name: str) -> date | None:
    """A date value (None when not a date), for the kinds' hooks."""
    value = values.get(name)
    return value if isinstance(value, date) else None


def label(choices: Choices, code: object) -> str:
    """The label of a choice in the current language (the code itself when unknown)."""
    return next((_(text) for c, text in choices if c == code), str(code or ""))


class FieldType(enum.StrEnum):
    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # several lines
    INTEGER = "integer"
    DECIMAL = "decimal"
    CHOICE = "choice"  # one of `choices` (code, label)
    FLAG = "flag"  # yes / no
    DATE = "date"


@dataclass(frozen=True)
class Field:
    """One field of a kind. `label`, `unit`, `hint` and the choices' labels are N_() source strings."""

    name: str  # the model's column
    label: str
    type: FieldType = FieldType.TEXT
    required: bool = False
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    decimals: int = 0
    unit: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int = 500
    hint: str = ""
    section: str = ""  # the form's group box (N_ source), "" for the first one
    in_list: bool = False  # a column in the record tab's list
    default: Value = None

    def empty(self) -> Value:
        if self.type is FieldType.FLAG:
            return False
        if self.type in (FieldType.TEXT, FieldType.LONG_TEXT):
            return ""
        if self.type is FieldType.CHOICE:
            return self.default if self.default is not None else ""  # "" = nothing chosen
        return None


def _number(text: str) -> Decimal | None:
    """A number as a Vietnamese office worker types it: "37,5" or "37.5" (a comma is the decimal mark)."""
    cleaned = text.strip().replace(" ", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse(field: Field, text: str) -> tuple[Value, str]:
    """The value typed into `field` (for text, choice and date widgets the form passes the text or code) and
    "" — or (None, a message in the user's language) when it cannot be accepted."""
    text = nfc(text).strip()
    if not text:
        if field.required:
            return None, _("Please fill in this field.")
        return field.empty(), ""
    if field.type in (FieldType.TEXT, FieldType.LONG_TEXT):
        if len(text) > field.max_length:
            return None, _("At most {n} characters.").format(n=field.max_length)
        return text, ""
    if field.type is FieldType.CHOICE:
        codes = [code for code, _label in field.choices]
        return (text, "") if text in codes else (None, _("Choose one of the values in the list."))
    if field.type is FieldType.FLAG:
        return text in ("1", "true", "yes"), ""
    if field.type is FieldType.DATE:
        day = parse_date(text)
        return (day, "") if day is not None else (None, _("Type the date as dd/mm/yyyy."))
    number = _number(text)
    if number is None:
        return None, _("Type a number.")
    if field.type is FieldType.INTEGER and number != number.to_integral_value():
        return None, _("Type a whole number.")
    message = range_message(field, number)
    if message:
        return None, message
    if field.type is FieldType.INTEGER:
        return int(number), ""
    return number.quantize(Decimal(1).scaleb(-field.decimals)), ""


def range_message(field: Field, number: Decimal) -> str:
    low, high = field.minimum, field.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        unit = f" {_(field.unit)}" if field.unit else ""
        return _("Between {low} and {high}{unit}.").format(low=show_number(field, low), high=show_number(field, high),
                                                             unit=unit)  # fmt: skip
    return ""


def show_number(field: Field, value: Decimal | int | None) -> str:
    if value is None:
        return "…"
    return format_number(float(value), field.decimals) if field.decimals else format_number(int(value))


def check_value(field: Field, value: Value) -> str:
    """The message for a value given programmatically (the service's second look), "" when it is fine."""
    if value is None or value == "":
        return _("Please fill in this field.") if field.required else ""
    if field.type in (FieldType.TEXT, FieldType.LONG_TEXT):
        ok = isinstance(value, str) and len(value) <= field.max_length
        return "" if ok else _("At most {n} characters.").format(n=field.max_length)
    if field.type is FieldType.CHOICE:
        return "" if value in [c for c, _l in field.choices] else _("Choose one of the values in the list.")
    if field.type is FieldType.FLAG:
        return "" if isinstance(value, bool) else _("Choose yes or no.")
    if field.type is FieldType.DATE:
        return "" if isinstance(value, date) else _("Type the date as dd/mm/yyyy.")
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return _("Type a number.")
    if field.type is FieldType.INTEGER and not isinstance(value, int):
        return _("Type a whole number.")
    return range_message(field, Decimal(value))


def check_values(fields: Sequence[Field], values: Mapping[str, Value]) -> list[tuple[str, str]]:
    """Every problem of `values` at once, in the order of the fields (unknown names are problems too)."""
    known = {f.name for f in fields}
    problems = [(name, _("This field does not exist.")) for name in values if name not in known]
    for field in fields:
        message = check_value(field, values.get(field.name, field.empty()))
        if message:
            problems.append((field.name, message))
    return problems


def show(field: Field, value: Value, unit: bool = True) -> str:
    """The value as the record tab, the Timeline and the papers show it (without its unit for a column whose
    heading names it)."""
    if value is None or value == "":
        return ""
    if field.type is FieldType.FLAG:
        return _("yes") if value else _("no")
    if field.type is FieldType.CHOICE:
        return next((_(label) for code, label in field.choices if code == value), str(value))
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        text = show_number(field, value)
        return f"{text} {_(field.unit)}" if field.unit and unit else text
    return str(value)


def as_text(field: Field, value: Value) -> str:
    """The value as the form's widget holds it (the inverse of `parse`)."""
    if value is None:
        return ""
    if field.type is FieldType.FLAG:
        return "1" if value else ""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")  # no thousands dots: what `parse` reads back
    return str(value)
