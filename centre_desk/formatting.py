"""Vietnamese display formats used by screens and documents: dd/mm/yyyy, 1.234.567, 1.250.000 đ."""

from __future__ import annotations

from datetime import UTC, date, datetime


def format_date(value: date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def format_datetime(value: datetime | None) -> str:
    """Local time of this computer, dd/mm/yyyy HH:MM."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%d/%m/%Y %H:%M")


def format_number(value: int | float, decimals: int = 0) -> str:
    """Vietnamese separators: 1.234.567 and 1.234,5."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def format_money(amount: int) -> str:
    """Whole đồng with dots: 1250000 -> "1.250.000 đ" (the same on screens and papers)."""
    return f"{format_number(amount)} đ"


def parse_date(text: str) -> date | None:
    """dd/mm/yyyy (also d/m/yyyy and dd-mm-yyyy); None when it is not a real date."""
    cleaned = text.strip().replace("-", "/").replace(".", "/")
    try:
        return datetime.strptime(cleaned, "%d/%m/%Y").date()
    except ValueError:
        return None
