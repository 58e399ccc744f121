"""Pages for progress reviews, the BARC-10, safety plans and self-care plans.

Every view looks its object up through the tenant-scoped manager before it checks permission, so another
organization's id is a 404 for everyone; every view of a resident's record is audited.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.permissions import member_required
from recovery.tenancy import organization_today
from residents.barc10 import scoring as barc10
from residents.barc10 import selectors as barc10_selectors
from residents.barc10 import services as barc10_services
from residents.barc10.forms import Barc10Form
from residents.profiles.lookups import own_record_or_403, resident_or_404


def _barc10_form_page(request, *, resident, own):
    form = Barc10Form(request.POST or None, ask_occasion=not own)
    if request.method == "POST" and form.is_valid():
        today = organization_today()
        occasion = barc10_services.occasion_for(resident, today=today) if own else form.cleaned_data["occasion"]
        try:
            barc10_services.record_barc10(
                resident=resident,
                answers=form.answers(),
                occasion=occasion,
                taken_on=today,
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. Your answers are saved.") if own else "The BARC-10 is saved.")
            if own:
                return redirect("residents:my_barc10")
            return redirect("residents:barc10_history", resident_pk=resident.pk)
    record_view(resident, detail="BARC-10")
    context = {"resident": resident, "form": form, "own": own, "trend": barc10_selectors.barc10_trend(resident)}
    context["scale"] = barc10.SCALE
    return render(request, "residents/barc10/barc10_form.html", context)


@member_required
def barc10_new(request, resident_pk):
    resident = resident_or_404(request, resident_pk, "residents.record_barc10")
    return _barc10_form_page(request, resident=resident, own=False)


@member_required
@require_safe
def barc10_history(request, resident_pk):
    resident = resident_or_404(request, resident_pk, "residents.view_barc10")
    record_view(resident, detail="BARC-10 history")
    context = {"resident": resident, "trend": barc10_selectors.barc10_trend(resident), "items": barc10.ITEMS}
    return render(request, "residents/barc10/barc10_history.html", context)


@member_required
def my_barc10(request):
    return _barc10_form_page(request, resident=own_record_or_403(request), own=True)
