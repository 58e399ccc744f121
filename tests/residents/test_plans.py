"""Recovery plans, progress, comments and case notes: who sees what, documentation by level, audit, isolation."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import tenant_scope
from residences.models import Level
from residents.models import CaseNote, Goal, PlanChange, ProgressUpdate, RecoveryPlan
from residents.plans import demo as demo_plans
from residents.plans import services as plan_services
from residents.plans import urls as plan_urls
from tests.isolation_routes import plans as plan_routes
from tests.recovery.builders import MARKER, make_member
from tests.residences.builders import admit, make_home, manager_of, resident_with_login
from tests.residents.builders import make_goal

pytestmark = pytest.mark.django_db


def _views_of(organization, resident) -> int:
    with tenant_scope(organization):
        return AuditEvent.objects.filter(
            action=AuditEvent.Action.VIEW, object_type="residents.resident", object_id=str(resident.pk)
        ).count()


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("route_name", sorted(plan_routes.OBJECT_ROUTES))
def test_another_organizations_plan_routes_answer_404_for_every_role(client, harbor, cedar, route_name, role):
    url = reverse(route_name, kwargs=plan_routes.OBJECT_ROUTES[route_name](harbor))
    client.force_login(make_member(cedar, role))
    statuses = {client.get(url).status_code, client.post(url, {}).status_code}
    assert statuses <= {404, 405} and 404 in statuses, f"{url} as a {role} answered {statuses}"


def test_every_plan_route_with_a_parameter_is_enrolled_when_mounted():
    with_parameters = {f"residents:{entry.name}" for entry in plan_urls.urlpatterns if entry.pattern.converters}
    assert with_parameters == set(plan_routes.OBJECT_ROUTES)


def test_one_plan_per_stay_is_a_database_rule(harbor):
    stay = admit(make_home(harbor))
    make_goal(stay.resident)
    with tenant_scope(harbor), pytest.raises(IntegrityError), transaction.atomic():
        RecoveryPlan.objects.create(stay=stay)


def test_starting_a_plan_twice_returns_the_same_plan(harbor):
    stay = admit(make_home(harbor))
    with tenant_scope(harbor):
        first = plan_services.start_plan(resident=stay.resident, by=None)
        assert plan_services.start_plan(resident=stay.resident, by=None) == first


def test_a_resident_sees_their_own_plan_with_staff_comments(client, harbor):
    stay, user = resident_with_login(make_home(harbor))
    staff = make_member(harbor, Role.STAFF, first_name="Jordan")
    goal = make_goal(stay.resident, by=staff)
    with tenant_scope(harbor):
        plan_services.add_comment(goal=goal, by=staff, text="Proud of this step")
    client.force_login(user)
    html = client.get(reverse("residents:my_plan")).content.decode()
    assert "Find steady work" in html and "Proud of this step" in html


def test_a_resident_cannot_open_another_residents_plan(client, harbor):
    from tests.residences.builders import beds_of

    home = make_home(harbor, beds=("A", "B"))
    _mine, user = resident_with_login(home, first_name="Sam")
    other = admit(home, beds_of(home)[1], first_name="Robin")
    make_goal(other.resident)
    client.force_login(user)
    assert client.get(reverse("residents:plan", kwargs={"pk": other.resident.pk})).status_code == 403
    assert client.get(reverse("residents:case_notes", kwargs={"pk": other.resident.pk})).status_code == 403


def test_a_resident_adds_progress_from_my_progress(client, harbor):
    stay, user = resident_with_login(make_home(harbor))
    goal = make_goal(stay.resident)
    client.force_login(user)
    response = client.post(reverse("residents:my_progress"), {"goal": goal.pk, "text": "Two interviews"})
    assert response.status_code == 302
    with tenant_scope(harbor):
        assert ProgressUpdate.objects.get().author == user
        assert PlanChange.objects.filter(summary__startswith="Progress on").exists()


def test_a_resident_cannot_add_progress_to_another_residents_goal(client, harbor):
    from tests.residences.builders import beds_of

    home = make_home(harbor)
    stay, user = resident_with_login(home)
    make_goal(stay.resident)
    other = admit(home, beds_of(home)[1], first_name="Robin")
    their_goal = make_goal(other.resident, title="Their goal")
    client.force_login(user)
    response = client.post(reverse("residents:my_progress"), {"goal": their_goal.pk, "text": "Sneaky"})
    assert response.status_code == 200  # the form refuses a goal that is not theirs
    with tenant_scope(harbor):
        assert not ProgressUpdate.objects.exists()


def test_staff_comment_on_a_goal(client, harbor):
    stay = admit(make_home(harbor))
    goal = make_goal(stay.resident)
    client.force_login(make_member(harbor, Role.STAFF))
    client.post(reverse("residents:goal_comment", kwargs={"pk": goal.pk}), {"text": "Keep going"})
    with tenant_scope(harbor):
        assert goal.comments.get().text == "Keep going"


def test_a_resident_cannot_comment_as_staff(client, harbor):
    stay, user = resident_with_login(make_home(harbor))
    goal = make_goal(stay.resident)
    client.force_login(user)
    assert client.post(reverse("residents:goal_comment", kwargs={"pk": goal.pk}), {"text": "x"}).status_code == 403


def test_staff_add_a_goal_and_a_milestone_and_the_resident_marks_it_done(client, harbor):
    stay, user = resident_with_login(make_home(harbor))
    client.force_login(make_member(harbor, Role.STAFF))
    goal_data = {"domain": "housing", "title": "Save a deposit", "status": "in_progress", "why": "My own place"}
    client.post(reverse("residents:goal_new", kwargs={"pk": stay.resident.pk}), goal_data)
    with tenant_scope(harbor):
        goal = Goal.objects.get()
    client.post(
        reverse("residents:milestone_new", kwargs={"pk": goal.pk}),
        {"title": "Open a savings account", "target_date": "2026-12-15"},
    )
    with tenant_scope(harbor):
        milestone = goal.milestones.get()
    client.force_login(user)
    client.post(reverse("residents:milestone_done", kwargs={"pk": milestone.pk}))
    with tenant_scope(harbor):
        milestone.refresh_from_db()
        assert milestone.done_on is not None
        assert goal.plan.changes.filter(summary__startswith="Milestone reached").exists()


def test_case_notes_are_off_at_level_2_unless_the_operator_turns_them_on(harbor):
    stay = admit(make_home(harbor, level=Level.SUPERVISED))
    with tenant_scope(harbor), pytest.raises(plan_services.ClinicalDocumentationOff):
        plan_services.add_case_note(resident=stay.resident, by=make_member(harbor, Role.STAFF), text="x")


def test_case_notes_are_kept_at_level_2_when_the_operator_turns_them_on(harbor):
    stay = admit(make_home(harbor, level=Level.SUPERVISED, clinical_documentation=True))
    with tenant_scope(harbor):
        plan_services.add_case_note(resident=stay.resident, by=make_member(harbor, Role.STAFF), text="x")
        assert CaseNote.objects.count() == 1


def test_clinical_considerations_are_not_offered_at_level_2(client, harbor):
    stay = admit(make_home(harbor, level=Level.SUPERVISED))
    make_goal(stay.resident)
    client.force_login(make_member(harbor, Role.STAFF))
    html = client.get(reverse("residents:plan", kwargs={"pk": stay.resident.pk})).content.decode()
    assert "Supports in place" in html and "Clinical considerations" not in html


def test_clinical_considerations_are_offered_at_level_3(client, harbor):
    stay = admit(make_home(harbor, level=Level.CLINICALLY_MANAGED))
    make_goal(stay.resident)
    client.force_login(make_member(harbor, Role.STAFF))
    html = client.get(reverse("residents:plan", kwargs={"pk": stay.resident.pk})).content.decode()
    assert "Clinical considerations" in html


def test_staff_only_case_notes_are_hidden_from_the_resident(client, harbor):
    stay, user = resident_with_login(make_home(harbor, level=Level.CLINICALLY_MANAGED))
    staff = make_member(harbor, Role.STAFF)
    with tenant_scope(harbor):
        plan_services.add_case_note(resident=stay.resident, by=staff, text="Shared note", shared_with_resident=True)
        plan_services.add_case_note(resident=stay.resident, by=staff, text="Staff only note")
    url = reverse("residents:case_notes", kwargs={"pk": stay.resident.pk})
    client.force_login(user)
    html = client.get(url).content.decode()
    assert "Shared note" in html and "Staff only note" not in html
    timeline = client.get(reverse("residents:resident_detail", kwargs={"pk": stay.resident.pk})).content.decode()
    assert "Case note (shared with the resident)" in timeline and "Case note (staff only)" not in timeline
    client.force_login(staff)
    assert "Staff only note" in client.get(url).content.decode()


def test_a_resident_cannot_write_a_case_note(client, harbor):
    stay, user = resident_with_login(make_home(harbor, level=Level.CLINICALLY_MANAGED))
    client.force_login(user)
    url = reverse("residents:case_notes", kwargs={"pk": stay.resident.pk})
    assert client.post(url, {"text": "mine", "shared_with_resident": "on"}).status_code == 403


@pytest.mark.parametrize("route_name", ["plan", "case_notes", "goal_new"])
def test_staff_opening_a_plan_page_is_audited(client, harbor, route_name):
    stay = admit(make_home(harbor))
    client.force_login(make_member(harbor, Role.STAFF))
    assert client.get(reverse(f"residents:{route_name}", kwargs={"pk": stay.resident.pk})).status_code == 200
    assert _views_of(harbor, stay.resident) == 1


@pytest.mark.parametrize("route_name", ["my_plan", "my_progress"])
def test_a_resident_opening_their_own_plan_is_audited(client, harbor, route_name):
    stay, user = resident_with_login(make_home(harbor))
    make_goal(stay.resident)
    client.force_login(user)
    assert client.get(reverse(f"residents:{route_name}")).status_code == 200
    assert _views_of(harbor, stay.resident) == 1


def test_my_plan_explains_when_there_is_no_resident_record(client, harbor):
    client.force_login(make_member(harbor, Role.RESIDENT))
    assert "don't have a recovery plan yet" in client.get(reverse("residents:my_plan")).content.decode()


def test_demo_plans_are_seeded_once(harbor):
    stay, _user = resident_with_login(make_home(harbor, level=Level.CLINICALLY_MANAGED))
    make_member(harbor, Role.STAFF)
    with tenant_scope(harbor):
        demo_plans.seed(harbor)
        counts = (Goal.objects.count(), ProgressUpdate.objects.count(), CaseNote.objects.count())
        demo_plans.seed(harbor)
        assert counts == (Goal.objects.count(), ProgressUpdate.objects.count(), CaseNote.objects.count())
        assert counts[0] > 0 and counts[1] > 0 and counts[2] == 2
        assert stay.recovery_plan.exit_where_next


def test_isolation_marker_routes_make_objects_of_their_organization(harbor):
    kwargs = plan_routes.OBJECT_ROUTES["residents:goal_edit"](harbor)
    with tenant_scope(harbor):
        assert Goal.objects.get(pk=kwargs["pk"]).title == MARKER


def test_a_resident_cannot_tick_another_residents_milestone(client, harbor):
    from tests.residences.builders import beds_of

    home = make_home(harbor)
    _stay, user = resident_with_login(home)
    other = admit(home, beds_of(home)[1], first_name="Robin")
    goal = make_goal(other.resident)
    with tenant_scope(harbor):
        milestone = plan_services.add_milestone(goal=goal, by=None, title="Theirs")
    client.force_login(user)
    assert client.post(reverse("residents:milestone_done", kwargs={"pk": milestone.pk})).status_code == 403
    with tenant_scope(harbor):
        milestone.refresh_from_db()
    assert milestone.done_on is None


def test_clinical_considerations_are_refused_where_the_home_keeps_no_clinical_documentation(harbor):
    stay = admit(make_home(harbor, level=Level.PEER_RUN))
    plan = make_goal(stay.resident).plan
    with tenant_scope(harbor), pytest.raises(plan_services.ClinicalDocumentationOff):
        plan_services.update_plan(plan=plan, by=None, exit_where_next="", exit_supports="", clinical_considerations="x")


def test_a_plan_cannot_start_without_a_stay(harbor):
    from residents.models import Resident

    with tenant_scope(harbor):
        resident = Resident.objects.create(first_name="No", last_name="Stay")
        with pytest.raises(plan_services.NoStay):
            plan_services.start_plan(resident=resident, by=None)


def test_staff_edit_a_goal_and_add_a_resource(client, harbor):
    stay = admit(make_home(harbor))
    goal = make_goal(stay.resident)
    client.force_login(make_member(harbor, Role.STAFF))
    url = reverse("residents:goal_edit", kwargs={"pk": goal.pk})
    assert "Add a resource" in client.get(url).content.decode()
    client.post(url, {"domain": "work_education", "title": "Find steady work", "status": "achieved", "why": ""})
    client.post(reverse("residents:resource_new", kwargs={"pk": goal.pk}), {"kind": "partner", "name": "Job Corps"})
    with tenant_scope(harbor):
        goal.refresh_from_db()
        assert goal.status == "achieved" and goal.resources.get().name == "Job Corps"
        assert goal.plan.changes.filter(summary="Goal now achieved: Find steady work").exists()


def test_the_residents_page_links_every_page_of_their_record_and_stay_a_house_manager_may_open(client, harbor):
    home = make_home(harbor)
    stay = admit(home)
    client.force_login(manager_of(home))
    page = client.get(reverse("residents:resident_detail", args=[stay.resident_id])).content.decode()
    for name, arg in [
        ("residents:safety_plan", stay.resident_id),
        ("residents:consents", stay.resident_id),
        ("governance:violation_new", stay.resident_id),
        ("residences:ledger", stay.pk),
        ("residences:transfer", stay.pk),
        ("residences:move_out", stay.pk),
    ]:
        url = reverse(name, args=[arg])
        assert f'href="{url}"' in page, f"{name} is not linked from the resident's page"
        assert client.get(url).status_code == 200
    # Offered only where the page would open: a house manager does not see assessments by default.
    assert reverse("residents:barc10_history", args=[stay.resident_id]) not in page


def test_the_residents_page_links_tests_and_medications_to_staff_who_may_see_them(client, harbor):
    home = make_home(harbor)
    stay = admit(home)
    client.force_login(make_member(harbor, Role.STAFF))
    page = client.get(reverse("residents:resident_detail", args=[stay.resident_id])).content.decode()
    for name in ("governance:drug_test_new", "residents:medications", "residents:barc10_history"):
        url = reverse(name, args=[stay.resident_id])
        assert f'href="{url}"' in page, f"{name} is not linked from the resident's page"
        assert client.get(url).status_code == 200
