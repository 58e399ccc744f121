"""Demo progress reviews, BARC-10 histories and safety plans for every current stay: earlier reviews done and
signed, the latest one overdue, BARC-10 totals that rise since move-in. Runs after the stays are seeded; safe to
run again: a stay that already has reviews, and a resident who already has assessments or a plan, are left."""

from datetime import datetime, time

from django.utils import timezone

from recovery.registry import demo_seeder
from recovery.tenancy import organization_today, tenant_scope
from residences.models import Stay
from residents.barc10.demo import seed_barc10
from residents.reviews import services
from residents.reviews.models import ProgressReview
from residents.safety_plans import services as safety_plans_services
from residents.safety_plans.models import SafetyPlan

DEMO_PLAN = {
    "warning_signs": "Skipping meetings; staying in my room; not answering my phone.",
    "coping_strategies": "Walk around the block; call my sponsor; write it down; go to the 7 pm meeting.",
    "people_and_places": "The Tuesday night group; the library; the kitchen table when others are home.",
    "people_to_call": "My sponsor: 555-0100\nHouse manager: 555-0101",
    "professional_contacts": "Counselor at the clinic: 555-0102",
    "naloxone_location": "Kitchen, top drawer next to the fridge, and the first-aid box by the front door.",
    "safe_environment": "Nothing in my room I could use; ask a housemate to hold my bank card for a while.",
}


@demo_seeder(order=22)
def seed(organization) -> None:
    with tenant_scope(organization):
        today = organization_today()
        stays = Stay.objects.filter(move_out__isnull=True, move_in__lte=today).select_related("resident")
        for index, stay in enumerate(stays.order_by("pk")):
            _seed_reviews(stay, today=today)
            seed_barc10(stay, today=today, index=index)
            if not SafetyPlan.objects.filter(resident=stay.resident).exists():
                safety_plans_services.save_safety_plan(resident=stay.resident, by=None, **DEMO_PLAN)


def _seed_reviews(stay: Stay, *, today) -> None:
    if ProgressReview.objects.filter(stay=stay).exists():
        return
    reviews = services.create_due_reviews(stay=stay, today=today)
    # All but the latest are done and signed; the latest stays open, overdue once its date has passed.
    for review in reviews[:-1]:
        services.complete_review(
            review=review,
            progress="Working: steady hours at the warehouse.\nMeetings: four a week, has a sponsor.",
            reflection="Feeling more settled. Mornings are easier.",
            next_steps="Open a savings account; ask about the peer-support training.",
            resident_signed_name=stay.resident.display_name,
            reviewer_signed_name="House manager",
            by=None,
            now=datetime.combine(review.due_on, time(18, 0), tzinfo=timezone.get_current_timezone()),
        )
