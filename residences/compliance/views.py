"""Compliance pages: a home's checklist by domain, one requirement's status and evidence (with an uploaded
document), the document's download, and the certification packet in one download."""

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from recovery.audit import recorder
from recovery.audit.models import AuditEvent
from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.pdf import render_pdf, wants_pdf
from recovery.permissions import member_required, require
from recovery.tenancy import home_today
from residences.compliance import selectors, services
from residences.compliance.models import DOCUMENT_TYPES_TEXT, ComplianceStatus
from residences.homes.lookups import residence_or_404
from residences.models import ComplianceItem


class ComplianceItemForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=ComplianceStatus.choices)
    evidence_notes = forms.CharField(
        label="Evidence notes",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="How the home meets it, and where a certifier can see it.",
    )
    document = forms.FileField(
        label="Policy or evidence document (optional)",
        required=False,
        help_text=f"Upload {DOCUMENT_TYPES_TEXT}, at most 10 MB. A new upload replaces the current document.",
        # A plain file input: removing is the labelled checkbox below, not the clearable widget's unlabelled one.
        widget=forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx"}),
    )
    remove_document = forms.BooleanField(label="Remove the current document", required=False)


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def compliance(request, residence_pk):
    """The checklist; POST creates what the home's level asks for and it does not have yet."""
    residence = residence_or_404(request, residence_pk, "residences.view_compliance")
    if request.method == "POST":
        require(request, "residences.change_compliance", residence)
        added = services.create_checklist_for(residence=residence)
        if added:
            messages.success(request, f"{added} requirements for level {residence.level} are on the checklist.")
        else:
            messages.info(request, _("The checklist already has everything this home's level asks for."))
        return redirect("residences:compliance", residence_pk=residence.pk)
    return render(
        request,
        "residences/compliance/compliance.html",
        {
            "residence": residence,
            "checklist": selectors.checklist(residence),
            "can_change": request.user.has_perm("residences.change_compliance", residence),
        },
    )


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def compliance_item(request, pk):
    item = object_or_404(
        request,
        ComplianceItem.objects.select_related("residence__organization", "updated_by"),
        "residences.view_compliance",
        pk=pk,
        checked_on="residence",
    )
    residence = item.residence
    form = ComplianceItemForm(
        request.POST or None,
        request.FILES or None,
        initial={"status": item.status, "evidence_notes": item.evidence_notes},
    )
    if request.method == "POST":
        require(request, "residences.change_compliance", residence)
        if form.is_valid():
            try:
                services.update_compliance_item(item=item, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{item.code} is saved.")
                return redirect("residences:compliance", residence_pk=residence.pk)
    return render(
        request, "residences/compliance/compliance_item.html", {"residence": residence, "item": item, "form": form}
    )


@member_required
@require_safe
def compliance_document(request, pk):
    item = object_or_404(
        request,
        ComplianceItem.objects.select_related("residence__organization"),
        "residences.view_compliance",
        pk=pk,
        checked_on="residence",
    )
    if not item.document:
        raise Http404("This requirement has no document.")
    try:
        stored = item.document.open("rb")
    except FileNotFoundError as error:
        raise Http404("This document's file could not be found.") from error
    recorder.record(AuditEvent.Action.VIEW, obj=item, detail="compliance document")
    return FileResponse(stored, as_attachment=True, filename=item.document_name or "document")


@member_required
@require_safe
def certification_packet(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "residences.download_certification_packet")
    today = home_today(residence)
    if wants_pdf(request):
        # The index alone, printable; the uploaded documents stay in the ZIP.
        recorder.record(AuditEvent.Action.EXPORT, obj=residence, detail="certification packet PDF")
        context = services.packet_index_context(residence=residence, today=today)
        filename = services.packet_filename(residence, today=today, extension="pdf")
        return render_pdf(request, "residences/compliance/packet_index.html", context, filename=filename)
    packet = services.build_certification_packet(residence=residence, today=today)
    recorder.record(AuditEvent.Action.EXPORT, obj=residence, detail="certification packet")
    response = HttpResponse(packet, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{services.packet_filename(residence, today=today)}"'
    return response
