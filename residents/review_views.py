"""Pages for progress reviews, the BARC-10, safety plans and self-care plans.

Every view looks its object up through the tenant-scoped manager before it checks permission, so another
organization's id is a 404 for everyone; every view of a resident's record is audited.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.permissions import member_required, permission_required, require
from residents import review_selectors as selectors
from residents import review_services as services
from residents.barc10 import scoring as barc10
from residents.models import Resident
from residents.profiles.selectors import my_resident_record
from residents.review_forms import (
    Barc10Form,
    MatCountForm,
    MatMovementForm,
    MedicationForm,
    ProgressReviewForm,
    ReflectionForm,
    SafetyPlanForm,
    SelfCarePlanForm,
)
from residents.review_models import Medication, SafetyPlan, SelfCarePlan

# --- Progress reviews ------------------------------------------------------------------------------------------


@permission_required("residents.list_progress_reviews")
@require_safe
def reviews(request):
    today = services.organization_today()
    page = selectors.reviews_page(request.membership, today=today, page_number=request.GET.get("page"))
    return render(request, "residents/reviews/review_list.html", {"page": page, "today": today})


@member_required
def review_detail(request, pk):
    review = get_object_or_404(selectors.review_with_stay(), pk=pk)
    resident = review.stay.resident
    require(request, "residents.view_progress_reviews", resident)
    goal_progress = selectors.goal_progress(review)
    form = None
    if review.completed_at is None:
        if request.user.has_perm("residents.conduct_progress_review", resident):
            initial = {name: getattr(review, name) for name in ("progress", "reflection", "next_steps")}
            initial |= {f"goal_{row.goal_id}": row.note for row in goal_progress}
            goals = selectors.goals_of_stay(review.stay)
            form = ProgressReviewForm(request.POST or None, initial=initial, goals=goals)
            save = services.complete_review
        elif request.user.has_perm("residents.reflect_on_review", resident):
            form = ReflectionForm(request.POST or None, initial={"reflection": review.reflection})
            save = services.reflect_on_review
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("residents.conduct_progress_review")
        if form.is_valid():
            if save is services.complete_review:
                data = {**form.review_data(), "by": request.user, "goal_notes": form.goal_notes()}
            else:
                data = form.cleaned_data
            try:
                review = save(review=review, **data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                done = review.completed_at is not None
                messages.success(request, "The review is complete and signed." if done else "The review is saved.")
                return redirect("residents:review_detail", pk=review.pk)
    record_view(review, detail="progress review")
    context = {
        "review": review,
        "resident": resident,
        "form": form,
        "conducting": isinstance(form, ProgressReviewForm),
        "goal_progress": goal_progress,
        "overdue": review.is_overdue(services.organization_today()),
        "trend": selectors.barc10_trend(resident),
    }
    return render(request, "residents/reviews/review_detail.html", context)


# --- BARC-10 ---------------------------------------------------------------------------------------------------


def _barc10_form_page(request, *, resident, own):
    form = Barc10Form(request.POST or None, ask_occasion=not own)
    if request.method == "POST" and form.is_valid():
        today = services.organization_today()
        occasion = services.occasion_for(resident, today=today) if own else form.cleaned_data["occasion"]
        try:
            services.record_barc10(
                resident=resident,
                answers=form.answers(),
                occasion=occasion,
                taken_on=today,
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you. Your answers are saved." if own else "The BARC-10 is saved.")
            if own:
                return redirect("residents:my_barc10")
            return redirect("residents:barc10_history", resident_pk=resident.pk)
    record_view(resident, detail="BARC-10")
    context = {"resident": resident, "form": form, "own": own, "trend": selectors.barc10_trend(resident)}
    context["scale"] = barc10.SCALE
    return render(request, "residents/reviews/barc10_form.html", context)


@member_required
def barc10_new(request, resident_pk):
    resident = get_object_or_404(Resident, pk=resident_pk)
    require(request, "residents.record_barc10", resident)
    return _barc10_form_page(request, resident=resident, own=False)


@member_required
@require_safe
def barc10_history(request, resident_pk):
    resident = get_object_or_404(Resident, pk=resident_pk)
    require(request, "residents.view_barc10", resident)
    record_view(resident, detail="BARC-10 history")
    context = {"resident": resident, "trend": selectors.barc10_trend(resident), "items": barc10.ITEMS}
    return render(request, "residents/reviews/barc10_history.html", context)


def _own_record(request):
    resident = my_resident_record(request.user)
    if resident is None:
        raise PermissionDenied("no resident record")
    return resident


@member_required
def my_barc10(request):
    return _barc10_form_page(request, resident=_own_record(request), own=True)


# --- Safety plans ----------------------------------------------------------------------------------------------


def _safety_plan_page(request, *, resident, own):
    plan = SafetyPlan.objects.filter(resident=resident).first()
    editing = request.method == "POST" or request.GET.get("edit") == "1" or plan is None
    form = SafetyPlanForm(request.POST or None, instance=plan) if editing else None
    if request.method == "POST":
        require(request, "residents.change_safety_plan", resident)
        if form.is_valid():
            services.save_safety_plan(resident=resident, by=request.user, **form.cleaned_data)
            messages.success(request, "The safety plan is saved.")
            return redirect("residents:my_safety_plan") if own else redirect("residents:safety_plan", resident.pk)
    if plan is not None:
        record_view(plan, detail="safety plan")
    context = {
        "resident": resident,
        "plan": plan,
        "form": form,
        "own": own,
        "can_change": request.user.has_perm("residents.change_safety_plan", resident),
        "people_to_call": services.phone_lines(plan.people_to_call) if plan else [],
        "professional_contacts": services.phone_lines(plan.professional_contacts) if plan else [],
    }
    return render(request, "residents/reviews/safety_plan.html", context)


@member_required
def safety_plan(request, resident_pk):
    resident = get_object_or_404(Resident, pk=resident_pk)
    require(request, "residents.view_safety_plan", resident)
    return _safety_plan_page(request, resident=resident, own=False)


@member_required
def my_safety_plan(request):
    return _safety_plan_page(request, resident=_own_record(request), own=True)


# --- Self-care plans -------------------------------------------------------------------------------------------


@member_required
def self_care_plan(request):
    """Every member's own plan (residents and staff alike); nobody else's."""
    plan = SelfCarePlan.objects.filter(user=request.user).first()
    form = SelfCarePlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        services.save_self_care_plan(user=request.user, today=services.organization_today(), **form.cleaned_data)
        messages.success(request, "Your self-care plan is saved. We will remind you to look at it again.")
        return redirect("residents:self_care_plan")
    return render(request, "residents/reviews/self_care_plan.html", {"plan": plan, "form": form})


# --- Medication and MAT ----------------------------------------------------------------------------------------


@member_required
def medications(request, resident_pk):
    resident = get_object_or_404(Resident, pk=resident_pk)
    require(request, "residents.view_medications", resident)
    can_manage = request.user.has_perm("residents.manage_medications", resident)
    form = MedicationForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("residents.manage_medications")
        if form.is_valid():
            try:
                services.add_medication(resident=resident, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "The medication is added.")
                return redirect("residents:medications", resident_pk=resident.pk)
    record_view(resident, detail="medications")
    context = {
        "resident": resident,
        "medications": list(Medication.objects.filter(resident=resident).order_by("stopped_on", "name")),
        "form": form,
    }
    return render(request, "residents/reviews/medications.html", context)


@member_required
def mat_log(request, pk):
    medication = get_object_or_404(Medication.objects.select_related("resident"), pk=pk)
    resident = medication.resident
    require(request, "residents.manage_medications", resident)
    movement_form = MatMovementForm(request.POST if "movement" in request.POST else None, prefix="movement")
    count_form = MatCountForm(request.POST if "count" in request.POST else None, prefix="count")
    if request.method == "POST":
        form = count_form if "count" in request.POST else movement_form
        if form.is_valid():
            try:
                if form is count_form:
                    entry = services.record_mat_count(medication=medication, by=request.user, **form.cleaned_data)
                else:
                    entry = services.record_mat_movement(medication=medication, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                if entry.reconciles is False:
                    messages.warning(
                        request,
                        f"The count ({entry.counted}) does not match the log ({entry.expected}). "
                        "Count again with a witness, then tell the house manager.",
                    )
                else:
                    messages.success(request, "Logged.")
                return redirect("residents:mat_log", pk=medication.pk)
    record_view(medication, detail="locked-storage log")
    context = {
        "medication": medication,
        "resident": resident,
        "log": list(medication.storage_log.select_related("recorded_by").order_by("-at", "-pk")[:100]),
        "expected": services.expected_count(medication) if medication.stored_on_site else None,
        "movement_form": movement_form,
        "count_form": count_form,
    }
    return render(request, "residents/reviews/mat_log.html", context)


@member_required
@require_safe
def my_reviews(request):
    """The resident's own reviews (open ones to reflect on and sign) and their BARC-10 trend, on the phone."""
    resident = my_resident_record(request.user)
    if resident is None:
        return render(request, "residents/reviews/my_reviews.html", {"resident": None})
    record_view(resident, detail="own progress reviews")
    context = {
        "resident": resident,
        "reviews": selectors.reviews_of_resident(resident),
        "trend": selectors.barc10_trend(resident),
        "today": services.organization_today(),
    }
    return render(request, "residents/reviews/my_reviews.html", context)
