"""The subsets each face keeps (reports/fonts.py) are the bytes reportlab would make again."""

from __future__ import annotations

import types
from collections.abc import Iterator

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFace

from centre_desk.reports.fonts import register_serif
from centre_desk.reports.official import render
from tests.reports.test_official import decision

FACES = ("", "-Bold", "-Italic", "-BoldItalic")


@pytest.fixture
def uncached() -> Iterator[None]:
    """The serif's faces without the kept subsets, for the length of a test."""
    serif = register_serif()
    faces = [pdfmetrics.getFont(serif + suffix).face for suffix in FACES]
    kept = [face.makeSubset for face in faces]
    for face in faces:
        face.makeSubset = types.MethodType(TTFontFace.makeSubset, face)
    yield
    for face, keep in zip(faces, kept, strict=True):
        face.makeSubset = keep


def test_a_paper_is_the_same_bytes_with_and_without_the_kept_subsets(request: pytest.FixtureRequest) -> None:
    doc = decision()
    first, again = render(doc), render(doc)  # the second from the kept subsets
    request.getfixturevalue("uncached")
    assert render(doc) == first == again
