"""Pages for a stay: transfer to another bed, move out; and the resident's own "my house". Adding a resident directly
is part of their welcome (residents.welcome)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.exports import requested_format
from recovery.lookups import found_or_404
from recovery.pagination import page_of
from recovery.permissions import member_required, permission_required, require
from recovery.tenancy import home_today, viewer_today
from residences.homes import selectors as home_selectors
from residences.models import Stay
from residences.stays import selectors, services
from residences.stays.exports import STAYS
from residences.stays.forms import MoveOutForm, TransferForm


def _stay_and_home(request, pk):
    """The stay (404 outside this organization) and the home of its current bed, after the permission check."""
    stay = found_or_404(request, Stay.objects.select_related("resident"), pk=pk)
    current = home_selectors.bed_of(stay=stay, on=None)
    # A stay that has ended still belongs to the home of its last bed (so the page can say it has ended).
    last = current or home_selectors.bed_of(stay=stay, on=None, latest=True)
    residence = last.bed.room.residence if last else None
    require(request, "residences.admit", residence)
    return stay, current, residence


@member_required
def move_out(request, pk):
    stay, current, residence = _stay_and_home(request, pk)
    record_view(stay, detail="move-out form")
    form = MoveOutForm(request.POST or None, initial={"on": home_today(residence)}, today=home_today(residence))
    if request.method == "POST" and form.is_valid():
        try:
            services.move_out(
                stay=stay,
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
                destination=form.cleaned_data["destination"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            on = form.cleaned_data["on"]
            if on > home_today(residence):
                name = stay.resident.display_name
                done = f"{name} moves out on {on:%B %-d, %Y}; until then they live here as before."
            else:
                done = f"{stay.resident.display_name} is moved out; the bed is free from that day."
            messages.success(request, done)
            return redirect("residences:residence_home", pk=residence.pk)
    context = {"form": form, "stay": stay, "current": current, "residence": residence}
    return render(request, "residences/stays/move_out.html", context)


@member_required
def transfer(request, pk):
    stay, current, residence = _stay_and_home(request, pk)
    record_view(stay, detail="transfer form")
    today = home_today(residence)
    homes = home_selectors.visible_residences(request.membership)
    form = TransferForm(
        request.POST or None, beds=selectors.beds_free_from(today, residences=homes), initial={"on": today}
    )
    if request.method == "POST" and form.is_valid():
        new_bed = form.cleaned_data["bed"]
        require(request, "residences.admit", new_bed.room.residence)
        try:
            services.transfer(stay=stay, bed=new_bed, on=form.cleaned_data["on"])
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{stay.resident.display_name} moves to {new_bed} on {form.cleaned_data['on']}.")
            return redirect("residences:residence_home", pk=new_bed.room.residence_id)
    context = {"form": form, "stay": stay, "current": current, "residence": residence}
    return render(request, "residences/stays/transfer.html", context)


@permission_required("residences.view_stays")
@require_safe
def stay_list(request):
    """Every stay this person works on (`selectors.stay_rows`), newest first; `?format=csv|xlsx` exports them."""
    rows = selectors.stay_rows(request.membership)
    fmt = requested_format(request)
    if fmt:
        return STAYS.response(request, rows, fmt)
    return render(request, "residences/stays/stay_list.html", {"page": page_of(request, rows)})


@member_required
@require_safe
def my_house(request):
    """The resident's own home: where they live and since when. Rules and balance come from their pages."""
    assignment = home_selectors.bed_of(user=request.user, on=viewer_today(request))
    return render(request, "residences/stays/my_house.html", {"assignment": assignment})
