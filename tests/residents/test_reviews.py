"""Progress reviews: due dates from the home's policy, created once per due date (by a real Celery worker too),
the reviewer reminded, overdue reviews flagged, and a review completed with both signatures."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse

from recovery.models import Membership, Role
from recovery.notifications.models import Notification
from recovery.tenancy import organization_today, scopes_disabled, tenant_scope
from residents.barc10 import services as barc10_services
from residents.models import ProgressReview
from residents.reviews import selectors, services
from residents.reviews.tasks import create_due_reviews_dispatch, create_due_reviews_for_stay
from tests.recovery.builders import make_member
from tests.residences.builders import make_home, make_stay, manager_of

pytestmark = pytest.mark.django_db

MOVE_IN = date(2026, 9, 1)


def test_reviews_are_weekly_in_the_first_month_then_every_policy_interval():
    dates = services.review_due_dates(move_in=MOVE_IN, until=date(2026, 12, 31), every_days=30, weekly_first_month=True)
    assert dates == [
        date(2026, 9, 8),
        date(2026, 9, 15),
        date(2026, 9, 22),
        date(2026, 9, 29),
        date(2026, 10, 29),
        date(2026, 11, 28),
        date(2026, 12, 28),
    ]


def test_reviews_follow_the_interval_from_move_in_when_the_home_has_no_weekly_first_month():
    until = date(2026, 10, 31)
    dates = services.review_due_dates(move_in=MOVE_IN, until=until, every_days=14, weekly_first_month=False)
    assert dates == [date(2026, 9, 15), date(2026, 9, 29), date(2026, 10, 13), date(2026, 10, 27)]


def test_due_reviews_are_created_once_when_run_twice_and_the_reviewer_is_reminded_once(harbor):
    stay = make_stay(harbor, move_in=MOVE_IN)
    manager = manager_of(_home(stay))
    with tenant_scope(harbor):
        first = services.create_due_reviews(stay=stay, today=date(2026, 10, 1))
        again = services.create_due_reviews(stay=stay, today=date(2026, 10, 1))
        assert [r.due_on for r in first] == [date(2026, 9, 8), date(2026, 9, 15), date(2026, 9, 22), date(2026, 9, 29)]
        assert again == []
        assert {r.reviewer for r in first} == {manager}
        assert Notification.objects.filter(recipient=manager, kind="progress_review_due").count() == 4


def test_the_database_refuses_a_second_review_for_the_same_due_date(harbor):
    stay = make_stay(harbor, move_in=MOVE_IN)
    with tenant_scope(harbor):
        ProgressReview.objects.create(stay=stay, due_on=date(2026, 9, 8))
        with pytest.raises(IntegrityError):
            ProgressReview.objects.create(stay=stay, due_on=date(2026, 9, 8))


def test_no_reviews_are_created_after_move_out(harbor):
    stay = make_stay(harbor, move_in=MOVE_IN)
    with tenant_scope(harbor):
        stay.move_out, stay.discharge_reason = date(2026, 9, 16), "completed"
        stay.save()
        created = services.create_due_reviews(stay=stay, today=date(2026, 12, 1))
    assert [r.due_on for r in created] == [date(2026, 9, 8), date(2026, 9, 15)]


def test_overdue_reviews_are_flagged_and_counted_for_the_dashboard(harbor):
    stay = make_stay(harbor, move_in=MOVE_IN)
    admin = make_member(harbor, Role.ADMIN)
    with tenant_scope(harbor):
        services.create_due_reviews(stay=stay, today=date(2026, 9, 15))
        membership = Membership.objects.get(user=admin)
        reviews = list(selectors.reviews_to_do(membership, today=date(2026, 9, 15)))
        assert [(r.due_on, r.is_overdue(date(2026, 9, 15))) for r in reviews] == [
            (date(2026, 9, 8), True),
            (date(2026, 9, 15), False),
        ]
        assert selectors.overdue_count(membership, today=date(2026, 9, 15)) == 1


def test_the_review_list_shows_overdue_reviews(client, harbor):
    stay = make_stay(harbor, move_in=MOVE_IN)
    with tenant_scope(harbor):
        services.create_due_reviews(stay=stay, today=date(2026, 9, 10))
    client.force_login(make_member(harbor, Role.STAFF))
    page = client.get(reverse("residents:reviews")).content.decode()
    assert "Overdue" in page and "Reyes" in page


def test_a_review_is_complete_only_when_both_sign(client, harbor):
    stay = make_stay(harbor, move_in=MOVE_IN)
    staff = make_member(harbor, Role.STAFF)
    with tenant_scope(harbor):
        review = services.create_due_reviews(stay=stay, today=date(2026, 9, 8))[0]
    client.force_login(staff)
    url = reverse("residents:review_detail", kwargs={"pk": review.pk})
    fields = {"progress": "Job search: two interviews.", "reflection": "Sleeping better.", "next_steps": "Sponsor."}
    client.post(url, {**fields, "reviewer_signed_name": "Pat Staff"})
    with tenant_scope(harbor):
        review.refresh_from_db()
        assert review.completed_at is None and review.reviewer_signed_at is not None
    client.post(url, {**fields, "resident_signed_name": "Jordan Reyes"})
    with tenant_scope(harbor):
        review.refresh_from_db()
        assert review.completed_at is not None and review.progress == "Job search: two interviews."


def test_a_resident_writes_their_reflection_and_signs_but_cannot_change_the_rest(client, harbor):
    resident_user = make_member(harbor, Role.RESIDENT)
    stay = make_stay(harbor, move_in=MOVE_IN, user=resident_user)
    with tenant_scope(harbor):
        review = services.create_due_reviews(stay=stay, today=date(2026, 9, 8))[0]
        services.complete_review(
            review=review,
            progress="Working",
            reflection="",
            next_steps="Save",
            resident_signed_name="",
            reviewer_signed_name="",
            by=None,
        )
    client.force_login(resident_user)
    url = reverse("residents:review_detail", kwargs={"pk": review.pk})
    assert client.get(url).status_code == 200
    client.post(url, {"reflection": "Sleeping better.", "resident_signed_name": "Jordan Reyes", "progress": "changed"})
    with tenant_scope(harbor):
        review.refresh_from_db()
        assert (review.progress, review.reflection) == ("Working", "Sleeping better.")
        assert review.resident_signed_at is not None and review.completed_at is None
        services.complete_review(
            review=review,
            progress="Working",
            reflection="Sleeping better.",
            next_steps="Save",
            resident_signed_name="",
            reviewer_signed_name="Pat Staff",
            by=None,
        )
        review.refresh_from_db()
        assert review.completed_at is not None


def test_changing_signed_text_clears_the_earlier_signature(harbor):
    stay = make_stay(harbor, move_in=MOVE_IN)
    with tenant_scope(harbor):
        review = services.create_due_reviews(stay=stay, today=date(2026, 9, 8))[0]
        services.reflect_on_review(review=review, reflection="Good week.", resident_signed_name="Jordan Reyes")
        review = services.complete_review(
            review=review,
            progress="Changed after signing",
            reflection="Good week.",
            next_steps="",
            resident_signed_name="",
            reviewer_signed_name="Pat",
            by=None,
        )
        assert review.resident_signed_at is None and review.reviewer_signed_at is not None
        assert review.completed_at is None


def test_another_resident_cannot_open_the_review(client, harbor):
    stay = make_stay(harbor, move_in=MOVE_IN)
    with tenant_scope(harbor):
        review = services.create_due_reviews(stay=stay, today=date(2026, 9, 8))[0]
    other = make_member(harbor, Role.RESIDENT)
    make_stay(harbor, user=other, last_name="Other")
    client.force_login(other)
    url = reverse("residents:review_detail", kwargs={"pk": review.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {"reflection": "x"}).status_code == 403


def test_the_stay_task_creates_reviews_in_the_stays_organization(harbor):
    stay = make_stay(harbor, move_in=MOVE_IN)
    assert create_due_reviews_for_stay(stay.pk, on="2026-09-20") == 2
    assert create_due_reviews_for_stay(stay.pk, on="2026-09-20") == 0


def test_a_real_celery_worker_creates_one_review_per_due_date_when_the_dispatcher_runs_twice(
    harbor, cedar, start_celery_worker
):
    from celery.result import AsyncResult

    with tenant_scope(harbor):
        today = organization_today()
    harbor_stay = make_stay(harbor, move_in=today - timedelta(days=60))
    cedar_stay = make_stay(cedar, move_in=today - timedelta(days=10))
    queue = start_celery_worker()
    for _run in range(2):
        task_ids = create_due_reviews_dispatch.apply_async(kwargs={"queue": queue}, queue=queue).get(timeout=60)
        assert len(task_ids) == 2
        for task_id in task_ids:
            AsyncResult(task_id).get(timeout=60)
    with scopes_disabled():
        harbor_dates = list(ProgressReview.objects.filter(stay=harbor_stay).values_list("due_on", flat=True))
        cedar_reviews = list(ProgressReview.objects.filter(stay=cedar_stay).values_list("organization_id", "due_on"))
    expected = services.review_due_dates(
        move_in=today - timedelta(days=60), until=today, every_days=30, weekly_first_month=True
    )
    assert sorted(harbor_dates) == expected and len(expected) == 5
    assert cedar_reviews == [(cedar.pk, today - timedelta(days=3))]


def _home(stay):
    from residences.ledger.selectors import residence_of_stay

    with tenant_scope(stay.organization):
        return residence_of_stay(stay)


def test_the_demo_seeds_reviews_barc10_and_plans_once(harbor):
    from residents.models import Barc10Assessment, SafetyPlan
    from residents.reviews import demo as demo_reviews

    with tenant_scope(harbor):
        today = organization_today()
    make_stay(harbor, move_in=today - timedelta(days=75))
    demo_reviews.seed(harbor)
    demo_reviews.seed(harbor)
    with tenant_scope(harbor):
        reviews = list(ProgressReview.objects.order_by("due_on"))
        assert len(reviews) == 5 and all(r.completed_at for r in reviews[:-1]) and reviews[-1].completed_at is None
        assert reviews[-1].is_overdue(today + timedelta(days=1))
        totals = list(Barc10Assessment.objects.values_list("total", flat=True))
        assert len(totals) == 3 and totals == sorted(totals) and totals[-1] > totals[0]
        assert SafetyPlan.objects.count() == 1


def test_the_review_page_shows_the_barc10_trend_and_is_audited(client, harbor):
    from recovery.audit.models import AuditEvent

    stay = make_stay(harbor, move_in=MOVE_IN)
    with tenant_scope(harbor):
        review = services.create_due_reviews(stay=stay, today=date(2026, 9, 8))[0]
        for taken_on, answer in ((MOVE_IN, 2), (date(2026, 9, 8), 3)):
            barc10_services.record_barc10(
                resident=stay.resident, answers=[answer] * 10, occasion="move_in", taken_on=taken_on
            )
    client.force_login(make_member(harbor, Role.STAFF))
    page = client.get(reverse("residents:review_detail", kwargs={"pk": review.pk})).content.decode()
    assert "<svg" in page and "+10" in page
    with tenant_scope(harbor):
        assert AuditEvent.objects.filter(action="view", object_id=str(review.pk), detail="progress review").exists()


def test_a_reviewer_who_has_left_gets_no_reminder_but_the_review_is_created(harbor):
    stay = make_stay(harbor, move_in=MOVE_IN)
    manager = manager_of(_home(stay))
    manager.is_active = False
    manager.save()
    with tenant_scope(harbor):
        created = services.create_due_reviews(stay=stay, today=date(2026, 9, 8))
        assert len(created) == 1 and created[0].reminded_at is None
        assert not Notification.objects.filter(kind="progress_review_due").exists()


def test_a_house_manager_who_may_not_open_the_barc10_sees_neither_its_chart_nor_its_link_on_the_review(client, harbor):
    """The chart and the BARC-10 pages answer to one permission (an assessment is a sensitive class): the review
    page showed a house manager the chart while the link beside it answered "not allowed"."""
    stay = make_stay(harbor, move_in=MOVE_IN)
    manager = manager_of(_home(stay))
    with tenant_scope(harbor):
        review = services.create_due_reviews(stay=stay, today=date(2026, 9, 8))[0]
        barc10_services.record_barc10(resident=stay.resident, answers=[3] * 10, occasion="move_in", taken_on=MOVE_IN)
    client.force_login(manager)
    page = client.get(reverse("residents:review_detail", kwargs={"pk": review.pk})).content.decode()
    assert client.get(reverse("residents:barc10_history", args=[stay.resident_id])).status_code == 403
    assert "<svg" not in page
    assert reverse("residents:barc10_new", args=[stay.resident_id]) not in page


def test_a_manager_whose_role_changed_to_coach_is_not_the_default_reviewer(harbor):
    home = make_home(harbor)
    former = manager_of(home)
    admin = make_member(harbor, Role.ADMIN)
    with tenant_scope(harbor):
        Membership.objects.filter(user=former).update(role=Role.COACH)  # the assignment to the home stays
        assert services.default_reviewer(home) == admin
