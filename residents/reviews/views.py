"""Pages for progress reviews, the BARC-10, safety plans and self-care plans.

Every view looks its object up through the tenant-scoped manager before it checks permission, so another
organization's id is a 404 for everyone; every view of a resident's record is audited.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.permissions import member_required, permission_required
from recovery.tenancy import organization_today
from residents.barc10 import selectors as barc10_selectors
from residents.profiles.selectors import my_resident_record
from residents.reviews import selectors, services
from residents.reviews.forms import ProgressReviewForm, ReflectionForm


@permission_required("residents.list_progress_reviews")
@require_safe
def reviews(request):
    today = organization_today()
    page = selectors.reviews_page(request.membership, today=today, page_number=request.GET.get("page"))
    return render(request, "residents/reviews/review_list.html", {"page": page, "today": today})


@member_required
def review_detail(request, pk):
    review = object_or_404(
        request, selectors.review_with_stay(), "residents.view_progress_reviews", pk=pk, checked_on="stay.resident"
    )
    resident = review.stay.resident
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
                messages.success(request, _("The review is complete and signed.") if done else "The review is saved.")
                return redirect("residents:review_detail", pk=review.pk)
    record_view(review, detail="progress review")
    user = request.user
    context = {
        "review": review,
        "resident": resident,
        "form": form,
        "conducting": isinstance(form, ProgressReviewForm),
        "goal_progress": goal_progress,
        "overdue": review.is_overdue(organization_today()),
        # The chart and the BARC-10 pages answer to one permission (an assessment is a sensitive class): a person
        # who may not open the resident's BARC-10 history does not see its chart here either.
        "trend": barc10_selectors.barc10_trend(resident) if user.has_perm("residents.view_barc10", resident) else None,
        "can_record_barc10": user.has_perm("residents.record_barc10", resident),
    }
    return render(request, "residents/reviews/review_detail.html", context)


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
        "trend": barc10_selectors.barc10_trend(resident),
        "today": organization_today(),
    }
    return render(request, "residents/reviews/my_reviews.html", context)
