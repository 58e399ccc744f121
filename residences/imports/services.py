"""The spreadsheet import's verbs: check uploaded files, import the checked rows all or nothing, undo an import.

An import creates through the homes' and stays' own verbs (`create_residence`, `add_room_with_beds`,
`admit_resident`), so an imported home or resident is made by the same rules as one added by hand, with what those
verbs do besides (a home's default ladder, a stay's first phase). Every row made is written to the audit log by the
tenant base; the import keeps the list (`recorder.noting_creates()`), in order, so that undo can remove exactly those
rows, newest first, as long as nothing has changed them or been added to them since.
"""

import contextlib
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.utils import timezone

from recovery.audit import recorder
from recovery.audit.models import AuditEvent
from recovery.errors import DomainError
from recovery.webhooks.models import WebhookDelivery
from residences.homes.models import Bed
from residences.imports.checks import HOMES, RESIDENTS, Checked, Problem, check_rows, key
from residences.imports.models import ImportedRow, ImportStatus, SpreadsheetImport
from residences.imports.spreadsheets import SpreadsheetProblem, read_spreadsheet
from residences.stays.services import add_room_with_beds, admit_resident, create_residence

# Rows an import's verbs write that undo leaves: the record of a webhook sent about an admission stays a record.
KEPT_ON_UNDO = frozenset({WebhookDelivery._meta.label_lower})


class ImportProblem(DomainError):
    pass


class ImportRefused(ImportProblem):
    """The rows break a rule: `problems` names each by file, row and column."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(f"The import was refused: {len(self.problems)} problem(s) in the files.")


@dataclass
class Upload:
    """What `check_uploads()` found: the problems, the counts of what would be created, and the saved import to
    confirm (None while there are problems)."""

    problems: list
    checked: Checked | None = None
    spreadsheet_import: SpreadsheetImport | None = None


def _stored(sheet) -> dict | None:
    return None if sheet is None else {"columns": sheet.columns, "rows": [[n, cells] for n, cells in sheet.rows]}


def _check_stored(rows: dict) -> Checked:
    homes, residents = rows.get(HOMES), rows.get(RESIDENTS)
    return check_rows(
        homes_rows=homes and [(n, cells) for n, cells in homes["rows"]],
        homes_columns=homes and homes["columns"],
        residents_rows=residents and [(n, cells) for n, cells in residents["rows"]],
        residents_columns=residents and residents["columns"],
    )


def check_uploads(*, homes_file=None, residents_file=None, by=None) -> Upload:
    """Read and check the uploaded files (Django UploadedFiles; at least one), in the active tenant scope. With no
    problem, the rows are kept as a SpreadsheetImport waiting for the operator's yes (`import_spreadsheets()`), and
    an earlier one still waiting is replaced (its rows emptied); with problems, nothing is kept. A file that cannot
    be read at all is one problem for that file."""
    if homes_file is None and residents_file is None:
        raise ImportProblem("Choose a homes file, a residents file, or both.")
    problems, sheets = [], {}
    for file, upload in ((HOMES, homes_file), (RESIDENTS, residents_file)):
        if upload is None:
            continue
        try:
            sheets[file] = read_spreadsheet(upload)
        except SpreadsheetProblem as error:
            problems.append(Problem(file, None, None, str(error)))
    if problems:
        return Upload(problems=problems)
    rows = {file: _stored(sheet) for file, sheet in sheets.items()}
    checked = _check_stored(rows)
    if checked.problems:
        return Upload(problems=checked.problems, checked=checked)
    # One import waits for a yes at a time: an earlier one never confirmed is replaced, and its rows forgotten.
    SpreadsheetImport.objects.filter(status=ImportStatus.CHECKED).update(status=ImportStatus.REPLACED, rows={})
    spreadsheet_import = SpreadsheetImport.objects.create(
        uploaded_by=by,
        homes_file_name=sheets[HOMES].name[:200] if HOMES in sheets else "",
        residents_file_name=sheets[RESIDENTS].name[:200] if RESIDENTS in sheets else "",
        rows=rows,
        home_count=len(checked.homes),
        bed_count=checked.bed_count,
        resident_count=len(checked.residents),
    )
    return Upload(problems=[], checked=checked, spreadsheet_import=spreadsheet_import)


def checked_rows(spreadsheet_import: SpreadsheetImport) -> Checked:
    """The plan of a checked import, checked again against Hearth as it is now (for its preview page)."""
    return _check_stored(spreadsheet_import.rows or {})


def import_spreadsheets(*, spreadsheet_import: SpreadsheetImport) -> SpreadsheetImport:
    """Create every home, room, bed, resident and stay of a checked import, all or nothing.

    The rows are checked again first (a bed may have been taken since the preview); any problem, or a verb that
    refuses (BedNotAvailable, StayProblem), raises ImportRefused naming the row and nothing is created. Raises
    ImportProblem for an import already imported or undone. Runs in the active tenant scope."""
    with transaction.atomic():
        spreadsheet_import = SpreadsheetImport.objects.select_for_update().get(pk=spreadsheet_import.pk)
        if spreadsheet_import.status != ImportStatus.CHECKED:
            status = spreadsheet_import.get_status_display().lower()
            raise ImportProblem(f"This import is no longer waiting to be imported: {status}.")
        checked = checked_rows(spreadsheet_import)
        if checked.problems:
            raise ImportRefused(checked.problems)
        with recorder.noting_creates() as created:
            beds = _create_homes(checked)
            _admit_residents(checked, beds)
        ImportedRow.objects.bulk_create(
            ImportedRow(spreadsheet_import=spreadsheet_import, position=position, model_label=label, object_id=pk)
            for position, (label, pk) in enumerate(created)
        )
        spreadsheet_import.status, spreadsheet_import.imported_at = ImportStatus.IMPORTED, timezone.now()
        spreadsheet_import.rows = {}  # the homes and residents hold them now; no second copy of anyone's details
        spreadsheet_import.save()
    return spreadsheet_import


def _create_homes(checked: Checked) -> dict:
    """Create the homes of the plan; {bed key: Bed} of their beds."""
    beds = {}
    for home_key, plan in checked.homes.items():
        fields = {name: value for name, value in plan.fields.items() if value}
        residence = create_residence(name=plan.name, level=plan.level, **fields)
        for room_key, (room_name, labels) in plan.rooms.items():
            room = add_room_with_beds(
                residence=residence, name=room_name, bed_labels=[lab for lab, _ in labels.values()]
            )
            for bed in room.beds.all():
                beds[(home_key, room_key, key(bed.label))] = bed
    return beds


def _admit_residents(checked: Checked, beds: dict) -> None:
    for resident in checked.residents:
        bed = beds[resident.bed_key] if resident.bed_id is None else Bed.objects.get(pk=resident.bed_id)
        try:
            admit_resident(
                bed=bed, move_in=resident.move_in, expected_move_out=resident.expected_move_out, **resident.person
            )
        except DomainError as error:
            raise ImportRefused([Problem(RESIDENTS, resident.row, "bed", str(error))]) from error


def undo_import(*, spreadsheet_import: SpreadsheetImport) -> SpreadsheetImport:
    """Remove every row the import created, newest first, all or nothing (each removal audited).

    Refused with ImportProblem when the import is not imported (or undone already), or when anything has touched
    its rows since: a change to one of them, a record added about one of its residents (a check-in, a note), or a
    record that points at one of its homes, beds or stays (the removal would reach it). Then nothing is removed."""
    with transaction.atomic():
        spreadsheet_import = SpreadsheetImport.objects.select_for_update().get(pk=spreadsheet_import.pk)
        if spreadsheet_import.status != ImportStatus.IMPORTED:
            raise ImportProblem(
                f"This import is {spreadsheet_import.get_status_display().lower()}; there is nothing to undo."
            )
        created = [
            row for row in spreadsheet_import.created_rows.order_by("position") if row.model_label not in KEPT_ON_UNDO
        ]
        _refuse_if_touched(spreadsheet_import, created)
        for row in reversed(created):
            model = apps.get_model(row.model_label)
            obj = model._default_manager.filter(pk=row.object_id).first()
            if obj is None:
                raise ImportProblem(
                    f"A {model._meta.verbose_name} the import created has been removed since, so the import can no "
                    "longer be undone as a whole. Remove the rest on their own pages."
                )
            try:
                removed, _by_model = obj.delete()
            except (ProtectedError, RestrictedError) as error:
                raise ImportProblem(_touched_message(model)) from error
            if removed != 1:  # the removal would reach a row made after the import: roll back
                raise ImportProblem(_touched_message(model))
        spreadsheet_import.status, spreadsheet_import.undone_at = ImportStatus.UNDONE, timezone.now()
        spreadsheet_import.save()
    return spreadsheet_import


def _touched_message(model) -> str:
    return (
        f"Records added since the import point at a {model._meta.verbose_name} it created, so the import can no "
        "longer be undone. Change or remove what you do not want on its own page."
    )


def _refuse_if_touched(spreadsheet_import: SpreadsheetImport, created: list) -> None:
    """Raise ImportProblem if the audit log shows a change since the import to a row it created, or a record
    written since about one of its residents."""
    by_model = {}
    for row in created:
        by_model.setdefault(row.model_label, []).append(row.object_id)
    touched = Q(pk__in=[])
    for label, ids in by_model.items():
        touched |= Q(object_type=label, object_id__in=ids)
    resident_label = "residents.resident"
    resident_ids = [int(pk) for pk in by_model.get(resident_label, [])]
    if resident_ids:
        touched |= Q(resident_id__in=resident_ids)
    later = (
        AuditEvent.objects.filter(
            organization_id=spreadsheet_import.organization_id,
            created_at__gt=spreadsheet_import.imported_at,
            action__in=[AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE, AuditEvent.Action.DELETE],
        )
        .filter(touched)
        .order_by("created_at")
        .first()
    )
    if later is not None:
        when = timezone.localtime(later.created_at, spreadsheet_import.organization.time_zone)
        what = later.object_type.split(".")[-1] if later.object_type else "record"
        with contextlib.suppress(LookupError, ValueError):
            what = apps.get_model(later.object_type)._meta.verbose_name
        done = (
            f"a {what} about one of its residents was added"
            if later.action == AuditEvent.Action.CREATE
            else f"a {what} it created was {later.get_action_display().lower()}"
        )
        raise ImportProblem(
            f"Since the import, {done} ({when:%B %-d at %-I:%M %p}), so the import can no longer be undone. "
            "Change or remove what you do not want on its own page."
        )
