"""A wellbeing score in full, under the list: the scale and its version, every question with the answer given,
the total and band, the self-harm alert, the note. Plain text in an HTML table (every value escaped)."""

from __future__ import annotations

from html import escape

from centre_desk.formatting import format_datetime
from centre_desk.i18n import _, language
from centre_desk.services.counselling import scales
from centre_desk.services.counselling.wellbeing import INVALID, decode, result_text
from centre_desk.services.entries.dto import EntryRow
from centre_desk.services.entries.kinds import EntryKind
from centre_desk.ui.entries.detail import ROW, TABLE, entry_html

ALERT_STYLE = "color:#8c1d18"


def scale_html(kind: EntryKind, row: EntryRow) -> str:
    code = str(row.value("instrument") or "")
    try:
        found = scales.instrument(code) if code else None
    except KeyError:
        found = None
    if found is None or row.hidden:
        return entry_html(kind, row)  # a note without a scale: the generic view says it all
    lang = "vi" if language().startswith("vi") else "en"
    head = _("{kind} – {when}, written by {who}").format(
        kind=kind.title_text(), when=format_datetime(row.occurred_at), who=row.recorded_by or "—"
    )
    parts = [f"<p><b>{escape(head)}</b></p>"]
    if row.struck:
        parts.append(f"<p style='{ALERT_STYLE}'><s>" + escape(_("Struck out")) + "</s>: " + escape(row.struck_reason)
                     + "</p>")  # fmt: skip
    parts.append(f"<p><b>{escape(found.code)} – {escape(found.name)}</b>: {escape(result_text(dict(row.values)))}"
                 + "</p>")  # fmt: skip
    if row.value("alert") is True:
        parts.append(f"<p style='{ALERT_STYLE}'><b>⚠ {escape(_(scales.ALERT_TEXTS[scales.SELF_HARM]))}</b></p>")
    options = {value: labels[lang] for value, labels in found.options}
    answers = decode(str(row.value("answers") or ""))
    lines = []
    for n in range(1, found.n_items + 1):
        answer = answers[n - 1] if n <= len(answers) else None
        shown = _("not answered") if answer is None or answer == INVALID else f"{answer} – {options[answer]}"
        lines.append(ROW.format(label=escape(f"{n}. {scales.item_text(found, n, lang)}"), value=escape(shown)))
    parts.append(TABLE.format(rows="".join(lines)))
    note = str(row.value("note") or "")
    if note:
        parts.append(TABLE.format(rows=ROW.format(label=escape(_("Note")), value=escape(note).replace("\n", "<br>"))))
    parts.append("<p style='color:#555555'>" + escape(_("Scale version: {v}").format(v=row.value("scale_version")))
                 + "</p>")  # fmt: skip
    if row.revisions:
        parts.append("<p style='color:#555555'>" + escape(_("Changed {n} times; the earlier versions are kept.")
                     .format(n=row.revisions)) + "</p>")  # fmt: skip
    return "".join(parts)
