"""Pages for the house treasury: balances and expenses, the treasurer's month report, the monthly audit."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from governance.passes import rules as house_life_rules  # noqa: F401 - registers the permissions
from governance.treasury import selectors, services
from governance.treasury.forms import ContributionForm, ExpenseForm, MonthForm
from recovery.errors import DomainError
from recovery.pagination import page_of
from recovery.permissions import member_required, require
from recovery.tenancy import home_today, viewer_today
from residences.homes.lookups import residence_or_404
from residences.homes.selectors import home_of, visible_residences


@member_required
@require_safe
def my_treasury(request):
    home = home_of(user=request.user, on=viewer_today(request))
    if home is not None:
        return redirect("governance:treasury_house", residence_pk=home.pk)
    homes = visible_residences(request.membership).order_by("name")
    homes = [home for home in homes if services.treasury_open(home)]
    return render(request, "governance/treasury/homes.html", {"homes": homes})


@member_required
def house_treasury(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "governance.view_treasury")
    today = home_today(residence)
    balances = selectors.balances(residence, today=today)
    residents = [resident for resident, _ in balances]
    keeps = request.user.has_perm("governance.keep_treasury", residence)
    expense_form = ExpenseForm(residents=residents, initial={"spent_on": today}, prefix="expense")
    contribution_form = ContributionForm(residents=residents, initial={"paid_on": today}, prefix="in")
    if request.method == "POST":
        require(request, "governance.keep_treasury", residence)
        is_expense = "expense-what" in request.POST
        form = (ExpenseForm if is_expense else ContributionForm)(
            request.POST, residents=residents, prefix="expense" if is_expense else "in"
        )
        if form.is_valid():
            try:
                if is_expense:
                    services.record_expense(residence=residence, by=request.user, **form.cleaned_data)
                else:
                    services.record_contribution(residence=residence, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Recorded in the books."))
                return redirect("governance:treasury_house", residence_pk=residence.pk)
        if is_expense:
            expense_form = form
        else:
            contribution_form = form
    context = {
        "residence": residence,
        "balances": balances,
        "page": page_of(request, selectors.expenses(residence), 20),
        "keeps": keeps,
        "expense_form": expense_form if keeps else None,
        "contribution_form": contribution_form if keeps else None,
        "audit": services.audit_to_sign(residence=residence, today=today),
        "last_audit": selectors.audits(residence).filter(completed_at__isnull=False).first(),
        "today": today,
    }
    return render(request, "governance/treasury/house.html", context)


@member_required
@require_safe
def treasury_report(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "governance.view_treasury")
    today = home_today(residence)
    form = MonthForm(request.GET or None)
    month = form.cleaned_data["month"] if form.is_valid() else services.month_start(today)
    context = {
        "residence": residence,
        "form": form,
        "report": services.month_report(residence, month),
        "previous": (services.month_start(month) - timedelta(days=1)).strftime("%Y-%m"),
        "audits": selectors.audits(residence)[:12],
    }
    return render(request, "governance/treasury/report.html", context)


@member_required
@require_POST
def sign_audit(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "governance.sign_treasury_audit")
    audit = services.audit_to_sign(residence=residence, today=home_today(residence), open_it=True)
    if audit is None:
        messages.success(request, _("The books are checked up to last month. Thank you."))
        return redirect("governance:treasury_house", residence_pk=residence.pk)
    as_manager = request.user.has_perm("residences.view_residence", residence)
    try:
        audit = services.sign_audit(audit=audit, by=request.user, as_manager=as_manager)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        done = audit.completed_at is not None
        messages.success(request, _("The month's audit is complete.") if done else "Signed. One more person to sign.")
    return redirect("governance:treasury_house", residence_pk=residence.pk)
