"""The manager's accountability page for the homes they look after, and the resident's own page: their home's
ladder and their history (violations, tests and what followed, grievances)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from governance.accountability import selectors
from governance.incidents import rules as accountability_rules  # noqa: F401 - registers the permissions
from governance.ladder import selectors as ladder_selectors
from recovery.audit.recorder import record_view
from recovery.permissions import permission_required
from recovery.tenancy import organization_today
from residents.profiles.selectors import my_resident_record


@permission_required("governance.view_accountability")
@require_safe
def dashboard(request):
    context = selectors.dashboard(request.membership, today=organization_today(request.organization))
    return render(request, "governance/accountability/dashboard.html", context)


@permission_required("governance.view_my_accountability")
@require_safe
def my_accountability(request):
    resident = my_resident_record(request.user)
    history = ladder_selectors.my_history(resident)
    if resident is not None:
        record_view(resident, detail="own accountability record")
    return render(request, "governance/accountability/my_accountability.html", {"history": history})
