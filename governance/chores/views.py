"""Pages for chores: a resident's own this week, and a home's list and rotation."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.chores import selectors, services
from governance.chores.forms import ChoreForm, MissedForm
from governance.chores.models import ChoreAssignment
from governance.passes import rules as house_life_rules  # noqa: F401 - registers the permissions
from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.pagination import page_of
from recovery.permissions import member_required, require
from recovery.tenancy import home_today, viewer_today
from residences.homes.lookups import residence_or_404
from residences.homes.selectors import home_of, visible_residences
from residents.profiles.selectors import my_resident_record


@member_required
def my_chores(request):
    home = home_of(user=request.user, on=viewer_today(request))
    if home is None:
        homes = visible_residences(request.membership).order_by("name")
        return render(request, "governance/chores/homes.html", {"homes": homes})
    today = home_today(home)  # the chores week turns at the home's own midnight
    context = {"home": home, "my_chores": selectors.my_chores(my_resident_record(request.user), today)}
    return render(request, "governance/chores/mine.html", context)


@member_required
def house_chores(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "governance.view_chores")
    manages = request.user.has_perm("governance.manage_chores", residence)
    form = ChoreForm(request.POST or None)
    if request.method == "POST":
        require(request, "governance.manage_chores", residence)
        if form.is_valid():
            try:
                services.add_chore(residence=residence, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The chore is on the list."))
                return redirect("governance:chore_house", residence_pk=residence.pk)
    context = {
        "residence": residence,
        "chores": selectors.chore_list(residence),
        "page": page_of(request, selectors.weeks_with_assignments(residence), 4),
        "form": form if manages else None,
        "manages": manages,
        "missed_form": MissedForm(),
    }
    return render(request, "governance/chores/house.html", context)


@member_required
@require_POST
def turn_week(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "governance.manage_chores")
    week = services.turn_week(residence=residence, today=home_today(residence))
    messages.success(
        request, _("This week's chores are assigned.") if week else "This week's chores were already assigned."
    )
    return redirect("governance:chore_house", residence_pk=residence.pk)


def _assignment(request, pk, permission):
    assignments = ChoreAssignment.objects.select_related("chore__residence", "resident")
    return object_or_404(request, assignments, permission, pk=pk)


def _act(request, assignment, action, success):
    try:
        action()
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    if request.POST.get("next") == "mine":
        return redirect("governance:chore_mine")
    return redirect("governance:chore_house", residence_pk=assignment.chore.residence_id)


@member_required
@require_POST
def chore_done(request, pk):
    assignment = _assignment(request, pk, "governance.mark_chore_done")
    return _act(request, assignment, lambda: services.mark_done(assignment=assignment), "Thanks — marked done.")


@member_required
@require_POST
def chore_check(request, pk):
    assignment = _assignment(request, pk, "governance.check_chore")
    return _act(request, assignment, lambda: services.check(assignment=assignment, by=request.user), "Checked.")


@member_required
@require_POST
def chore_missed(request, pk):
    assignment = _assignment(request, pk, "governance.check_chore")
    form = MissedForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    to_ladder = form.is_valid() and form.cleaned_data["ladder"]
    if to_ladder:
        require(request, "governance.record_violation", assignment.resident)
    done = "The miss is recorded on the consequence ladder too." if to_ladder else "The miss is recorded."
    return _act(
        request,
        assignment,
        lambda: services.mark_missed(assignment=assignment, by=request.user, note=note, to_ladder=to_ladder),
        done,
    )
