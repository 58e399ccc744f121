"""Compliance: the checklist from a home's level, evidence and validated documents, the certification packet, the
certification reminders (once per step), and the house operations demo."""

import io
import re
import zipfile
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.notifications.models import Notification
from recovery.tenancy import organization_today, scopes_disabled, tenant_scope
from residences.compliance import services
from residences.compliance import tasks as compliance_tasks
from residences.compliance.models import CHECKLIST_BY_LEVEL, ComplianceDomain, ComplianceStatus
from residences.house_rules.services import acknowledge_rules, publish_rule_version
from residences.models import (
    CertificationReminder,
    ComplianceItem,
    GoodNeighborContact,
    HouseCheck,
    HouseRuleVersion,
    MaintenanceRequest,
    RuleAcknowledgement,
    SafetyInspection,
)
from residences.operations.models import InspectionKind
from residences.operations.services import record_inspection
from tests.recovery.builders import make_member
from tests.residences.builders import PDF_BYTES, admit, make_home

pytestmark = pytest.mark.django_db

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home(harbor):
    return make_home(harbor, name="Maple House", level=2, street="12 Elm St", city="Portland")


@pytest.fixture
def scope(harbor):
    with tenant_scope(harbor):
        yield harbor


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # A fixed timestamp: the bytes are a parameter's id, which every xdist worker must collect alike.
        for name, text in (("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def first_item(residence, code="ADM-01"):
    return ComplianceItem.objects.get(residence=residence, code=code)


# --- The checklist ---------------------------------------------------------------------------------------------


def test_each_level_asks_four_to_eight_requirements_per_domain_and_more_at_higher_levels():
    for level, previous in ((1, 0), (2, 16), (3, 24)):
        requirements = CHECKLIST_BY_LEVEL[level]
        assert len(requirements) > previous
        for domain in ComplianceDomain.values:
            assert 4 <= sum(requirement.domain == domain for requirement in requirements) <= 8
    codes = [requirement.code for requirement in CHECKLIST_BY_LEVEL[3]]
    assert len(codes) == len(set(codes))


def test_creating_the_checklist_adds_what_the_homes_level_asks_for(scope, home):
    assert services.create_checklist_for(residence=home) == len(CHECKLIST_BY_LEVEL[2])
    assert set(ComplianceItem.objects.values_list("domain", flat=True)) == set(ComplianceDomain.values)
    assert not ComplianceItem.objects.filter(min_level=3).exists()


def test_creating_the_checklist_again_changes_nothing(scope, home):
    services.create_checklist_for(residence=home)
    item = first_item(home)
    services.update_compliance_item(item=item, status=ComplianceStatus.MET, evidence_notes="In the binder")
    assert services.create_checklist_for(residence=home) == 0
    assert ComplianceItem.objects.count() == len(CHECKLIST_BY_LEVEL[2])
    assert first_item(home).status == ComplianceStatus.MET


def test_raising_a_homes_level_adds_the_new_levels_requirements(scope, home):
    services.create_checklist_for(residence=home)
    home.level = 3
    home.save()
    assert services.create_checklist_for(residence=home) == len(CHECKLIST_BY_LEVEL[3]) - len(CHECKLIST_BY_LEVEL[2])


def test_the_database_refuses_a_requirement_twice_in_one_home(scope, home):
    services.create_checklist_for(residence=home)
    with pytest.raises(IntegrityError), transaction.atomic():
        ComplianceItem.objects.create(
            residence=home, code="ADM-01", domain="administrative", requirement="x", min_level=1
        )


# --- Evidence and documents --------------------------------------------------------------------------------------


def test_marking_a_requirement_met_needs_evidence(scope, home):
    services.create_checklist_for(residence=home)
    with pytest.raises(services.ComplianceProblem, match="add evidence"):
        services.update_compliance_item(item=first_item(home), status=ComplianceStatus.MET)


def test_a_document_is_kept_under_a_random_name_with_its_original_name_on_record(scope, home):
    services.create_checklist_for(residence=home)
    item = services.update_compliance_item(
        item=first_item(home), status=ComplianceStatus.MET, document=upload("Mission Statement.pdf", PDF_BYTES)
    )
    assert item.document.name.startswith(f"residences/compliance/{home.organization_id}/{home.pk}/")
    assert "Mission" not in item.document.name and item.document.name.endswith(".pdf")
    assert item.document_name == "Mission_Statement.pdf"
    with item.document.open("rb") as stored:
        assert stored.read() == PDF_BYTES


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("policy.exe", b"MZ...", "Upload a PDF, PNG, JPG or Word (.docx) file"),
        ("policy.pdf", b"just some text", "its contents are not a PDF, PNG, JPG or Word"),
        ("policy.docx", b"PK\x03\x04 not really a zip", "its contents are not"),
        ("photo.jpg", PNG_BYTES, "its contents are not"),
    ],
)
def test_a_document_of_the_wrong_type_is_refused_with_a_clear_message(scope, home, name, content, message):
    services.create_checklist_for(residence=home)
    with pytest.raises(services.ComplianceProblem, match=re.escape(message)):
        services.update_compliance_item(item=first_item(home), status="in_progress", document=upload(name, content))


def test_a_document_over_10_mb_is_refused_with_a_clear_message(scope, home):
    services.create_checklist_for(residence=home)
    too_big = upload("scan.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024))
    with pytest.raises(services.ComplianceProblem, match="at most 10 MB"):
        services.update_compliance_item(item=first_item(home), status="in_progress", document=too_big)


@pytest.mark.parametrize(
    ("name", "content"),
    [("floor plan.png", PNG_BYTES), ("policy.docx", docx_bytes()), ("photo.JPEG", b"\xff\xd8\xff\xe0rest")],
)
def test_pdf_png_jpg_and_word_documents_are_accepted(scope, home, name, content):
    services.create_checklist_for(residence=home)
    item = services.update_compliance_item(item=first_item(home), status="in_progress", document=upload(name, content))
    assert item.document


def test_replacing_a_document_deletes_the_old_file_once_saved(scope, home, django_capture_on_commit_callbacks):
    services.create_checklist_for(residence=home)
    first = services.update_compliance_item(item=first_item(home), status="met", document=upload("a.pdf", PDF_BYTES))
    old_name, storage = first.document.name, first.document.storage
    with django_capture_on_commit_callbacks(execute=True):
        second = services.update_compliance_item(item=first, status="met", document=upload("b.pdf", PDF_BYTES))
    assert not storage.exists(old_name) and storage.exists(second.document.name)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_compliance_item(item=second, status="in_progress", remove_document=True)
    assert not storage.exists(second.document.name)
    assert first_item(home).document_name == ""


def test_uploading_a_bad_file_on_the_page_gets_a_message_not_an_error(client, harbor, home):
    with tenant_scope(harbor):
        services.create_checklist_for(residence=home)
        item = first_item(home)
    client.force_login(make_member(harbor, Role.ADMIN))
    url = reverse("residences:compliance_item", kwargs={"pk": item.pk})
    html = client.get(url).content.decode()
    assert 'for="id_document"' in html and 'for="id_status"' in html and 'enctype="multipart/form-data"' in html
    response = client.post(url, {"status": "met", "evidence_notes": "", "document": upload("virus.exe", b"MZ")})
    assert response.status_code == 200
    assert "Upload a PDF, PNG, JPG or Word (.docx) file" in response.content.decode()


def test_staff_upload_evidence_and_download_it_again(client, harbor, home):
    with tenant_scope(harbor):
        services.create_checklist_for(residence=home)
        item = first_item(home)
    client.force_login(make_member(harbor, Role.STAFF))
    response = client.post(
        reverse("residences:compliance_item", kwargs={"pk": item.pk}),
        {"status": "met", "evidence_notes": "Posted in the hall", "document": upload("mission.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
    download = client.get(reverse("residences:compliance_document", kwargs={"pk": item.pk}))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert 'filename="mission.pdf"' in download["Content-Disposition"]


def test_the_checklist_page_starts_the_checklist_and_shows_it_by_domain(client, harbor, home):
    client.force_login(make_member(harbor, Role.ADMIN))
    url = reverse("residences:compliance", kwargs={"residence_pk": home.pk})
    assert "Start the checklist" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    html = client.get(url).content.decode()
    for _domain, label in ComplianceDomain.choices:
        assert str(label) in html  # choice labels are translatable (lazy) since issue 18
    assert "ADM-06" in html and "ADM-07" not in html  # level 2, not level 3


@pytest.mark.parametrize("role", [Role.COACH, Role.RESIDENT, Role.HOUSE_MANAGER])
def test_people_who_do_not_look_after_the_home_cannot_open_its_compliance(client, harbor, home, role):
    client.force_login(make_member(harbor, role))
    assert client.get(reverse("residences:compliance", kwargs={"residence_pk": home.pk})).status_code == 403
    url = reverse("residences:certification_packet", kwargs={"residence_pk": home.pk})
    assert client.get(url).status_code == 403


# --- The certification packet ----------------------------------------------------------------------------------


@pytest.fixture
def prepared_home(harbor, home):
    """A home with a checklist (one item met with a document), inspections old and new, rules and a signature."""
    resident = admit(home, first_name="Jordan", last_name="Reyes", move_in=date(2020, 1, 1)).resident
    admit(home, first_name="Alex", last_name="Kim", move_in=date(2020, 1, 1))
    with tenant_scope(harbor):
        home.certification_body = "State affiliate"
        home.certification_expires_on = date(2030, 6, 30)
        home.save()
        services.create_checklist_for(residence=home)
        services.update_compliance_item(
            item=first_item(home),
            status="met",
            evidence_notes="Posted in the hall",
            document=upload("Mission.pdf", PDF_BYTES),
        )
        services.update_compliance_item(
            item=first_item(home, "PHY-01"), status="met", evidence_notes="Tested <monthly>"
        )
        today = organization_today(harbor)
        record_inspection(
            residence=home,
            kind=InspectionKind.SMOKE_DETECTORS,
            done_on=today - timedelta(days=10),
            passed=True,
            notes="All twelve chirped",
        )
        record_inspection(
            residence=home,
            kind=InspectionKind.EXTINGUISHERS,
            done_on=today - timedelta(days=500),
            passed=True,
            notes="Long ago",
        )
        rules = publish_rule_version(residence=home, text="Be kind.", effective_on=date(2024, 1, 1))
        acknowledge_rules(rule_version=rules, resident=resident, typed_name="Jordan Reyes")
    return home


def open_packet(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def test_the_packet_holds_an_index_the_rules_and_every_uploaded_document(harbor, prepared_home):
    with tenant_scope(harbor):
        packet = open_packet(services.build_certification_packet(residence=prepared_home))
    names = packet.namelist()
    assert "index.html" in names and "house-rules-v1.txt" in names
    assert "documents/ADM-01 Mission.pdf" in names
    assert packet.read("documents/ADM-01 Mission.pdf") == PDF_BYTES
    assert packet.read("house-rules-v1.txt").decode() == "Be kind."


def test_the_packet_index_summarizes_the_home_its_checklist_inspections_and_rules(harbor, prepared_home):
    with tenant_scope(harbor):
        index = open_packet(services.build_certification_packet(residence=prepared_home)).read("index.html").decode()
    assert "Maple House" in index and "Level 2 — supervised" in index and "June 30, 2030" in index
    assert "ADM-01" in index and "Posted in the hall" in index and "Not started" in index
    assert "Tested &lt;monthly&gt;" in index  # escaped, never raw HTML
    assert "All twelve chirped" in index and "Long ago" not in index  # only the last 12 months
    assert "Signed by 1 of the 2 people living in the home" in index


def test_the_packet_names_no_resident(harbor, prepared_home):
    with tenant_scope(harbor):
        packet = open_packet(services.build_certification_packet(residence=prepared_home))
    everything = b"".join(packet.read(name) for name in packet.namelist())
    assert b"Jordan" not in everything and b"Reyes" not in everything and b"Kim" not in everything


def test_the_packet_downloads_as_one_zip_and_the_export_is_audited(client, harbor, prepared_home):
    client.force_login(make_member(harbor, Role.ADMIN))
    response = client.get(reverse("residences:certification_packet", kwargs={"residence_pk": prepared_home.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert 'filename="certification-packet-maple-house-' in response["Content-Disposition"]
    assert "index.html" in open_packet(response.content).namelist()
    with tenant_scope(harbor):
        assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, object_id=str(prepared_home.pk)).exists()


def test_a_packet_of_a_home_with_nothing_yet_still_builds(harbor):
    empty = make_home(harbor, name="New House", beds=())
    with tenant_scope(harbor):
        index = open_packet(services.build_certification_packet(residence=empty)).read("index.html").decode()
    assert "No checklist has been started" in index and "No house rules have been published" in index


# --- Certification reminders -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_left", "step"), [(90, None), (61, None), (60, 60), (30, 60), (14, 14), (10, 14), (0, 14), (-1, None)]
)
def test_the_reminder_step_due_is_the_nearest_step_reached(days_left, step):
    today = date(2025, 1, 1)
    assert services.reminder_step_due(expires_on=today + timedelta(days=days_left), today=today) == step


@pytest.fixture
def expiring_home(harbor):
    today = timezone.localdate(timezone=harbor.time_zone)
    return make_home(harbor, name="Maple House", beds=(), certification_expires_on=today + timedelta(days=40))


def test_the_reminder_notifies_the_organizations_admins_once_when_run_twice(harbor, cedar, expiring_home):
    admin = make_member(harbor, Role.ADMIN)
    make_member(harbor, Role.HOUSE_MANAGER)
    make_member(cedar, Role.ADMIN)
    assert compliance_tasks.send_certification_reminder(expiring_home.pk) == 1
    assert compliance_tasks.send_certification_reminder(expiring_home.pk) == 0
    with scopes_disabled():
        notifications = list(Notification.objects.filter(kind=services.REMINDER_KIND))
        assert [notification.recipient for notification in notifications] == [admin]
        assert "lapses in 40 days" in notifications[0].title
        reminder = CertificationReminder.objects.get()
    assert (reminder.days_before, reminder.expires_on) == (60, expiring_home.certification_expires_on)


def test_the_next_step_and_a_renewed_certification_remind_again(harbor, expiring_home):
    make_member(harbor, Role.ADMIN)
    expires_on = expiring_home.certification_expires_on
    with tenant_scope(harbor):
        assert services.send_certification_reminder(residence=expiring_home, today=expires_on - timedelta(days=40))
        assert services.send_certification_reminder(residence=expiring_home, today=expires_on - timedelta(days=14))
        assert not services.send_certification_reminder(residence=expiring_home, today=expires_on - timedelta(days=13))
        expiring_home.certification_expires_on = expires_on + timedelta(days=365)
        expiring_home.save()
        assert not services.send_certification_reminder(residence=expiring_home, today=expires_on)  # 365 days out
        assert services.send_certification_reminder(residence=expiring_home, today=expires_on + timedelta(days=310))
        assert CertificationReminder.objects.count() == 3


def test_the_database_refuses_a_second_reminder_for_one_step(harbor, expiring_home):
    with tenant_scope(harbor):
        CertificationReminder.objects.create(
            residence=expiring_home, expires_on=date(2030, 1, 1), days_before=14, sent_at=timezone.now()
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            CertificationReminder.objects.create(
                residence=expiring_home, expires_on=date(2030, 1, 1), days_before=14, sent_at=timezone.now()
            )


def test_the_dispatcher_queues_only_homes_whose_step_is_due_and_not_sent(harbor, cedar, expiring_home, monkeypatch):
    today = timezone.localdate(timezone=harbor.time_zone)
    make_home(harbor, name="Far Off", beds=(), certification_expires_on=today + timedelta(days=200))
    make_home(harbor, name="Lapsed", beds=(), certification_expires_on=today - timedelta(days=3))
    make_home(harbor, name="Uncertified", beds=())
    cedar_home = make_home(cedar, name="Cedar House", beds=(), certification_expires_on=today + timedelta(days=5))
    queued = []
    monkeypatch.setattr(compliance_tasks.send_certification_reminder, "delay", queued.append)

    assert compliance_tasks.certification_reminders() == 2
    assert sorted(queued) == sorted([expiring_home.pk, cedar_home.pk])

    queued.clear()
    compliance_tasks.send_certification_reminder(expiring_home.pk)
    assert compliance_tasks.certification_reminders() == 1
    assert queued == [cedar_home.pk]


def test_the_reminder_task_for_a_home_that_is_gone_does_nothing():
    assert compliance_tasks.send_certification_reminder(987654) == 0


# --- Demo ----------------------------------------------------------------------------------------------------------


def test_the_demo_fills_every_home_and_is_safe_to_run_again(harbor):
    from residences.operations.demo import seed

    make_member(harbor, Role.ADMIN)
    make_member(harbor, Role.HOUSE_MANAGER, first_name="Luis", last_name="Ortega")
    home = make_home(harbor, name="Maple House", beds=("A", "B", "C"))
    for first_name, last_name in (("Jordan", "Reyes"), ("Chris", "Wallace")):
        admit(home, first_name=first_name, last_name=last_name, move_in=date(2020, 1, 1))

    seed(harbor)
    models = (
        HouseRuleVersion,
        RuleAcknowledgement,
        HouseCheck,
        MaintenanceRequest,
        SafetyInspection,
        GoodNeighborContact,
        ComplianceItem,
    )
    with tenant_scope(harbor):
        counts = {model: model.objects.count() for model in models}
        assert all(counts.values()), counts
        assert ComplianceItem.objects.filter(status=ComplianceStatus.MET).exists()
        assert HouseRuleVersion.objects.filter(residence=home).count() == 2
    seed(harbor)
    with tenant_scope(harbor):
        assert {model: model.objects.count() for model in models} == counts
