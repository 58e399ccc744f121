"""Accountability (governance/accountability): the demo gives both organizations incidents, violations, tests,
grievances and mediations, and the accountability pages and those of each feature it gathers open for every demo
role."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False


def accountability_pages(organization) -> list[str]:
    from governance.drug_tests.models import DrugTest, RandomDraw
    from governance.grievances.models import Grievance, Mediation
    from governance.incidents.models import Incident
    from governance.ladder.models import Violation
    from recovery.tenancy import tenant_scope
    from residences.models import Residence

    urls = [
        reverse(f"governance:{name}")
        for name in (
            "accountability",
            "my_accountability",
            "incident_list",
            "incident_new",
            "drug_test_list",
            "grievance_list",
            "grievance_new",
        )
    ]
    with tenant_scope(organization):
        for name, model in (
            ("incident_detail", Incident),
            ("incident_review", Incident),
            ("violation_detail", Violation),
            ("drug_test_detail", DrugTest),
            ("drug_test_draw", RandomDraw),
            ("grievance_detail", Grievance),
            ("mediation_detail", Mediation),
        ):
            urls += [reverse(f"governance:{name}", args=[pk]) for pk in model.objects.values_list("pk", flat=True)]
        for pk in Residence.objects.values_list("pk", flat=True):
            urls += [
                reverse(f"governance:{name}", args=[pk]) for name in ("ladder", "drug_testing_policy", "mediation_new")
            ]
        for violation in Violation.objects.all():
            urls += [
                reverse("governance:violation_new", args=[violation.resident_id]),
                reverse("governance:drug_test_new", args=[violation.resident_id]),
            ]
    return urls


def test_both_demo_organizations_get_accountability_data(demo):
    from governance.drug_tests.models import DrugTest, RandomDraw
    from governance.grievances.models import Grievance, Mediation
    from governance.incidents.models import Incident
    from recovery.models import Organization
    from recovery.tenancy import tenant_scope

    for slug in ("harbor-light", "cedar-path"):
        with tenant_scope(Organization.objects.get(slug=slug)):
            assert Incident.objects.filter(severity="critical", reviews__completed_at__isnull=False).exists()
            assert Incident.objects.filter(resolved_at__isnull=True).count() >= 2
            assert RandomDraw.objects.exists() and Grievance.objects.exists() and Mediation.objects.exists()
            mat = DrugTest.objects.get(results__substance="buprenorphine", results__outcome="positive")
            assert mat.return_to_use is False


def test_every_accountability_page_answers_every_demo_role(client, demo):
    from recovery.models import Organization, User

    urls = accountability_pages(Organization.objects.get(slug="harbor-light"))
    for local_part in ("admin", "manager", "staff", "coach", "resident"):  # one seeding for every role
        client.force_login(User.objects.get(email=f"{local_part}@harbor.example"))
        failures, rendered = [], 0
        for url in urls:
            status = client.get(url).status_code
            rendered += status == 200
            if status >= 500:
                failures.append(f"{url} -> {status}")
        assert not failures, local_part
        assert rendered >= 2, local_part  # a coach sees only the incident pages: reporting is open to everyone
