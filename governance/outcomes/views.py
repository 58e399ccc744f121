"""The outcomes pages: the homes a member looks after together, and one home, for a chosen period."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from governance.outcomes import selectors
from governance.outcomes.charts import charts_for
from governance.outcomes.forms import PeriodForm
from recovery.permissions import member_required, permission_required
from recovery.tenancy import organization_today
from residences.homes.lookups import residence_or_404


def _page(request, residence=None):
    form = PeriodForm(request.GET, today=organization_today(request.organization))
    outcomes = selectors.outcomes(request.membership, period=form.period(), residence=residence)
    context = {"form": form, "outcomes": outcomes, "charts": charts_for(outcomes), "residence": residence}
    return render(request, "governance/outcomes/outcomes.html", context)


@permission_required("governance.view_outcomes")
@require_safe
def outcomes(request):
    return _page(request)


@member_required
@require_safe
def home_outcomes(request, residence_pk):
    return _page(request, residence_or_404(request, residence_pk, "governance.view_home_outcomes"))
