"""Exports of a list page to CSV or XLSX (issue 17): one door for every list, so each export is a disclosure kept the
same way.

The rules, and where they come from:
- An export needs the role (`recovery.export_records`: admins, staff and house managers; the rows are still the
  ones the page's own selector gives this person). A refusal is audited like any other (`recovery.permissions`).
- Every exported row is written to the audit log as an EXPORT event naming its kind, its id and, for resident data,
  its resident (42 CFR Part 2: every disclosure is accounted for), in one INSERT.
- Every file is also recorded once as an `ExportDisclosure` (who, when, which list, the residents it holds and the
  notice it carried): the accounting of the disclosure that a resident may ask for (42 CFR § 2.24).
- The file starts with the redisclosure notice of 42 CFR § 2.32(a)(1) (in XLSX also in the printed page's header).
- A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is neutralized with a leading
  apostrophe, so no spreadsheet runs it as a formula (OWASP, "CSV Injection"). Numbers and dates stay typed.
- The filename names the list and the day only ("hearth-residents-2026-11-30.csv"), never a person.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.http import HttpResponse
from django_scopes import scopes_disabled

from recovery.audit import reads
from recovery.audit.models import AuditEvent, ExportDisclosure
from recovery.audit.recorder import event
from recovery.permissions import require
from recovery.tenancy import organization_now, organization_today

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXPORT_PERMISSION = "recovery.export_records"
MOST_ROWS = 20_000  # a list longer than this is cut, and the file says so

# 42 CFR § 2.32(a)(1): the notice that accompanies every disclosure made with the patient's consent.
REDISCLOSURE_NOTICE = (
    "This record which has been disclosed to you is protected by federal confidentiality rules (42 CFR part 2). "
    "The federal rules prohibit you from making any further disclosure of this record unless further disclosure "
    "is expressly permitted by the written consent of the individual whose information is being disclosed in this "
    "record or, is otherwise permitted by 42 CFR part 2. A general authorization for the release of medical or "
    "other information is NOT sufficient for this purpose (see § 2.31). The federal rules restrict any use of the "
    "information to investigate or prosecute with regard to a crime any patient with a substance use disorder, "
    "except as provided at §§ 2.12(c)(5) and 2.65."
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _itself(row):
    return row


@dataclass(frozen=True)
class Column:
    """One column of an export: its heading and how to read its value from a row (a str, number, date or None)."""

    header: str
    value: Callable


def requested_format(request) -> str | None:
    """ "csv" or "xlsx" when the list page was asked for a file (`?format=csv`), else None (the page itself)."""
    asked = request.GET.get("format", "")
    return asked if asked in FORMATS else None


def neutralized(value):
    """A cell's value as it goes into a file: text that a spreadsheet would read as a formula gets a leading
    apostrophe (OWASP); None becomes ""; Decimal, int, float, date and datetime pass through typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal | int | float | date):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _resident_ids(rows) -> dict:
    """{row pk: resident id} for rows of resident data: from memory where it can, else one query per model."""
    found, missing = {}, []
    for row in rows:
        resident_id = reads.resident_id_of(row)
        if resident_id is not None:
            found[row.pk] = resident_id
        else:
            missing.append(row.pk)
    entry = reads.audited_models().get(rows[0]._meta.label) if rows else None
    if missing and entry is not None and entry.resident:
        with scopes_disabled():
            model = apps.get_model(entry.model)
            found.update(model._base_manager.filter(pk__in=missing).values_list("pk", entry.resident))
    return found


def audit_export(request, rows: list, *, name: str) -> list[int]:
    """One EXPORT event per row (its model, id and resident when it is resident data), in one INSERT; the rows are
    then not written again as views by the read-audit middleware. Returns the ids of the residents whose records
    the rows are (sorted, each once; empty when none is resident data)."""
    if not rows:
        return []
    resident_ids = _resident_ids(rows)
    events = [
        event(
            AuditEvent.Action.EXPORT,
            organization_id=request.organization.pk,
            object_type=row._meta.label_lower,
            object_id=row.pk,
            resident_id=resident_ids.get(row.pk),
            detail=f"{name} export",
        )
        for row in rows
    ]
    with scopes_disabled():
        AuditEvent.objects.bulk_create(events)
    for row in rows:
        reads.note_recorded(row)
    return sorted({resident_id for resident_id in resident_ids.values() if resident_id is not None})


def record_disclosure(request, *, name: str, fmt: str, filename: str, row_count: int, resident_ids: list[int]):
    """Write the one `ExportDisclosure` of a file: the person, the list, the format, the rows, the residents it holds
    and the redisclosure notice it carried. Returns the row."""
    with scopes_disabled():
        return ExportDisclosure.objects.create(
            organization_id=request.organization.pk,
            exported_by_id=request.user.pk,
            export=name,
            file_format=fmt,
            filename=filename,
            row_count=row_count,
            resident_ids=resident_ids,
            notice=REDISCLOSURE_NOTICE,
        )


def _preamble(request, *, name: str, count: int, cut: bool) -> list[str]:
    now = organization_now(request.organization)
    lines = [
        f"Prohibition on redisclosure: {REDISCLOSURE_NOTICE}",
        f"Hearth export of {name} for {request.organization.name}, {now:%Y-%m-%d %H:%M} ({count} rows).",
    ]
    if cut:
        lines.append(f"Only the first {MOST_ROWS} rows are included: narrow the list to export the rest.")
    return lines


def _csv(preamble: list[str], columns, table) -> bytes:
    return csv_bytes(preamble, [column.header for column in columns], table)


def csv_bytes(preamble: list[str], headers: list[str], table) -> bytes:
    """A CSV file as UTF-8 bytes (with a byte-order mark): the `preamble` lines one per row, a blank row, the
    `headers`, then `table`'s rows of cells already `neutralized` (dates written year-month-day)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in preamble:
        writer.writerow([neutralized(line)])
    writer.writerow([])
    writer.writerow([neutralized(header) for header in headers])
    for cells in table:
        writer.writerow([cell.isoformat() if isinstance(cell, date) else cell for cell in cells])
    # A byte-order mark, so a spreadsheet opening the file reads it as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(preamble: list[str], columns, table, *, name: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = name[:31]
    for line in preamble:
        sheet.append([line])
        sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(wrap_text=False)
    sheet.cell(row=1, column=1).font = Font(bold=True)
    sheet.append([])
    sheet.append([column.header for column in columns])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for cells in table:
        sheet.append([cell.replace(tzinfo=None) if isinstance(cell, datetime) else cell for cell in cells])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it begins with
    sheet.oddHeader.center.text = "Protected by 42 CFR part 2: no further disclosure without written consent."
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_response(
    request, *, rows: Iterable, columns: list[Column], name: str, fmt: str, record_of: Callable | None = None
) -> HttpResponse:
    """The file of a list page: `rows` (the page's own selector's rows, all of them: a queryset is cut at
    MOST_ROWS) in `columns`, as `fmt` ("csv" or "xlsx"), named after `name` (a fixed word such as "residents").
    `record_of` gives the database row behind a row, for the audit (default: the row itself).

    Raises PermissionDenied (audited) unless the person holds `recovery.export_records`; writes one EXPORT event
    per row (`audit_export`) and the file's `ExportDisclosure` before answering, in one transaction. Times are in
    the organization's zone as the rows carry them."""
    require(request, EXPORT_PERMISSION)
    rows = list(rows[: MOST_ROWS + 1]) if hasattr(rows, "query") else list(rows)
    cut = len(rows) > MOST_ROWS
    rows = rows[:MOST_ROWS]
    table = [[neutralized(column.value(row)) for column in columns] for row in rows]
    preamble = _preamble(request, name=name, count=len(rows), cut=cut)
    content = _csv(preamble, columns, table) if fmt == "csv" else _xlsx(preamble, columns, table, name=name)
    filename = f"hearth-{name}-{organization_today(request.organization):%Y-%m-%d}.{fmt}"
    with transaction.atomic():
        resident_ids = audit_export(request, [(record_of or _itself)(row) for row in rows], name=name)
        record_disclosure(
            request, name=name, fmt=fmt, filename=filename, row_count=len(rows), resident_ids=resident_ids
        )
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@dataclass(frozen=True)
class Export:
    """One list page's export: its file's `name` (a fixed word), the list page's route (where `?format=` asks for
    the file) and its columns. Declared once per list with `declare`, so a test can walk every export."""

    name: str
    route: str
    columns: tuple[Column, ...]
    record_of: Callable | None = None  # the database row behind a listed row, when the list holds something else

    def response(self, request, rows: Iterable, fmt: str) -> HttpResponse:
        """The file of `rows` in this export's columns (see `export_response`)."""
        return export_response(
            request, rows=rows, columns=list(self.columns), name=self.name, fmt=fmt, record_of=self.record_of or _itself
        )


EXPORTS: dict[str, Export] = {}


def declare(name: str, *, route: str, columns: Iterable[Column], record_of: Callable | None = None) -> Export:
    """Declare the export of the list page at `route` (once per name; a second one with the name is an error).
    `record_of` gives the database row behind a listed row when the list holds something else (a ledger row)."""
    if name in EXPORTS:
        raise ValueError(f"An export named {name!r} is declared twice.")
    EXPORTS[name] = Export(name=name, route=route, columns=tuple(columns), record_of=record_of)
    return EXPORTS[name]


def local(moment: datetime | None) -> str:
    """A stored moment as the active organization's wall-clock time ("2026-11-30 18:05"), or "" for None."""
    if moment is None:
        return ""
    return f"{organization_now(at=moment):%Y-%m-%d %H:%M}"
