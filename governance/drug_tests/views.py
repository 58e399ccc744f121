"""Drug and alcohol test pages: the list for staff, scheduling one, recording results and following the response
steps, a random draw with its re-check, and a home's testing policy. Results are a sensitive class: every view is
audited and the role must see test results by default."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from governance.drug_tests import selectors as drug_tests_selectors
from governance.drug_tests import services
from governance.drug_tests.exports import DRUG_TESTS
from governance.drug_tests.forms import ResponseNoteForm, ResultsForm, TestForm, TestingPolicyForm
from governance.drug_tests.models import RandomDraw, TestResponseStep
from governance.incidents import rules as accountability_rules  # noqa: F401 - registers the permissions
from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.exports import requested_format
from recovery.lookups import found_or_404, object_or_404
from recovery.permissions import member_required, permission_required
from recovery.tenancy import home_today, organization_today
from residences.homes.lookups import residence_or_404
from residences.homes.selectors import home_of
from residents.profiles.lookups import resident_or_404


@permission_required("governance.list_tests")
@require_safe
def test_list(request):
    fmt = requested_format(request)
    if fmt:
        return DRUG_TESTS.response(request, drug_tests_selectors.tests_for(request.membership), fmt)
    page = drug_tests_selectors.tests_page(request.membership, page_number=request.GET.get("page"))
    return render(request, "governance/drug_tests/test_list.html", {"page": page})


@member_required
def test_new(request, resident_pk):
    resident = resident_or_404(request, resident_pk, "governance.schedule_test")
    home = home_of(resident=resident, on=organization_today(request.organization))
    form = TestForm(request.POST or None, initial={"due_on": home_today(home)})
    if request.method == "POST" and form.is_valid():
        if home is None:
            form.add_error(None, "This resident is not living in one of the homes now.")
        else:
            test = services.schedule_test(resident=resident, residence=home, **form.cleaned_data)
            messages.success(request, _("The test is scheduled."))
            return redirect("governance:drug_test_detail", pk=test.pk)
    record_view(resident, detail="drug tests")
    return render(request, "governance/drug_tests/test_form.html", {"resident": resident, "form": form})


@member_required
def test_detail(request, pk):
    test = object_or_404(request, drug_tests_selectors.tests_with_results(), "governance.view_test", pk=pk)
    recording = request.user.has_perm("governance.record_test", test)
    form = ResultsForm(request.POST or None, initial={"observed_by_name": request.user.get_full_name()})
    if request.method == "POST":
        if not recording:
            raise PermissionDenied("governance.record_test")
        if request.POST.get("step") == "response":
            step = found_or_404(request, TestResponseStep, pk=request.POST.get("step_id"), test=test)
            note_form = ResponseNoteForm(request.POST)
            if note_form.is_valid():
                services.finish_response_step(step=step, note=note_form.cleaned_data["note"])
                messages.success(request, _("The step is marked done."))
                return redirect("governance:drug_test_detail", pk=test.pk)
        elif form.is_valid():
            try:
                services.record_results(
                    test=test,
                    results=form.results(),
                    by=request.user,
                    observed_by_name=form.cleaned_data["observed_by_name"],
                    lab_confirmation=form.cleaned_data["lab_confirmation"],
                    lab_reference=form.cleaned_data["lab_reference"],
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The results are recorded."))
                return redirect("governance:drug_test_detail", pk=test.pk)
    record_view(test, detail="drug test results")
    context = {
        "test": test,
        "recording": recording and test.collected_at is None,
        "managing": recording,
        "form": form,
        "note_form": ResponseNoteForm(),
    }
    return render(request, "governance/drug_tests/test_detail.html", context)


@member_required
@require_safe
def draw_detail(request, pk):
    draw = object_or_404(request, RandomDraw.objects.select_related("residence"), "governance.view_draw", pk=pk)
    record_view(draw, detail="random draw")
    context = {
        "draw": draw,
        "verified": services.verify_draw(draw),
        "tests": list(draw.tests.select_related("resident").order_by("resident__last_name")),
    }
    return render(request, "governance/drug_tests/draw_detail.html", context)


@member_required
def testing_policy(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "governance.manage_testing")
    policy = services.policy_of(residence)
    initial = {
        "rate_per_month": residence.random_tests_per_month,
        "reason": policy.high_rate_reason,
        "ladder_on_positive": policy.ladder_on_positive,
        "ladder_on_refusal": policy.ladder_on_refusal,
    }
    form = TestingPolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_random_rate(residence=residence, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The testing policy is saved."))
            return redirect("governance:drug_testing_policy", residence_pk=residence.pk)
    draws = list(RandomDraw.objects.filter(residence=residence).order_by("-drawn_for")[:14])
    context = {
        "residence": residence,
        "form": form,
        "draws": draws,
        "per_week": services.tests_per_week(residence.random_tests_per_month),
        # The rate may have been raised on the home's own settings page: then no draw runs until a reason is written.
        "draws_paused": services.rate_needs_reason(residence.random_tests_per_month)
        and not policy.high_rate_reason.strip(),
    }
    return render(request, "governance/drug_tests/testing_policy.html", context)
