"""Reading back the PDFs the program writes."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

STANDARD_14 = {"/Helvetica", "/Times-Roman", "/Courier", "/Symbol", "/ZapfDingbats"}


def fonts(path: Path) -> dict[str, bool]:
    """Base font name -> embedded? for every font on every page (reportlab always lists
    Helvetica as a standard resource, which draws nothing and needs no embedding)."""
    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)
