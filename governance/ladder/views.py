"""Consequence-ladder pages: a home's ladder (its managers rename and add steps; its residents read it), recording
a violation for a resident, one violation (the resident's statement and appeal; the appeal decision)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from governance.incidents import rules as accountability_rules  # noqa: F401 - registers the permissions
from governance.ladder import services
from governance.ladder.forms import AppealDecisionForm, AppealForm, StatementForm, StepForm, ViolationForm
from governance.ladder.models import AppealStatus, ConsequenceStep, Violation
from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.lookups import found_or_404, object_or_404
from recovery.permissions import member_required
from recovery.tenancy import home_today, organization_today
from residences.homes.lookups import residence_or_404
from residences.homes.selectors import home_of
from residents.profiles.lookups import resident_or_404


@member_required
def ladder(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "governance.view_ladder")
    managing = request.user.has_perm("governance.manage_ladder", residence)
    steps = services.ladder_of(residence)
    form = StepForm(request.POST or None)
    if request.method == "POST":
        if not managing:
            raise PermissionDenied("governance.manage_ladder")
        if form.is_valid():
            step = None
            if request.POST.get("step_id"):
                step = found_or_404(request, ConsequenceStep, pk=request.POST["step_id"], residence=residence)
            services.save_step(residence=residence, step=step, **form.cleaned_data)
            messages.success(request, _("The ladder is saved."))
            return redirect("governance:ladder", residence_pk=residence.pk)
    context = {"residence": residence, "steps": steps, "managing": managing, "form": form}
    return render(request, "governance/ladder/ladder.html", context)


@member_required
def violation_new(request, resident_pk):
    resident = resident_or_404(request, resident_pk, "governance.record_violation")
    home = home_of(resident=resident, on=organization_today(request.organization))
    if home is None:
        messages.error(request, _("This resident is not living in one of the homes now, so there is no ladder to use."))
        return render(request, "governance/ladder/violation_form.html", {"resident": resident, "form": None})
    steps = services.ladder_of(home)
    if not steps:
        messages.error(request, _("This home's ladder has no steps yet. Add a step on the ladder page first."))
        return render(request, "governance/ladder/violation_form.html", {"resident": resident, "form": None})
    suggested = services.suggest_next_step(resident=resident, residence=home)
    form = ViolationForm(
        request.POST or None,
        steps=ConsequenceStep.objects.filter(residence=home),
        initial={"step": suggested, "occurred_on": home_today(home)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            violation = services.record_violation(
                resident=resident, residence=home, by=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The violation is recorded. The resident can add their side."))
            return redirect("governance:violation_detail", pk=violation.pk)
    record_view(resident, detail="consequence ladder")
    context = {"resident": resident, "home": home, "form": form, "steps": steps, "suggested": suggested}
    return render(request, "governance/ladder/violation_form.html", context)


@member_required
def violation_detail(request, pk):
    violation = object_or_404(
        request,
        Violation.objects.select_related(
            "resident",
            "residence",
            "step",
            "suggested_step",
            "rule_version",
            "acknowledged_version",
            "recorded_by",
            "appeal_decided_by",
        ),
        "governance.view_violation",
        pk=pk,
    )
    own = request.user.has_perm("governance.add_statement", violation)
    deciding = violation.appeal_status == AppealStatus.PENDING and request.user.has_perm(
        "governance.decide_appeal", violation
    )
    steps = ConsequenceStep.objects.filter(residence=violation.residence)
    statement_form = StatementForm(initial={"statement": violation.resident_statement}, prefix="statement")
    appeal_form = AppealForm(prefix="appeal")
    decision_form = AppealDecisionForm(steps=steps, prefix="decision")
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step == "statement" and own:
                statement_form = StatementForm(request.POST, prefix="statement")
                if statement_form.is_valid():
                    services.add_statement(violation=violation, statement=statement_form.cleaned_data["statement"])
                    messages.success(request, _("Your statement is saved."))
                    return redirect("governance:violation_detail", pk=violation.pk)
            elif step == "appeal" and own:
                appeal_form = AppealForm(request.POST, prefix="appeal")
                if appeal_form.is_valid():
                    services.appeal(violation=violation, reason=appeal_form.cleaned_data["reason"])
                    messages.success(request, _("Your appeal is sent to the admins and the house manager."))
                    return redirect("governance:violation_detail", pk=violation.pk)
            elif step == "decide" and deciding:
                decision_form = AppealDecisionForm(request.POST, steps=steps, prefix="decision")
                if decision_form.is_valid():
                    services.decide_appeal(violation=violation, by=request.user, **decision_form.cleaned_data)
                    messages.success(request, _("The appeal's outcome is recorded."))
                    return redirect("governance:violation_detail", pk=violation.pk)
            else:
                raise PermissionDenied("governance.violation")
        except DomainError as error:
            messages.error(request, str(error))
    record_view(violation, detail="rule violation")
    context = {
        "violation": violation,
        "own": own,
        "deciding": deciding,
        "statement_form": statement_form,
        "appeal_form": appeal_form,
        "decision_form": decision_form,
    }
    return render(request, "governance/ladder/violation_detail.html", context)
