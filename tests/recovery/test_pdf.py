"""Printable documents as PDF (recovery/pdf.py): a statement, the outcomes report, the certification packet's index
and a safety plan each answer a real PDF to whoever may see the page, and to nobody else (another organization's
object is not found); the read is audited like the page's; a safety plan prints on one page; and WeasyPrint reads
nothing but Hearth's own static files."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.pdf import _static_only
from recovery.tenancy import tenant_scope
from residents.safety_plans import services as safety_plans_services
from tests.recovery.builders import make_member
from tests.residences.builders import home_of_stay, make_stay, manager_of, resident_stay

pytestmark = pytest.mark.django_db


def _pdf(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith('attachment; filename="')
    return PdfReader(io.BytesIO(response.content))


def _text(reader: PdfReader) -> str:
    return " ".join(page.extract_text() for page in reader.pages)


# A full plan, as long as a resident might write it on a phone.
FULL_PLAN = {
    "warning_signs": "Skipping meetings, staying in my room, not answering my phone, sleeping badly for days, "
    "thinking one drink would be fine, avoiding my sponsor and my coach, getting angry over small things.",
    "coping_strategies": "Walk around the block twice. Call my sponsor. Read my letter to myself. Make tea and sit "
    "on the porch. Go to the evening meeting at the church on 5th. Write three things I am grateful for.",
    "people_and_places": "The Tuesday group at the library, my sister's kitchen, the gym on Oak Street, the park by "
    "the river, the coffee shop where the morning meeting people go after.",
    "people_to_call": "Sam (sponsor): (555) 010-0100\nMom: 555-010-0101\nDana from the house: 555-010-0102\n"
    "My sister Ana: 555-010-0103\nRiver (coach): 555-010-0104",
    "professional_contacts": "Dr. Lee: 555-010-0200\nCounselor Patel: 555-010-0201\nClinic front desk: 555-010-0202",
    "naloxone_location": "Kitchen, top drawer by the fridge, and the first-aid kit in the hall",
    "safe_environment": "No alcohol in my room. Keep my pay card with the house manager on Fridays. Delete old "
    "numbers. Take the long way home past the park, not past the bar on Main.",
}


@pytest.fixture
def stay(harbor):
    return resident_stay(harbor, first_name="Jordan", last_name="Reyes")


@pytest.fixture
def plan(harbor, stay):
    with tenant_scope(harbor):
        return safety_plans_services.save_safety_plan(resident=stay.resident, by=None, **FULL_PLAN)


def _safety_plan_url(stay):
    return reverse("residents:safety_plan", kwargs={"resident_pk": stay.resident.pk}) + "?format=pdf"


def test_a_full_safety_plan_prints_on_exactly_one_page_and_the_printing_is_audited(client, harbor, stay, plan):
    client.force_login(make_member(harbor, Role.STAFF))
    reader = _pdf(client.get(_safety_plan_url(stay)))
    assert len(reader.pages) == 1
    text = _text(reader)
    assert "Skipping meetings" in text and "988" in text and "Dr. Lee" in text
    with tenant_scope(harbor):
        assert AuditEvent.objects.filter(action="view", object_id=str(plan.pk), detail="safety plan PDF").exists()


def test_a_resident_prints_their_own_safety_plan(client, harbor, stay, plan):
    client.force_login(stay.resident.user)
    reader = _pdf(client.get(reverse("residents:my_safety_plan") + "?format=pdf"))
    assert len(reader.pages) == 1 and "My safety plan" in _text(reader)


def test_another_resident_is_refused_a_safety_plan_pdf_and_another_organization_finds_none(
    client, harbor, cedar, stay, plan
):
    client.force_login(make_member(harbor, Role.RESIDENT))
    assert client.get(_safety_plan_url(stay)).status_code == 403
    client.force_login(make_member(cedar, Role.ADMIN))
    assert client.get(_safety_plan_url(stay)).status_code == 404


def _statement_url(stay):
    return reverse("residences:statement", kwargs={"stay_pk": stay.pk}) + "?format=pdf"


def test_a_statement_prints_as_a_pdf_naming_the_resident_and_the_reading_is_audited(client, harbor):
    stay = make_stay(harbor, first_name="Jordan", last_name="Reyes")
    client.force_login(manager_of(home_of_stay(stay)))
    response = client.get(_statement_url(stay))
    text = _text(_pdf(response))
    assert "Statement" in text and "Jordan" in text
    assert "Reyes" not in response["Content-Disposition"] and "Jordan" not in response["Content-Disposition"]
    with tenant_scope(harbor):
        assert AuditEvent.objects.filter(action="view", object_id=str(stay.pk), detail="statement").exists()


def test_a_statement_pdf_is_refused_to_a_coach_and_not_found_in_another_organization(client, harbor, cedar):
    stay = make_stay(harbor)
    client.force_login(make_member(harbor, Role.COACH))
    assert client.get(_statement_url(stay)).status_code == 403
    client.force_login(make_member(cedar, Role.ADMIN))
    assert client.get(_statement_url(stay)).status_code == 404


def test_the_outcomes_report_prints_as_a_pdf_for_the_organization_and_for_one_home(client, harbor):
    home = home_of_stay(make_stay(harbor))
    client.force_login(make_member(harbor, Role.ADMIN))
    text = _text(_pdf(client.get(reverse("governance:outcomes") + "?format=pdf")))
    assert "Outcomes" in text and "Occupancy" in text
    home_url = reverse("governance:home_outcomes", kwargs={"residence_pk": home.pk}) + "?format=pdf"
    assert home.name in _text(_pdf(client.get(home_url)))
    with tenant_scope(harbor):
        assert AuditEvent.objects.filter(action="export", detail__startswith="outcomes report PDF").count() == 2


def test_the_outcomes_report_pdf_is_refused_to_a_resident_and_another_organizations_home_is_not_found(
    client, harbor, cedar
):
    home = home_of_stay(make_stay(harbor))
    client.force_login(make_member(harbor, Role.RESIDENT))
    assert client.get(reverse("governance:outcomes") + "?format=pdf").status_code == 403
    client.force_login(make_member(cedar, Role.ADMIN))
    home_url = reverse("governance:home_outcomes", kwargs={"residence_pk": home.pk}) + "?format=pdf"
    assert client.get(home_url).status_code == 404


def test_the_certification_packet_index_prints_as_a_pdf_naming_no_resident(client, harbor):
    from residences.compliance import services as compliance_services

    stay = make_stay(harbor, first_name="Jordan", last_name="Reyes")
    home = home_of_stay(stay)
    with tenant_scope(harbor):
        compliance_services.create_checklist_for(residence=home)
    url = reverse("residences:certification_packet", kwargs={"residence_pk": home.pk}) + "?format=pdf"
    client.force_login(manager_of(home))
    response = client.get(url)
    text = _text(_pdf(response))
    assert "Certification packet" in text and "Reyes" not in text
    assert response["Content-Disposition"].endswith('.pdf"')
    with tenant_scope(harbor):
        assert AuditEvent.objects.filter(action="export", detail="certification packet PDF").exists()


def test_the_certification_packet_pdf_is_refused_to_a_resident_and_not_found_in_another_organization(
    client, harbor, cedar
):
    home = home_of_stay(make_stay(harbor))
    url = reverse("residences:certification_packet", kwargs={"residence_pk": home.pk}) + "?format=pdf"
    client.force_login(make_member(harbor, Role.RESIDENT))
    assert client.get(url).status_code == 403
    client.force_login(make_member(cedar, Role.ADMIN))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url", ["https://example.com/tracker.png", "file:///etc/passwd", "http://127.0.0.1:6379/", "/media/x.pdf"]
)
def test_a_pdf_reads_nothing_but_hearths_own_static_files(url):
    with pytest.raises(ValueError):
        _static_only(url)


def test_a_pdf_reads_the_print_stylesheet_from_the_static_files():
    assert b"@page" in _static_only("http://testserver/static/css/print.css")["string"]
