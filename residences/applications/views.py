"""Intake pages: the waitlist, one application (move, note, priority), the admit wizard, and the bed board it
lands on. Each looks its object up in the tenant scope before checking permission, so another organization's
object is a 404 for everyone. The forms live here, beside the views that parse them.
"""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.pagination import page_of
from recovery.permissions import member_required, require
from recovery.tenancy import home_today, organization_today
from recovery.widgets import DateInput
from residences.applications import services as intake
from residences.applications.selectors import OPEN, application_notes, beds_free_from, status_counts, waitlist
from residences.homes.lookups import residence_or_404
from residences.homes.selectors import bed_board, bed_counts, visible_residences
from residences.models import OPEN_STATUSES, Application, ApplicationStatus, Bed, Residence
from residences.stays.services import ADMIT_AHEAD_DAYS, ADMIT_PAST_DAYS, admit_applicant

WAITLIST_PAGE_SIZE = 25


# --- Forms ---------------------------------------------------------------------------------------------------


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(label="Move to", error_messages={"required": "Choose the next step."})
    reason = forms.CharField(
        label="Reason (needed when declining)",
        required=False,
        max_length=intake.REASON_MAX_LENGTH,
        error_messages={"max_length": "Keep the reason to %(limit_value)d characters; add more as a note."},
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (status, ApplicationStatus(status).label) for status in intake.next_statuses(application)
        ]
        self.fields["to_status"].error_messages["invalid_choice"] = (
            "That step is not open from where this application is now. Choose one of the listed steps."
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note",
        max_length=intake.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen by the people doing intake, never by the applicant.",
        error_messages={
            "required": "Write something in the note before saving it.",
            "max_length": "A note can be up to %(limit_value)d characters (this has %(show_value)d); split it in two.",
        },
    )


class TriageForm(forms.Form):
    priority = forms.TypedChoiceField(
        label="Priority",
        coerce=int,
        choices=[(1, "1 — most urgent"), (2, "2"), (3, "3"), (4, "4"), (5, "5 — least urgent")],
        error_messages={"invalid_choice": "Choose a priority from 1 (most urgent) to 5."},
    )
    house_consulted = forms.BooleanField(
        label="The house was consulted", required=False, help_text="Residents help choose who they live with."
    )


class AdmitPlaceForm(forms.Form):
    """The wizard's first step: which home, from which day."""

    residence = forms.ModelChoiceField(
        label="Home",
        queryset=Residence.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose a home.", "invalid_choice": "Choose one of the homes you look after."},
    )
    move_in = forms.DateField(
        label="Move-in date",
        widget=DateInput(),
        error_messages={
            "required": "Choose the move-in date.",
            "invalid": "Enter the date as year-month-day, for example 2025-06-01.",
        },
    )

    def __init__(self, *args, residences, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residence"].queryset = residences
        self.today = today

    def clean_move_in(self):
        move_in = self.cleaned_data["move_in"]
        if move_in < self.today - timedelta(days=ADMIT_PAST_DAYS):
            raise forms.ValidationError(f"A move-in can be recorded up to {ADMIT_PAST_DAYS} days late, not more.")
        if move_in > self.today + timedelta(days=ADMIT_AHEAD_DAYS):
            raise forms.ValidationError("Choose a move-in date within the next year.")
        return move_in


class AdmitBedForm(AdmitPlaceForm):
    """The wizard's second step: a bed free from that day, and when they expect to move on."""

    bed = forms.ModelChoiceField(
        label="Bed",
        queryset=Bed.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a bed.",
            "invalid_choice": "That bed is not free from the move-in date any more. Choose another bed.",
        },
    )
    expected_move_out = forms.DateField(
        label="Expected move-out (optional)",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Enter the date as year-month-day, for example 2025-12-01."},
    )

    def __init__(self, *args, free_beds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bed"].queryset = free_beds
        self.fields["bed"].label_from_instance = lambda bed: f"{bed.room.name} · {bed.label}"

    def clean(self):
        cleaned = super().clean()
        move_in, move_out = cleaned.get("move_in"), cleaned.get("expected_move_out")
        if move_in and move_out and move_out <= move_in:
            self.add_error("expected_move_out", "The expected move-out must come after the move-in date.")
        return cleaned


# --- Helpers ---------------------------------------------------------------------------------------------------


def _application(request, pk, *, change=False) -> Application:
    """The application, found in this organization first (404 otherwise), then the person's right to it."""
    application = object_or_404(
        request, Application.objects.select_related("residence"), "residences.view_application", pk=pk
    )
    if change:
        require(request, "residences.change_application", application)
    return application


def _detail_page(request, application, *, move_form=None, note_form=None, triage_form=None, status=200):
    context = {
        "application": application,
        "notes": application_notes(application),
        "move_form": move_form or MoveForm(application=application),
        "note_form": note_form or NoteForm(),
        "triage_form": triage_form
        or TriageForm(initial={"priority": application.priority, "house_consulted": application.house_consulted}),
        "may_admit": application.status in OPEN_STATUSES and application.resident_id is None,
    }
    return render(request, "residences/applications/application_detail.html", context, status=status)


# --- Pages ---------------------------------------------------------------------------------------------------


@member_required
@require_safe
def waitlist_page(request):
    require(request, "residences.view_applications")
    counts = status_counts(request.membership)
    status = request.GET.get("status", OPEN)
    if status != OPEN and status not in ApplicationStatus.values:
        status = OPEN
    page = page_of(request, waitlist(request.membership, status=status), WAITLIST_PAGE_SIZE)
    tabs = [(OPEN, "Open", counts[OPEN])] + [
        (value, label, counts[value]) for value, label in ApplicationStatus.choices
    ]
    context = {"page": page, "status": status, "tabs": tabs, "query": f"status={status}"}
    return render(request, "residences/applications/waitlist.html", context)


@member_required
@require_safe
def application_detail(request, pk):
    application = _application(request, pk)
    record_view(application, detail="application")
    return _detail_page(request, application)


@member_required
@require_POST
def application_move(request, pk):
    application = _application(request, pk, change=True)
    form = MoveForm(request.POST, application=application)
    if form.is_valid():
        try:
            application = intake.move_application(
                application=application,
                to_status=form.cleaned_data["to_status"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Moved to “{application.get_status_display()}”.")
            return redirect("residences:application_detail", pk=application.pk)
    return _detail_page(request, application, move_form=form, status=400)


@member_required
@require_POST
def application_note(request, pk):
    application = _application(request, pk, change=True)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            intake.add_note(application=application, by=request.user, text=form.cleaned_data["text"])
        except DomainError as error:
            form.add_error("text", str(error))
        else:
            messages.success(request, _("The note is saved."))
            return redirect("residences:application_detail", pk=application.pk)
    return _detail_page(request, application, note_form=form, status=400)


@member_required
@require_POST
def application_triage(request, pk):
    application = _application(request, pk, change=True)
    form = TriageForm(request.POST)
    if form.is_valid():
        try:
            intake.set_priority(application=application, priority=form.cleaned_data["priority"])
            intake.mark_house_consulted(application=application, consulted=form.cleaned_data["house_consulted"])
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Priority and house consultation are saved."))
            return redirect("residences:application_detail", pk=application.pk)
    return _detail_page(request, application, triage_form=form, status=400)


@member_required
def admit(request, pk):
    """The admit wizard: home and move-in date, then a bed free from that day. Admitting creates the
    resident, the stay and the bed assignment together, or nothing."""
    application = _application(request, pk, change=True)
    today = organization_today(request.organization)
    residences = visible_residences(request.membership).order_by("name")
    context = {"application": application}
    if request.method == "POST":
        data = request.POST
    elif "residence" in request.GET:
        data = request.GET
    else:
        data = None
    first_day = application.hoped_move_in if application.hoped_move_in and application.hoped_move_in >= today else today
    place = AdmitPlaceForm(
        data, residences=residences, today=today, initial={"residence": application.residence_id, "move_in": first_day}
    )
    if not place.is_valid():
        return render(
            request,
            "residences/applications/admit.html",
            {**context, "place": place},
            status=400 if request.method == "POST" else 200,
        )

    residence, move_in = place.cleaned_data["residence"], place.cleaned_data["move_in"]
    require(request, "residences.admit", residence)
    form = AdmitBedForm(
        request.POST if request.method == "POST" else None,
        residences=residences,
        today=today,
        free_beds=beds_free_from(residence, move_in),
        initial={"residence": residence.pk, "move_in": move_in},
    )
    if request.method == "POST" and form.is_valid():
        try:
            stay = admit_applicant(
                application=application,
                bed=form.cleaned_data["bed"],
                move_in=move_in,
                expected_move_out=form.cleaned_data["expected_move_out"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            bed = form.cleaned_data["bed"]
            messages.success(
                request,
                f"{stay.resident.display_name} is admitted to {bed.room.name} · {bed.label} from {move_in:%B %-d}.",
            )
            # Next: invite them on the spot, and the steps after admission (residents' welcome page).
            return redirect("residents:welcome", pk=stay.resident_id)
    context.update(place=place, form=form, residence=residence, move_in=move_in)
    return render(request, "residences/applications/admit.html", context, status=400 if form.errors else 200)


@member_required
@require_safe
def bed_board_page(request, pk):
    residence = residence_or_404(request, pk, "residences.view_residence")
    today = home_today(residence)
    board = bed_board(residence, today=today)
    record_view(residence, detail="bed board")
    context = {
        "residence": residence,
        "board": board,
        "counts": bed_counts(board),
        "today": today,
        "can_manage_beds": request.user.has_perm("residences.manage_beds", residence),
    }
    return render(request, "residences/applications/bed_board.html", context)
