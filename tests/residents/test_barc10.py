"""BARC-10: scoring and validation (every statement answered, 1 to 6), the database's checks, the resident's
own form, and the trend chart drawn on the server."""

from datetime import date

import pytest
from django.db import IntegrityError
from django.urls import reverse

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import tenant_scope
from residents.barc10 import scoring as barc10
from residents.barc10 import services as barc10_services
from residents.models import BARC10_ITEM_FIELDS, Barc10Assessment
from residents.reviews import services
from tests.recovery.builders import make_member
from tests.residences.builders import make_stay

pytestmark = pytest.mark.django_db


def test_there_are_ten_published_statements_on_a_six_point_scale():
    assert len(barc10.ITEMS) == 10
    assert barc10.ITEMS[0] == "There are more important things to me in life than using substances."
    assert [value for value, _label in barc10.SCALE] == [1, 2, 3, 4, 5, 6]
    assert (barc10.MIN_TOTAL, barc10.MAX_TOTAL) == (10, 60)


@pytest.mark.parametrize(("answers", "total"), [([1] * 10, 10), ([6] * 10, 60), ([1, 2, 3, 4, 5, 6, 1, 2, 3, 4], 31)])
def test_the_total_is_the_sum_of_the_answers(answers, total):
    assert barc10.score(answers) == total


@pytest.mark.parametrize(
    "answers",
    [[4] * 9, [4] * 9 + [None], [4] * 9 + [0], [4] * 9 + [7], [4] * 9 + ["4"], [4] * 11, [4] * 9 + [True]],
)
def test_scoring_refuses_when_a_statement_is_unanswered_or_out_of_range(answers):
    with pytest.raises(barc10.IncompleteBarc10):
        barc10.score(answers)


def _assessment_fields(**overrides):
    fields = dict.fromkeys(BARC10_ITEM_FIELDS, 3)
    fields.update(overrides)
    fields.setdefault("total", sum(v for k, v in fields.items() if k != "total"))
    return fields


@pytest.mark.parametrize("overrides", [{"item_3": 0, "total": 27}, {"item_3": 7, "total": 34}, {"total": 31}])
def test_the_database_refuses_an_answer_out_of_range_or_a_wrong_total(harbor, overrides):
    stay = make_stay(harbor)
    with tenant_scope(harbor), pytest.raises(IntegrityError):
        Barc10Assessment.objects.create(
            resident=stay.resident, taken_on=date(2026, 11, 1), **_assessment_fields(**overrides)
        )


def test_recording_keeps_the_answers_the_total_and_the_open_stay(harbor):
    stay = make_stay(harbor)
    with tenant_scope(harbor):
        answers = [2, 3, 4, 5, 6, 1, 2, 3, 4, 5]
        assessment = barc10_services.record_barc10(
            resident=stay.resident, answers=answers, occasion="move_in", taken_on=date(2026, 11, 1)
        )
        assessment.refresh_from_db()
    assert assessment.answers == answers and assessment.total == 35 and assessment.stay_id == stay.pk


def test_the_chart_is_an_accessible_svg_with_the_change_and_escaped_text():
    points = [barc10.Point(date(2026, 9, 1), 28), barc10.Point(date(2026, 10, 1), 41)]
    svg = barc10.trend_svg(points, title="<script>x</script>")
    assert svg.startswith("<svg") and 'viewBox="0 0 320 180"' in svg and 'role="img"' in svg
    assert "<title" in svg and "<desc" in svg and "+13" in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "<polyline" in svg and svg.count("<circle") == 2


def test_a_resident_completes_their_own_barc10_and_sees_the_change_since_move_in(client, harbor):
    user = make_member(harbor, Role.RESIDENT)
    stay = make_stay(harbor, user=user)
    with tenant_scope(harbor):
        barc10_services.record_barc10(
            resident=stay.resident, answers=[2] * 10, occasion="move_in", taken_on=date(2026, 9, 1)
        )
    client.force_login(user)
    url = reverse("residents:my_barc10")
    response = client.post(url, {name: "5" for name in BARC10_ITEM_FIELDS}, follow=True)
    page = response.content.decode()
    assert "<svg" in page and "+30" in page
    with tenant_scope(harbor):
        assert list(Barc10Assessment.objects.values_list("total", flat=True)) == [20, 50]


def test_the_form_says_which_statement_is_unanswered(client, harbor):
    user = make_member(harbor, Role.RESIDENT)
    make_stay(harbor, user=user)
    client.force_login(user)
    answers = {name: "4" for name in BARC10_ITEM_FIELDS[:-1]}
    response = client.post(reverse("residents:my_barc10"), answers)
    assert response.status_code == 200
    assert "Please choose an answer for this statement." in response.content.decode()
    with tenant_scope(harbor):
        assert not Barc10Assessment.objects.exists()


def test_staff_see_the_history_and_the_view_is_audited(client, harbor):
    stay = make_stay(harbor)
    with tenant_scope(harbor):
        barc10_services.record_barc10(
            resident=stay.resident, answers=[3] * 10, occasion="move_in", taken_on=date(2026, 9, 1)
        )
    client.force_login(make_member(harbor, Role.STAFF))
    response = client.get(reverse("residents:barc10_history", kwargs={"resident_pk": stay.resident.pk}))
    assert response.status_code == 200 and "<svg" in response.content.decode()
    with tenant_scope(harbor):
        assert AuditEvent.objects.filter(action="view", object_id=str(stay.resident.pk), detail="BARC-10 history")


def test_another_resident_cannot_see_someone_elses_barc10(client, harbor):
    stay = make_stay(harbor)
    other = make_member(harbor, Role.RESIDENT)
    make_stay(harbor, user=other, last_name="Other")
    client.force_login(other)
    assert client.get(reverse("residents:barc10_history", kwargs={"resident_pk": stay.resident.pk})).status_code == 403


def test_a_residents_own_barc10_is_move_in_first_then_review_when_one_is_due_then_move_out(harbor):
    stay = make_stay(harbor, move_in=date(2026, 9, 1))
    resident = stay.resident
    with tenant_scope(harbor):
        assert barc10_services.occasion_for(resident, today=date(2026, 9, 1)) == "move_in"
        barc10_services.record_barc10(
            resident=resident, answers=[3] * 10, occasion="move_in", taken_on=date(2026, 9, 1)
        )
        assert barc10_services.occasion_for(resident, today=date(2026, 9, 3)) == "other"
        services.create_due_reviews(stay=stay, today=date(2026, 9, 8))
        assert barc10_services.occasion_for(resident, today=date(2026, 9, 8)) == "review"
        stay.expected_move_out = date(2026, 9, 12)
        stay.save()
        assert barc10_services.occasion_for(resident, today=date(2026, 9, 8)) == "move_out"
