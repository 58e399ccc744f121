"""Give and receive pages: a resident's own log (and the form), confirming, and the totals for staff."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from peer_support.give_and_receive import selectors, services
from peer_support.give_and_receive.forms import HelpForm
from peer_support.give_and_receive.models import HelpExchange
from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.permissions import member_required, permission_required
from recovery.tenancy import organization_today
from residents.profiles.selectors import my_resident_record


@member_required
def help_log(request):
    """The resident's give-and-receive log on their phone, with a short form to add to it."""
    resident = my_resident_record(request.user)
    form = entries = None
    if resident is not None and request.user.has_perm("peer_support.log_help"):
        today = organization_today(request.organization)
        form = HelpForm(
            request.POST or None,
            others=selectors.neighbours_of(resident, today=today),
            initial={"on": today, "direction": "gave"},
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.log_help(
                    me=resident,
                    other=data["other"],
                    i_gave=data["direction"] == "gave",
                    kind=data["kind"],
                    on=data["on"],
                    note=data["note"],
                    by=request.user,
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Thank you. It is logged; they can confirm it."))
                return redirect("peer_support:give_and_receive")
        entries = selectors.my_help(resident)[:50]
    return render(
        request, "peer_support/give_and_receive/help_log.html", {"resident": resident, "form": form, "entries": entries}
    )


@member_required
@require_POST
def help_confirm(request, pk):
    exchange = object_or_404(
        request, HelpExchange.objects.select_related("giver", "receiver"), "peer_support.confirm_help", pk=pk
    )
    try:
        services.confirm_help(exchange=exchange, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Confirmed. Thank you."))
    return redirect("peer_support:give_and_receive")


@permission_required("peer_support.view_help_totals")
@require_safe
def help_totals(request):
    totals = selectors.help_totals(request.membership, today=organization_today(request.organization))
    return render(request, "peer_support/give_and_receive/help_totals.html", {"totals": totals})
