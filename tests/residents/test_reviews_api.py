"""The progress reviews API: the resident reads their own, the keepers of the record one resident's or the reviews
due, a coach nothing, another organization's review is not found, and every review read is audited."""

from datetime import date

import pytest

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import tenant_scope
from residents.models import ProgressReview
from tests.api.builders import make_token, member_client, token_client
from tests.residences.builders import admit, make_home, manager_of, resident_with_login

pytestmark = pytest.mark.django_db
URL = "/api/v1/progress-reviews/"


def client_of(user, org):
    return token_client(make_token(user, org))


def review_of(stay, due_on=date(2026, 11, 20)):
    with tenant_scope(stay.organization):
        return ProgressReview.objects.create(stay=stay, due_on=due_on, progress="Working steadily")


def test_a_resident_reads_their_own_reviews_and_no_one_elses(harbor):
    home = make_home(harbor)
    stay, user = resident_with_login(home)
    mine, theirs = review_of(stay), review_of(admit(home, first_name="Kim"))
    client = client_of(user, harbor)
    assert [row["id"] for row in client.get(URL).json()["results"]] == [mine.pk]
    assert client.get(f"{URL}{theirs.pk}/").status_code == 403
    assert client.get(URL, {"resident": theirs.stay.resident_id}).status_code == 403


def test_the_keeper_of_the_record_reads_one_residents_reviews_and_the_reviews_due(harbor):
    home = make_home(harbor)
    review = review_of(admit(home))
    client = client_of(manager_of(home), harbor)
    listed = client.get(URL, {"resident": review.stay.resident_id}).json()["results"]
    assert [(row["id"], row["resident"]) for row in listed] == [(review.pk, review.stay.resident_id)]
    assert [row["id"] for row in client.get(URL).json()["results"]] == [review.pk]  # due, and not complete


def test_a_coach_reads_no_progress_reviews(harbor):
    review = review_of(admit(make_home(harbor)))
    _coach, client = member_client(harbor, Role.COACH)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{review.pk}/").status_code == 403


def test_another_organizations_review_and_resident_answer_404(harbor, cedar):
    review = review_of(admit(make_home(harbor)))
    _admin, client = member_client(cedar, Role.ADMIN)
    assert client.get(f"{URL}{review.pk}/").status_code == 404
    assert client.get(URL, {"resident": review.stay.resident_id}).status_code == 404


def test_reading_a_review_writes_a_view_event_naming_its_resident(harbor):
    review = review_of(admit(make_home(harbor)))
    admin, client = member_client(harbor, Role.ADMIN)
    assert client.get(f"{URL}{review.pk}/").status_code == 200
    with tenant_scope(harbor):
        event = AuditEvent.objects.get(
            action=AuditEvent.Action.VIEW, object_type="residents.progressreview", actor=admin
        )
    assert (event.object_id, event.resident_id) == (str(review.pk), review.stay.resident_id)
