"""The outcomes pages: the homes a member looks after together, and one home, for a chosen period."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from governance.outcomes import deidentified, selectors
from governance.outcomes.charts import charts_for
from governance.outcomes.forms import PeriodForm
from recovery.audit import recorder
from recovery.audit.models import AuditEvent
from recovery.exports import EXPORT_PERMISSION, FORMATS
from recovery.pdf import render_pdf, wants_pdf
from recovery.permissions import member_required, permission_required, require
from recovery.tenancy import home_today, organization_today
from residences.homes.lookups import residence_or_404


def _page(request, residence=None):
    # One home's page lives by the home's own clock; the page over several homes by the organization's.
    today = home_today(residence) if residence is not None else organization_today(request.organization)
    form = PeriodForm(request.GET, today=today)
    if request.GET.get("format") == "csv":
        return _deidentified(request, period=form.period(), residence=residence, today=today)
    outcomes = selectors.outcomes(request.membership, period=form.period(), residence=residence)
    context = {"form": form, "outcomes": outcomes, "charts": charts_for(outcomes), "residence": residence}
    if wants_pdf(request):
        period = form.period()
        recorder.record(
            AuditEvent.Action.EXPORT,
            obj=residence,
            organization=request.organization,
            detail=f"outcomes report PDF {period.start:%Y-%m-%d} to {period.end:%Y-%m-%d}",
        )
        filename = f"hearth-outcomes-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}.pdf"
        return render_pdf(request, "governance/outcomes/outcomes.html", context, filename=filename)
    return render(request, "governance/outcomes/outcomes.html", context)


def _deidentified(request, *, period, residence, today):
    """The de-identified CSV of the period (governance.outcomes.deidentified), for someone who may export."""
    require(request, EXPORT_PERMISSION)
    content = deidentified.csv_file(request.membership, period=period, residence=residence, today=today)
    recorder.record(
        AuditEvent.Action.EXPORT,
        obj=residence,
        organization=request.organization,
        detail=f"de-identified outcomes {period.start:%Y-%m} to {period.end:%Y-%m}",
    )
    response = HttpResponse(content, content_type=FORMATS["csv"])
    filename = f"hearth-outcomes-deidentified-{period.start:%Y-%m}-to-{period.end:%Y-%m}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@permission_required("governance.view_outcomes")
@require_safe
def outcomes(request):
    return _page(request)


@member_required
@require_safe
def home_outcomes(request, residence_pk):
    return _page(request, residence_or_404(request, residence_pk, "governance.view_home_outcomes"))
