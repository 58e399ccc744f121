"""The consent pages: a resident's consents for staff, a new consent (a draft that waits for the resident's
signature), one consent with its disclosures, the resident signing on their own account, staff recording a
signature given in person (and its captured signature), revoking (for everyone or one recipient), making a
disclosure (which downloads the document; it shows the expiry, and asks to confirm an event Hearth cannot know has
not happened), marking such an event as happened (which ends the consent), and the resident's own page.

Every view looks its object up through the tenant-scoped manager before it checks permission, so another
organization's id is a 404 for everyone. Every view of a resident's record is audited.
"""

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from recovery.audit import recorder
from recovery.audit.models import AuditEvent
from recovery.audit.recorder import record_denied, record_view
from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.pagination import page_of
from recovery.permissions import member_required, permission_required
from recovery.tenancy import organization_today
from recovery.widgets import DateInput
from residences.compliance.models import DOCUMENT_TYPES_TEXT
from residents.consents import services
from residents.consents.models import Consent, ConsentRecipient, DisclosureChannel, ExpiryEvent, InPersonMethod
from residents.profiles.lookups import resident_or_404
from residents.profiles.selectors import my_resident_record
from residents.sensitivity import InfoClass, can_see_class


class ConsentForm(forms.Form):
    discloser = forms.CharField(label="Who may disclose", max_length=200)
    information_classes = forms.MultipleChoiceField(
        label="Kinds of information", choices=InfoClass.choices, widget=forms.CheckboxSelectMultiple
    )
    information_description = forms.CharField(
        label="Exactly what information",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="How much and what kind, for example “results of weekly drug tests since move-in”.",
    )
    recipients = forms.CharField(
        label="Recipients, one per line",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Name, then a comma and their role or organization: “Dana Cole, Probation officer, County”.",
    )
    purpose = forms.CharField(label="Purpose", widget=forms.Textarea(attrs={"rows": 2}))
    expires_on = forms.DateField(label="Expires on (date)", required=False, widget=DateInput())
    expiry_kind = forms.ChoiceField(
        label="Or expires on an event",
        choices=[("", "No event: the date only"), *ExpiryEvent.choices],
        required=False,
        help_text="Hearth ends the consent by itself on a move-out, a discharge or the end of their current phase. "
        "Another event is shown at every disclosure for you to confirm it has not happened.",
    )
    expiry_event = forms.CharField(
        label="The other event, in words", max_length=200, required=False, help_text="For example “probation ends”."
    )
    revocation_terms = forms.CharField(
        label="The right to revoke, and how",
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=services.DEFAULT_REVOCATION_TERMS,
    )

    def clean_recipients(self):
        pairs = []
        for line in self.cleaned_data["recipients"].splitlines():
            name, _comma, role = line.partition(",")
            if name.strip():
                pairs.append((name.strip()[:200], role.strip()[:200]))
        if not pairs:
            raise forms.ValidationError("Name at least one recipient.")
        return pairs


class RevokeForm(forms.Form):
    recipient = forms.ModelChoiceField(
        label="Revoke for", queryset=ConsentRecipient.objects.none(), required=False, empty_label="Every recipient"
    )

    def __init__(self, *args, consent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = consent.recipients.filter(revoked_at__isnull=True)


class SignForm(forms.Form):
    agreed = forms.BooleanField(
        label="I have read this consent and I agree to the disclosure it describes.",
        error_messages={"required": "Tick the box to say you agree."},
    )
    signed_name = forms.CharField(label="Type your full name to sign", max_length=200)


class InPersonSignatureForm(forms.Form):
    witnessed = forms.BooleanField(
        label="I saw the resident read and sign this consent.",
        error_messages={"required": "Tick the box to say you saw the resident sign it."},
    )
    method = forms.ChoiceField(label="How they signed", choices=InPersonMethod.choices, widget=forms.RadioSelect)
    witness_name = forms.CharField(
        label="Another witness (optional)",
        max_length=200,
        required=False,
        help_text="Only if someone else also saw them sign. You are recorded as the witness.",
    )
    signature_file = forms.FileField(
        label="Captured signature (optional)",
        required=False,
        help_text=f"The signed page, scanned or photographed: {DOCUMENT_TYPES_TEXT}, at most 10 MB.",
    )


class DiscloseForm(forms.Form):
    recipient = forms.ModelChoiceField(label="To", queryset=ConsentRecipient.objects.none(), empty_label=None)
    information_classes = forms.MultipleChoiceField(
        label="Kinds of information disclosed", choices=InfoClass.choices, widget=forms.CheckboxSelectMultiple
    )
    channel = forms.ChoiceField(label="How", choices=DisclosureChannel.choices, initial=DisclosureChannel.EXPORT)
    description = forms.CharField(label="What, in a few words", max_length=300)

    def __init__(self, *args, consent, membership, to_confirm="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = consent.recipients.all()
        if to_confirm:
            self.fields["event_not_happened"] = forms.BooleanField(
                label=f"I confirm that this has not happened: {to_confirm}.",
                error_messages={"required": "Tick the box to confirm it has not happened, or mark it as happened."},
            )
        # Nobody discloses a class their role does not see by default.
        self.fields["information_classes"].choices = [
            (value, label) for value, label in InfoClass.choices if can_see_class(membership, value)
        ]


class EventHappenedForm(forms.Form):
    on = forms.DateField(label="It happened on", widget=DateInput())


def _consent(request, pk, permission):
    return object_or_404(
        request,
        Consent.objects.select_related("resident", *services.CONSENT_EXPIRY_JOINS).prefetch_related("recipients"),
        permission,
        pk=pk,
        checked_on="resident",
    )


@member_required
@require_safe
def consents(request, resident_pk):
    resident = resident_or_404(request, resident_pk, "residents.view_consents")
    record_view(resident, detail="consents")
    page = page_of(request, services.consents_of(resident))
    context = {
        "resident": resident,
        "page": page,
        "consents": [(consent, services.consent_problem(consent)) for consent in page.object_list],
        "can_manage": request.user.has_perm("residents.manage_consents", resident),
    }
    return render(request, "residents/consents/list.html", context)


@member_required
def consent_new(request, resident_pk):
    resident = resident_or_404(request, resident_pk, "residents.manage_consents")
    initial = {"discloser": request.organization.name}
    form = ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            consent = services.grant_consent(resident=resident, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "The consent is saved. Nothing may be disclosed under it until the resident signs it on their own "
                    "account, or you record the signature they give you in person."
                ),
            )
            return redirect("residents:consent_detail", pk=consent.pk)
    elif request.method == "GET":
        record_view(resident, detail="new consent form")
    return render(request, "residents/consents/new.html", {"resident": resident, "form": form})


@member_required
@require_safe
def consent_detail(request, pk):
    consent = _consent(request, pk, "residents.view_consents")
    record_view(consent.resident, detail="consent")
    context = {
        "consent": consent,
        "resident": consent.resident,
        "problem": services.consent_problem(consent),
        "scope": services.consent_scope_summary(consent),
        "disclosures": consent.disclosures.select_related("recipient")[:100],
        "can_manage": request.user.has_perm("residents.manage_consents", consent.resident),
        "can_record_signature": request.user.has_perm("residents.record_in_person_signature", consent.resident),
        "event_to_mark": consent.expiry_kind == ExpiryEvent.OTHER and consent.event_happened_on is None,
    }
    if consent.signature_file and request.user.has_perm("residents.view_consent_signature", consent.resident):
        context["signature_url"] = reverse("residents:consent_signature", kwargs={"pk": consent.pk})
    return render(request, "residents/consents/detail.html", context)


@member_required
def consent_sign(request, pk):
    """The resident signs on their own account. Anyone else who may read the consent (staff) is refused with the
    way to record a signature given in person."""
    consent = _consent(request, pk, "residents.read_consent")
    if not request.user.has_perm("residents.sign_consent", consent.resident):
        record_denied(organization=request.organization, permission="residents.sign_consent", obj=consent.resident)
        context = {
            "consent": consent,
            "can_record_signature": request.user.has_perm("residents.record_in_person_signature", consent.resident),
        }
        return render(request, "residents/consents/sign_refused.html", context, status=403)
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_consent(consent=consent, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Signed. Thank you."))
            return redirect("residents:my_consents")
    else:
        record_view(consent.resident, detail="consent to sign")
    context = {"consent": consent, "form": form, "scope": services.consent_scope_summary(consent)}
    return render(request, "residents/consents/sign.html", context)


@member_required
def consent_sign_in_person(request, pk):
    """Staff record a signature the resident gave in front of them; they are named as the witness."""
    consent = _consent(request, pk, "residents.record_in_person_signature")
    form = InPersonSignatureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_in_person_signature(
                consent=consent,
                witness=request.user,
                method=form.cleaned_data["method"],
                witness_name=form.cleaned_data["witness_name"],
                signature_file=form.cleaned_data["signature_file"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The in-person signature is recorded, with you as its witness."))
            return redirect("residents:consent_detail", pk=consent.pk)
    elif request.method == "GET":
        record_view(consent.resident, detail="consent to record signature")
    context = {"consent": consent, "form": form, "scope": services.consent_scope_summary(consent)}
    return render(request, "residents/consents/sign_in_person.html", context)


@member_required
@require_safe
def consent_signature(request, pk):
    """The captured signature of a consent signed in person, downloaded; audited as a view of the consent."""
    consent = _consent(request, pk, "residents.view_consent_signature")
    if not consent.signature_file:
        raise Http404("This consent has no captured signature.")
    try:
        stored = consent.signature_file.open("rb")
    except FileNotFoundError as error:
        raise Http404("This signature's file could not be found.") from error
    recorder.record(AuditEvent.Action.VIEW, obj=consent, detail="captured signature")
    suffix = consent.signature_file.name.rpartition(".")[2]
    return FileResponse(stored, as_attachment=True, filename=f"consent-{consent.pk}-signature.{suffix}")


@member_required
def consent_revoke(request, pk):
    consent = _consent(request, pk, "residents.revoke_consent")
    is_resident = consent.resident.user_id == request.user.pk
    form = RevokeForm(request.POST or None, consent=consent)
    if request.method == "POST" and form.is_valid():
        recipient = form.cleaned_data["recipient"]
        services.revoke_consent(consent=consent, recipient=recipient, by=request.user)
        messages.success(
            request, f"The consent is revoked for {recipient}." if recipient else "The consent is revoked."
        )
        if is_resident:
            return redirect("residents:my_consents")
        return redirect("residents:consent_detail", pk=consent.pk)
    record_view(consent.resident, detail="consent to revoke")
    context = {"consent": consent, "form": form, "is_resident": is_resident}
    return render(request, "residents/consents/revoke.html", context)


@member_required
def disclose(request, pk):
    consent = _consent(request, pk, "residents.disclose")
    expiry = services.expiry_of(consent, today=organization_today(request.organization))
    form = DiscloseForm(
        request.POST or None,
        consent=consent,
        membership=request.membership,
        to_confirm=expiry.to_confirm,
        initial={"information_classes": consent.information_classes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            disclosure = services.disclose(
                consent_recipient=form.cleaned_data["recipient"],
                info_classes=form.cleaned_data["information_classes"],
                channel=form.cleaned_data["channel"],
                description=form.cleaned_data["description"],
                event_not_happened=form.cleaned_data.get("event_not_happened", False),
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            response = HttpResponse(
                services.render_disclosure_document(disclosure=disclosure), content_type="text/html; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="disclosure-{disclosure.pk}.html"'
            response["Cache-Control"] = "no-store"
            return response
    elif request.method == "GET":
        record_view(consent.resident, detail="disclosure form")
    context = {
        "consent": consent,
        "resident": consent.resident,
        "form": form,
        "problem": services.consent_problem(consent),
    }
    return render(request, "residents/consents/disclose.html", context)


@member_required
def consent_event_happened(request, pk):
    """Staff mark that the event a consent expires on, one Hearth cannot know, has happened: the consent ends."""
    consent = _consent(request, pk, "residents.manage_consents")
    today = organization_today(request.organization)
    form = EventHappenedForm(request.POST or None, initial={"on": today})
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_expiry_event_happened(consent=consent, on=form.cleaned_data["on"], by=request.user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The event is marked as happened; nothing more may be disclosed under it."))
            return redirect("residents:consent_detail", pk=consent.pk)
    elif request.method == "GET":
        record_view(consent.resident, detail="consent expiry event")
    context = {"consent": consent, "resident": consent.resident, "form": form}
    return render(request, "residents/consents/event_happened.html", context)


@permission_required("residents.view_own_consents")
@require_safe
def my_consents(request):
    resident = my_resident_record(request.user)
    context = {"resident": resident, "consents": [], "disclosures": None}
    if resident is not None:
        record_view(resident, detail="own consents")
        consents = [(consent, services.consent_problem(consent)) for consent in services.consents_of(resident)]
        waiting = set(services.consents_to_sign(resident).values_list("pk", flat=True))
        context["to_sign"] = [pair for pair in consents if pair[0].pk in waiting]
        context["consents"] = [pair for pair in consents if pair[0].pk not in waiting]
        context["page"] = page_of(request, services.accounting_of_disclosures(resident), 50)
        context["years"] = services.ACCOUNTING_YEARS
        context["exports"] = services.exports_holding(resident)
    return render(request, "residents/consents/mine.html", context)
