"""Pages for the homes themselves: the list, a home's page, its policies, rooms and beds."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.permissions import member_required, permission_required
from recovery.tenancy import home_today, organization_today
from residences.homes import selectors
from residences.homes.forms import BedServiceForm, ResidenceForm, ResidencePoliciesForm, RoomForm
from residences.homes.lookups import residence_or_404
from residences.ledger import selectors as ledger_selectors
from residences.models import Bed
from residences.stays import services


@permission_required("residences.view_residences")
@require_safe
def residence_list(request):
    residences = selectors.residences_with_occupancy(request.membership, today=organization_today(request.organization))
    return render(request, "residences/homes/residence_list.html", {"residences": residences})


@permission_required("residences.add_residence")
def residence_create(request):
    form = ResidenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        residence = services.create_residence(**form.cleaned_data)
        messages.success(
            request, f"{residence.name} is set up with the defaults of its level. Add rooms and beds next."
        )
        return redirect("residences:residence_home", pk=residence.pk)
    return render(request, "residences/homes/residence_form.html", {"form": form})


@member_required
@require_safe
def residence_home(request, pk):
    residence = residence_or_404(request, pk, "residences.view_residence")
    today = home_today(residence)
    board = selectors.bed_board(residence, today=today)
    context = {
        "residence": residence,
        "counts": selectors.bed_counts(board),
        "today": today,
        "overdue": ledger_selectors.overdue_balances(residence, today=today),
        **selectors.residence_home(residence, today=today),
        "house_links": _house_links(request, residence),
    }
    return render(request, "residences/homes/residence_home.html", context)


# The house's own pages that higher apps own, linked from the home's page: (label, url name, permission on the home).
# The names are only names here, as in a template: the homes import none of those apps.
HOUSE_LINKS = [
    ("Passes and sign-outs", "governance:pass_house", "governance.view_house_passes"),
    ("Chores", "governance:chore_house", "governance.view_chores"),
    ("Treasury", "governance:treasury_house", "governance.view_treasury"),
    ("Consequence ladder", "governance:ladder", "governance.view_ladder"),
    ("Drug testing policy", "governance:drug_testing_policy", "governance.manage_testing"),
    ("Record a mediation", "governance:mediation_new", "governance.record_mediation"),
]


def _house_links(request, residence) -> list[tuple[str, str]]:
    """(label, url) of each page in HOUSE_LINKS this person may open for the home."""
    return [
        (label, reverse(name, args=[residence.pk]))
        for label, name, permission in HOUSE_LINKS
        if request.user.has_perm(permission, residence)
    ]


@member_required
def residence_edit(request, pk):
    residence = residence_or_404(request, pk, "residences.change_residence")
    form = ResidencePoliciesForm(request.POST or None, instance=residence)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            chosen = set(form.cleaned_data["managers"])
            for assignment in residence.manager_assignments.all():
                if assignment.membership not in chosen:
                    assignment.delete()
            for membership in chosen:
                services.assign_house_manager(membership=membership, residence=residence)
        messages.success(request, _("The home's details and policies are saved."))
        return redirect("residences:residence_home", pk=residence.pk)
    return render(request, "residences/homes/residence_edit.html", {"form": form, "residence": residence})


@member_required
def room_create(request, pk):
    residence = residence_or_404(request, pk, "residences.manage_beds")
    form = RoomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if residence.rooms.filter(name__iexact=form.cleaned_data["name"]).exists():
            form.add_error("name", "This home already has a room with that name.")
        else:
            services.add_room_with_beds(
                residence=residence, name=form.cleaned_data["name"], bed_labels=form.cleaned_data["beds"]
            )
            messages.success(request, f"Room {form.cleaned_data['name']} is added.")
            return redirect("residences:residence_home", pk=residence.pk)
    return render(request, "residences/homes/room_form.html", {"form": form, "residence": residence})


@member_required
def bed_service(request, pk):
    bed = object_or_404(
        request,
        Bed.objects.select_related("room__residence"),
        "residences.manage_beds",
        pk=pk,
        checked_on="room.residence",
    )
    residence = bed.room.residence
    form = BedServiceForm(request.POST or None, instance=bed)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Bed {bed} is {'in service' if bed.in_service else 'out of service'}.")
            return redirect("residences:residence_home", pk=residence.pk)
    return render(request, "residences/homes/bed_form.html", {"form": form, "bed": bed, "residence": residence})
