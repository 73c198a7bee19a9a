"""What an issued paper said, kept in the register as JSON: the paper's input (reports/paper_inputs.py).

Rendering is deterministic (reportlab's invariant mode), so the snapshot rendered again gives the very
bytes that were issued; a copy is the snapshot rendered with the "BẢN SAO" mark. A field added to the
inputs later is missing from older snapshots and takes its default; a field that disappears is ignored.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import types
import typing
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

from centre_desk.reports.paper_inputs import AdmissionPaper

FORMAT = 1
T = TypeVar("T")


def dump(paper: AdmissionPaper) -> str:
    return dump_any(paper)


def load(text: str) -> AdmissionPaper:
    return load_as(AdmissionPaper, text)


def dump_any(paper: object) -> str:
    """Any paper input (a frozen dataclass tree of str, int, bool, Decimal, dates and tuples) as JSON."""
    return json.dumps({"format": FORMAT, "paper": _encode(paper)}, ensure_ascii=False, sort_keys=True)


def load_as(cls: type[T], text: str) -> T:
    """The paper input of type `cls` a snapshot holds."""
    data = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown snapshot format {data.get('format')!r}")
    paper = _decode(cls, data["paper"])
    assert isinstance(paper, cls)
    return paper


def _encode(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, datetime.date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _fields(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def _decode(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):  # "X | None"
        (inner,) = [a for a in typing.get_args(kind) if a is not type(None)]
        return _decode(inner, value)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(_decode(item, v) for v in value)
    if kind is datetime.datetime:
        return datetime.datetime.fromisoformat(value)
    if kind is datetime.date:
        return datetime.date.fromisoformat(value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints, names = _hints(kind), _fields(kind)
        return kind(**{k: _decode(hints[k], v) for k, v in value.items() if k in names})
    return kind(value)
