"""Pages for phases: a home's phase editor, a resident's phase (staff), "my phase" (the resident, on the phone),
requests waiting for a decision, the house's celebrations, and the alumni."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.lookups import found_or_404, object_or_404
from recovery.models import Role
from recovery.permissions import member_required, permission_required, require
from recovery.tenancy import home_today, organization_today
from residences.homes.lookups import residence_or_404
from residences.homes.selectors import stay_has_ended, visible_residences
from residents.models import AdvanceRequest, Alumnus, Phase
from residents.phases import selectors, services
from residents.phases.forms import AdvanceRequestForm, AlumnusForm, DecisionForm, MoveForm, PhaseForm
from residents.profiles.lookups import resident_or_404
from residents.profiles.selectors import my_resident_record


def _home(request, residence_pk):
    return residence_or_404(request, residence_pk, "residents.manage_phases")


def _record_list_view(request, detail: str) -> None:
    """Lists that name residents are views of their records too (as the residents list is)."""
    from recovery.audit import recorder
    from recovery.audit.models import AuditEvent

    recorder.record(AuditEvent.Action.VIEW, organization=request.organization, detail=detail)


@member_required
def residence_phases(request, residence_pk):
    """A home's phases in order, and a form to add one (or start from the usual four)."""
    residence = _home(request, residence_pk)
    form = PhaseForm(request.POST or None, initial={"position": residence.phases.count() + 1})
    if request.method == "POST":
        if "standard" in request.POST:
            services.add_standard_phases(residence=residence)
            messages.success(request, _("The usual four phases are set up; change them to fit the house."))
            return redirect("residents:residence_phases", residence_pk=residence.pk)
        if form.is_valid():
            phase = form.save(commit=False)
            phase.residence = residence
            try:
                services.save_phase(phase=phase)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{phase.name} is added.")
                return redirect("residents:residence_phases", residence_pk=residence.pk)
    context = {"residence": residence, "phases": list(residence.phases.all()), "form": form}
    return render(request, "residents/phases/residence_phases.html", context)


@member_required
def phase_edit(request, pk):
    phase = object_or_404(
        request, Phase.objects.select_related("residence"), "residents.manage_phases", pk=pk, checked_on="residence"
    )
    form = PhaseForm(request.POST or None, instance=phase)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_phase(phase=form.save(commit=False))
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{phase.name} is saved.")
            return redirect("residents:residence_phases", residence_pk=phase.residence_id)
    return render(request, "residents/phases/phase_edit.html", {"form": form, "phase": phase})


@member_required
def resident_phase(request, pk):
    """Staff: where the resident stands, their history, a pending request to decide, or a move to make."""
    resident = resident_or_404(request, pk, "residents.view_phase")
    record_view(resident, detail="phase")
    stay = selectors.latest_stay(resident)
    home = services.stay_home(stay) if stay is not None else None
    picture = selectors.phase_picture(stay, today=home_today(home))
    phases = Phase.objects.filter(residence=home) if home else None
    move_form = MoveForm(request.POST or None, phases=phases, initial={"on": home_today(home)})
    if request.method == "POST":
        require(request, "residents.decide_phase", resident)
        if move_form.is_valid():
            data = move_form.cleaned_data
            try:
                services.move_to_phase(
                    stay=stay, phase=data["phase"], on=data["on"], by=request.user, note=data["note"]
                )
            except DomainError as error:
                move_form.add_error(None, str(error))
            else:
                messages.success(request, f"{resident.display_name} is now in {data['phase'].name}.")
                return redirect("residents:resident_phase", pk=resident.pk)
    can_move = phases is not None and stay and not stay_has_ended(stay, home_today(home))
    context = {
        "resident": resident,
        "picture": picture,
        "move_form": move_form if can_move else None,
        "decision_form": DecisionForm(),
        "can_decide": request.user.has_perm("residents.decide_phase", resident),
    }
    return render(request, "residents/phases/resident_phase.html", context)


@member_required
@require_POST
def decide_request(request, pk):
    advance = object_or_404(
        request,
        AdvanceRequest.objects.select_related("stay__resident", "to_phase"),
        "residents.decide_phase",
        pk=pk,
        checked_on="stay.resident",
    )
    resident = advance.stay.resident
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or not yet. Nothing was decided."))
        return redirect("residents:resident_phase", pk=resident.pk)
    data = form.cleaned_data
    try:
        services.decide(
            request=advance,
            approve=data["approve"],
            by=request.user,
            on=organization_today(request.organization),
            note=data["note"],
            by_house_vote=data["by_house_vote"],
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        if data["approve"]:
            messages.success(request, f"Approved: {resident.display_name} moves to {advance.to_phase.name}.")
        else:
            messages.success(request, _("Your answer is sent; the resident sees what is still needed."))
    return redirect("residents:resident_phase", pk=resident.pk)


@permission_required("residents.view_advance_requests")
@require_safe
def advance_requests(request):
    requests = selectors.pending_requests(visible_residences(request.membership, own_home=True))
    _record_list_view(request, "requests to advance")
    return render(request, "residents/phases/advance_requests.html", {"requests": requests})


@member_required
def my_phase(request):
    """The resident's phase on their phone: where they are, what it asks, asking to advance, staying connected."""
    resident = my_resident_record(request.user)
    if resident is None:
        return render(request, "residents/phases/my_phase.html", {"resident": None})
    record_view(resident, detail="own phase")
    stay = selectors.latest_stay(resident)
    form = AdvanceRequestForm(request.POST or None)
    alumnus = Alumnus.objects.filter(resident=resident).first()
    good_exit = services.had_good_exit(resident)
    alumni_form = AlumnusForm(request.POST or None, instance=alumnus, prefix="alumni") if good_exit else None
    if request.method == "POST":
        require(request, "residents.ask_to_advance", resident)
        try:
            with transaction.atomic():
                if "withdraw" in request.POST:
                    mine = AdvanceRequest.objects.filter(stay__resident=resident)
                    pending = found_or_404(request, mine, pk=request.POST["withdraw"])
                    services.withdraw(request=pending)
                    messages.success(request, _("Your request is withdrawn."))
                    return redirect("residents:my_phase")
                if "alumni" in request.POST and alumni_form is not None:
                    if alumni_form.is_valid():
                        services.join_alumni(
                            resident=resident, on=organization_today(request.organization), **alumni_form.cleaned_data
                        )
                        messages.success(request, _("Thank you — your choices are saved."))
                        return redirect("residents:my_phase")
                elif stay is not None and form.is_valid():
                    services.ask_to_advance(stay=stay, why_ready=form.cleaned_data["why_ready"])
                    messages.success(request, _("Your request is sent. You'll get a message when there is an answer."))
                    return redirect("residents:my_phase")
        except DomainError as error:
            form.add_error(None, str(error))
        except (ValueError, Http404):
            messages.error(request, _("That request could not be found."))
            return redirect("residents:my_phase")
    context = {
        "resident": resident,
        "picture": selectors.phase_picture(stay, today=organization_today(request.organization)),
        "form": form,
        "alumni_form": alumni_form,
        "alumnus": alumnus,
    }
    return render(request, "residents/phases/my_phase.html", context)


@permission_required("residents.view_celebrations")
@require_safe
def celebrations(request):
    rows = selectors.recent_celebrations(
        visible_residences(request.membership, own_home=True), today=organization_today(request.organization)
    )
    _record_list_view(request, "celebrations")
    return render(request, "residents/phases/celebrations.html", {"celebrations": rows})


@permission_required("residents.view_alumni")
@require_safe
def alumni(request):
    homes = visible_residences(request.membership) if request.membership.role == Role.HOUSE_MANAGER else None
    _record_list_view(request, "alumni")
    return render(request, "residents/phases/alumni.html", {"alumni": selectors.alumni(homes)})
