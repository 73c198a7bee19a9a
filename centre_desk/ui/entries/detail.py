"""The selected entry in full: every field with its value, who wrote it and when, struck out or restricted;
and the earlier versions of an entry. Plain text in an HTML table (every value escaped)."""

from __future__ import annotations

from html import escape

from centre_desk.formatting import format_datetime
from centre_desk.i18n import _
from centre_desk.services.entries.dto import EntryRow, Revision
from centre_desk.services.entries.fields import show
from centre_desk.services.entries.kinds import EntryKind

TABLE = "<table cellspacing='0' cellpadding='3'>{rows}</table>"
ROW = "<tr><td style='color:#555555; padding-right:12px'>{label}</td><td>{value}</td></tr>"


def _lines(kind: EntryKind, values: dict[str, object]) -> str:
    rows = []
    for field in kind.fields:
        text = show(field, values.get(field.name))  # type: ignore[arg-type]
        if text:
            rows.append(ROW.format(label=escape(_(field.label)), value=escape(text).replace("\n", "<br>")))
    return TABLE.format(rows="".join(rows))


def entry_html(kind: EntryKind, row: EntryRow, preview: str = "") -> str:
    head = _("{kind} – {when}, written by {who}").format(
        kind=kind.title_text(), when=format_datetime(row.occurred_at), who=row.recorded_by or "—"
    )
    parts = [f"<p><b>{escape(head)}</b></p>"]
    if row.hidden:
        parts.append("<p><i>" + escape(_("Restricted entry: you may not read its content.")) + "</i></p>")
        return "".join(parts)
    if row.opened_by_glass:
        parts.append("<p style='color:#8c1d18'><b>" + escape(_("Opened by breaking the glass: this access is "
                     "recorded and the management will review it.")) + "</b></p>")  # fmt: skip
    if row.struck:
        parts.append("<p style='color:#8c1d18'><s>" + escape(_("Struck out")) + "</s>: " + escape(row.struck_reason)
                     + "</p>")  # fmt: skip
    if row.restricted:
        parts.append("<p><i>" + escape(_("Restricted entry: only nurses and the management can read it.")) + "</i></p>")
    if preview:
        parts.append(f"<p><b>{escape(preview)}</b></p>")
    parts.append(_lines(kind, dict(row.values)))
    if row.revisions:
        parts.append("<p style='color:#555555'>" + escape(_("Changed {n} times; the earlier versions are kept.")
                     .format(n=row.revisions)) + "</p>")  # fmt: skip
    return "".join(parts)


def revisions_html(kind: EntryKind, revisions: tuple[Revision, ...]) -> str:
    if not revisions:
        return "<p>" + escape(_("This entry has not been changed.")) + "</p>"
    parts = []
    for rev in revisions:
        head = _("Version {n}, replaced on {when} by {who}").format(
            n=rev.version, when=format_datetime(rev.changed_at), who=rev.changed_by or "—"
        )
        parts.append(f"<p><b>{escape(head)}</b></p>" + _lines(kind, dict(rev.values)))
    return "".join(parts)
