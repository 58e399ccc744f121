"""Page-shaped reads of progress reviews, BARC-10 trends and plans."""

from datetime import date

from django.core.paginator import Paginator

from recovery.models import Role
from residents.reviews.models import ProgressReview

PAGE_SIZE = 25


def review_with_stay():
    return ProgressReview.objects.select_related("stay__resident", "reviewer")


def reviews_to_do(membership, *, today: date):
    """Open reviews that are due (overdue first) for the residents this person looks after."""
    reviews = review_with_stay().filter(completed_at__isnull=True, due_on__lte=today).order_by("due_on", "pk")
    if membership.role in (Role.ADMIN, Role.STAFF):
        return reviews
    if membership.role == Role.HOUSE_MANAGER:
        from residences.homes.selectors import assigned_residence_ids, living_in

        homes = assigned_residence_ids(membership)
        # The home of the stay's last bed while it has not ended (`living_in(on=None)`): a resident who moved to
        # another home is no longer this manager's, though an old bed of the stay was in theirs.
        return reviews.filter(stay__in=living_in(homes, on=None).values("stay_id"))
    return reviews.none()


def reviews_page(membership, *, today: date, page_number=None):
    return Paginator(reviews_to_do(membership, today=today), PAGE_SIZE).get_page(page_number)


def overdue_count(membership, *, today: date) -> int:
    """For dashboards: how many reviews are past their due date and not complete."""
    return reviews_to_do(membership, today=today).filter(due_on__lt=today).count()


def reviews_of_stay(stay):
    return list(ProgressReview.objects.filter(stay=stay).select_related("reviewer").order_by("-due_on"))


def resident_reviews(resident):
    """The resident's reviews across their stays, the most recent due date first: an unevaluated queryset."""
    return ProgressReview.objects.filter(stay__resident=resident).select_related("reviewer").order_by("-due_on", "-pk")


def reviews_of_resident(resident, *, limit: int = 24):
    """The resident's latest `limit` reviews across their stays, the most recent due date first."""
    return list(resident_reviews(resident)[:limit])


def goal_progress(review):
    return list(review.goal_progress.select_related("goal"))


def goals_of_stay(stay):
    from residents.models import Goal

    return list(Goal.objects.filter(plan__stay=stay).exclude(status="dropped").order_by("domain", "created_at", "pk"))
