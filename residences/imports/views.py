"""Pages of the spreadsheet import: upload and check, the preview to confirm, the result with its undo, and the empty
template of each file."""

import csv
import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from recovery.permissions import member_required, permission_required
from residences.imports import selectors, services
from residences.imports.checks import COLUMNS, HOMES, RESIDENTS
from residences.imports.forms import UploadForm
from residences.imports.lookups import import_or_404
from residences.imports.models import ImportStatus


def _start_page(request, form, problems=(), checked=None):
    context = {
        "form": form,
        "problems": problems,
        "checked": checked,
        "imports": selectors.recent_imports(),
        "columns": {HOMES: COLUMNS[HOMES], RESIDENTS: COLUMNS[RESIDENTS]},
    }
    return render(request, "residences/imports/import_start.html", context)


@permission_required("residences.import_spreadsheets")
def import_start(request):
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        upload = services.check_uploads(
            homes_file=form.cleaned_data["homes_file"],
            residents_file=form.cleaned_data["residents_file"],
            by=request.user,
        )
        if upload.spreadsheet_import is not None:
            return redirect("residences:import_detail", pk=upload.spreadsheet_import.pk)
        return _start_page(request, UploadForm(), upload.problems, upload.checked)
    return _start_page(request, form)


@permission_required("residences.import_spreadsheets")
@require_safe
def import_template(request, file):
    """An empty file with the column names in the first row, to fill in and upload."""
    out = io.StringIO()
    csv.writer(out).writerow(COLUMNS[file])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hearth-{file}.csv"'
    return response


@member_required
@require_safe
def import_detail(request, pk):
    spreadsheet_import = import_or_404(request, pk)
    return _detail_page(request, spreadsheet_import)


def _detail_page(request, spreadsheet_import, problems=None):
    context = {"spreadsheet_import": spreadsheet_import, "problems": problems}
    if spreadsheet_import.status == ImportStatus.CHECKED:
        checked = services.checked_rows(spreadsheet_import)
        context.update(checked=checked, problems=problems or checked.problems)
    elif spreadsheet_import.status == ImportStatus.IMPORTED:
        context["assignments"] = selectors.imported_bed_assignments(spreadsheet_import)
    return render(request, "residences/imports/import_detail.html", context)


@member_required
@require_POST
def import_apply(request, pk):
    spreadsheet_import = import_or_404(request, pk)
    try:
        spreadsheet_import = services.import_spreadsheets(spreadsheet_import=spreadsheet_import)
    except services.ImportRefused as refused:
        return _detail_page(request, spreadsheet_import, refused.problems)
    except services.ImportProblem as error:
        messages.error(request, str(error))
        return redirect("residences:import_detail", pk=spreadsheet_import.pk)
    messages.success(
        request,
        f"Imported {spreadsheet_import.home_count} homes with {spreadsheet_import.bed_count} beds and "
        f"{spreadsheet_import.resident_count} residents.",
    )
    return redirect("residences:import_detail", pk=spreadsheet_import.pk)


@member_required
@require_POST
def import_undo(request, pk):
    spreadsheet_import = import_or_404(request, pk)
    try:
        services.undo_import(spreadsheet_import=spreadsheet_import)
    except services.ImportProblem as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The import is undone: the homes and residents it added are removed.")
    return redirect("residences:import_detail", pk=spreadsheet_import.pk)
