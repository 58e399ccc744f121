"""A Part 2 consent is the resident's act: a draft allows nothing until the resident signs it on their own account
or staff record the signature the resident gave them in person (how, and who witnessed it); nobody signs in the
resident's name; who signed shows on every page and document; every disclosure path asks the one predicate."""

import inspect
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import tenant_scope
from residents.consents import services
from residents.consents.models import Consent, Disclosure, SignatureMethod
from residents.models import Resident
from tests.recovery.builders import make_member
from tests.residents.builders import make_consent

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
DISCLOSE_FORM = {"information_classes": ["test_results"], "channel": "print", "description": "Weekly results"}


@pytest.fixture
def pending(harbor):
    """A consent staff drafted for a resident who signs in as `pending.resident.user`."""
    consent = make_consent(harbor, signed=False)
    with tenant_scope(harbor):
        consent.resident.user = make_member(harbor, Role.RESIDENT, first_name="Alex", last_name="Rivera")
        consent.resident.save()
    return consent


@pytest.fixture
def staff(harbor):
    return make_member(harbor, Role.STAFF, first_name="Pat", last_name="Moss")


def fresh(consent):
    with tenant_scope(consent.organization):
        return Consent.objects.select_related("resident", "witnessed_by", "signed_by").get(pk=consent.pk)


def first_recipient(consent):
    with tenant_scope(consent.organization):
        return consent.recipients.order_by("pk").first()


def audit_events(consent, action, **filters):
    with tenant_scope(consent.organization):
        events = AuditEvent.objects.filter(action=action, object_type="residents.consent", object_id=str(consent.pk))
        return list(events.filter(**filters))


def sign_in_person(client, consent, **fields):
    data = {"witnessed": "on", "method": "device", "witness_name": "", **fields}
    return client.post(reverse("residents:consent_sign_in_person", kwargs={"pk": consent.pk}), data)


# --- A draft allows nothing -------------------------------------------------------------------------------------


def test_a_drafted_consent_allows_no_disclosure_until_it_is_signed(pending, staff):
    with tenant_scope(pending.organization), pytest.raises(services.ConsentProblem, match="not signed"):
        services.disclose(
            consent_recipient=first_recipient(pending), info_classes=["test_results"], channel="export", by=staff
        )


def test_the_new_consent_form_has_no_field_for_the_residents_name(client, pending, staff):
    client.force_login(staff)
    page = client.get(reverse("residents:consent_new", kwargs={"resident_pk": pending.resident_id})).content.decode()
    assert 'name="signed_name"' not in page and 'name="discloser"' in page


def test_the_service_drafting_a_consent_takes_no_signature():
    assert "signed_name" not in inspect.signature(services.grant_consent).parameters


# --- The resident signs on their own account --------------------------------------------------------------------


def test_the_resident_signs_on_their_own_account_and_the_signer_is_recorded(client, pending, staff):
    client.force_login(pending.resident.user)
    url = reverse("residents:consent_sign", kwargs={"pk": pending.pk})
    assert client.get(url).status_code == 200
    assert client.post(url, {"agreed": "on", "signed_name": "Alex  Rivera"}).status_code == 302
    signed = fresh(pending)
    assert signed.signature_method == SignatureMethod.OWN_ACCOUNT and signed.signed_at is not None
    assert (signed.signed_by, signed.signed_name, signed.witnessed_by) == (pending.resident.user, "Alex Rivera", None)
    with tenant_scope(pending.organization):
        services.disclose(
            consent_recipient=first_recipient(pending), info_classes=["test_results"], channel="export", by=staff
        )
        assert Disclosure.objects.filter(consent=pending).count() == 1


def test_signing_on_own_account_is_audited(client, pending):
    client.force_login(pending.resident.user)
    client.post(reverse("residents:consent_sign", kwargs={"pk": pending.pk}), {"agreed": "on", "signed_name": "A R"})
    # Every save is audited with its changed fields; the signature is also written down as the act it is.
    (event,) = audit_events(pending, AuditEvent.Action.UPDATE, detail="signed by the resident on own account")
    assert event.actor == pending.resident.user and "signed_by" in event.changed_fields


def test_staff_are_refused_on_the_residents_signing_page_with_the_way_to_record_it_in_person(client, pending, staff):
    client.force_login(staff)
    url = reverse("residents:consent_sign", kwargs={"pk": pending.pk})
    for response in (client.get(url), client.post(url, {"agreed": "on", "signed_name": "Alex Rivera"})):
        page = response.content.decode()
        assert response.status_code == 403
        assert "Only the resident can sign this consent" in page
        assert reverse("residents:consent_sign_in_person", kwargs={"pk": pending.pk}) in page
    assert not fresh(pending).is_signed
    with tenant_scope(pending.organization):
        assert AuditEvent.objects.filter(action=AuditEvent.Action.DENIED, detail="residents.sign_consent").count() == 2


def test_the_signing_service_refuses_staff_signing_in_the_residents_name(pending, staff):
    with tenant_scope(pending.organization), pytest.raises(services.ConsentProblem, match="Only the resident"):
        services.sign_consent(consent=pending, signed_name="Alex Rivera", agreed=True, by=staff)
    assert not fresh(pending).is_signed


def test_another_resident_cannot_sign_the_consent(client, harbor, pending):
    other = make_member(harbor, Role.RESIDENT)
    client.force_login(other)
    url = reverse("residents:consent_sign", kwargs={"pk": pending.pk})
    assert client.post(url, {"agreed": "on", "signed_name": "Alex Rivera"}).status_code == 403
    with tenant_scope(harbor), pytest.raises(services.ConsentProblem, match="Only the resident"):
        services.sign_consent(consent=pending, signed_name="Alex Rivera", agreed=True, by=other)
    assert not fresh(pending).is_signed


def test_signing_is_refused_once_the_consent_has_expired(pending):
    with tenant_scope(pending.organization):
        Consent.objects.filter(pk=pending.pk).update(expires_on="2020-01-01")
        with pytest.raises(services.ConsentProblem, match="expired on January 1, 2020 before it was signed"):
            services.sign_consent(consent=pending, signed_name="Alex Rivera", agreed=True, by=pending.resident.user)


# --- Staff record a signature given in person --------------------------------------------------------------------


def test_an_in_person_signature_records_its_method_and_its_witness(client, pending, staff):
    client.force_login(staff)
    response = sign_in_person(client, pending, method="paper", witness_name="Jo Lane")
    assert response.status_code == 302
    signed = fresh(pending)
    assert (signed.signature_method, signed.in_person_method) == (SignatureMethod.IN_PERSON, "paper")
    assert (signed.witnessed_by, signed.witness_name, signed.signed_by, signed.signed_name) == (
        staff,
        "Jo Lane",
        None,
        "",
    )
    assert services.is_in_force(signed)


def test_an_in_person_signature_is_refused_without_a_method(client, pending, staff):
    client.force_login(staff)
    response = sign_in_person(client, pending, method="")
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    with tenant_scope(pending.organization), pytest.raises(services.ConsentProblem, match="how the resident signed"):
        services.record_in_person_signature(consent=pending, witness=staff, method="")
    assert not fresh(pending).is_signed


def test_an_in_person_signature_is_refused_without_a_witness(client, pending, staff):
    client.force_login(staff)
    response = sign_in_person(client, pending, witnessed="")
    assert response.status_code == 200 and "say you saw the resident sign" in response.content.decode()
    with tenant_scope(pending.organization), pytest.raises(services.ConsentProblem, match="needs a witness"):
        services.record_in_person_signature(consent=pending, witness=None, method="paper")
    assert not fresh(pending).is_signed


def test_the_resident_cannot_witness_their_own_signature(pending):
    with tenant_scope(pending.organization), pytest.raises(services.ConsentProblem, match="cannot witness"):
        services.record_in_person_signature(consent=pending, witness=pending.resident.user, method="paper")


@pytest.mark.parametrize("role", [Role.HOUSE_MANAGER, Role.COACH, Role.RESIDENT])
def test_recording_an_in_person_signature_is_forbidden_when_the_role_does_not_manage_consents(
    client, harbor, pending, role
):
    client.force_login(make_member(harbor, role))
    assert sign_in_person(client, pending).status_code == 403
    assert not fresh(pending).is_signed


def test_recording_an_in_person_signature_is_audited_without_names(client, pending, staff):
    client.force_login(staff)
    sign_in_person(client, pending, method="paper", witness_name="Jo Lane")
    (event,) = audit_events(pending, AuditEvent.Action.UPDATE, detail="in-person signature recorded: paper")
    assert event.actor == staff and "witnessed_by" in event.changed_fields
    with tenant_scope(pending.organization):
        assert not AuditEvent.objects.filter(detail__contains="Jo Lane").exists()


def test_an_in_person_signature_is_shown_as_such_on_the_consent_page(client, pending, staff):
    client.force_login(staff)
    sign_in_person(client, pending, method="paper", witness_name="Jo Lane")
    page = client.get(reverse("residents:consent_detail", kwargs={"pk": pending.pk})).content.decode()
    assert "Signed in person on" in page and "witnessed by Pat Moss and Jo Lane" in page
    assert "method: wet ink on paper, kept on file or scanned" in page


def test_an_in_person_signature_is_shown_as_such_on_the_disclosure_document(client, pending, staff):
    client.force_login(staff)
    sign_in_person(client, pending, method="device")
    response = client.post(
        reverse("residents:disclose", kwargs={"pk": pending.pk}),
        {"recipient": first_recipient(pending).pk, **DISCLOSE_FORM},
    )
    document = response.content.decode()
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Signed in person on" in document and "witnessed by Pat Moss" in document
    assert "method: signed on this device in the witness&#x27;s presence" in document


def test_the_resident_sees_how_their_consent_was_signed_on_their_own_page(client, pending, staff):
    client.force_login(staff)
    sign_in_person(client, pending, method="paper")
    client.force_login(pending.resident.user)
    page = client.get(reverse("residents:my_consents")).content.decode()
    assert "Signed in person on" in page and "witnessed by Pat Moss" in page


def test_a_captured_signature_is_stored_apart_and_its_download_is_audited(client, pending, staff):
    client.force_login(staff)
    upload = SimpleUploadedFile("alex-rivera-signature.png", PNG, content_type="image/png")
    assert sign_in_person(client, pending, method="paper", signature_file=upload).status_code == 302
    stored = fresh(pending).signature_file
    assert stored.name.startswith(f"residents/consent_signatures/{pending.organization_id}/")
    assert "rivera" not in stored.name
    detail = client.get(reverse("residents:consent_detail", kwargs={"pk": pending.pk})).content.decode()
    url = reverse("residents:consent_signature", kwargs={"pk": pending.pk})
    assert "A captured signature is kept on file" in detail and url in detail
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    # The consent page's own read is audited too (recovery.audit.reads); the download is its own named event.
    assert [event.detail for event in audit_events(pending, AuditEvent.Action.VIEW)].count("captured signature") == 1
    assert Path(settings.MEDIA_ROOT, stored.name).is_file()


def test_a_captured_signature_that_is_not_an_image_or_pdf_is_refused(client, pending, staff):
    client.force_login(staff)
    upload = SimpleUploadedFile("signature.png", b"not an image at all", content_type="image/png")
    response = sign_in_person(client, pending, signature_file=upload)
    assert response.status_code == 200 and "its contents are not" in response.content.decode()
    assert not fresh(pending).is_signed


def test_a_consent_without_a_captured_signature_has_nothing_to_download(client, pending, staff):
    client.force_login(staff)
    sign_in_person(client, pending)
    assert client.get(reverse("residents:consent_signature", kwargs={"pk": pending.pk})).status_code == 404


# --- The resident finds what waits for them ------------------------------------------------------------------------


def test_the_resident_finds_a_consent_to_sign_on_their_home_page(client, pending):
    client.force_login(pending.resident.user)
    page = client.get(reverse("home")).content.decode()
    assert "A consent waits for your signature" in page and reverse("residents:my_consents") in page


def test_the_home_page_shows_no_consent_card_once_it_is_signed(client, pending):
    with tenant_scope(pending.organization):
        services.sign_consent(consent=pending, signed_name="Alex Rivera", agreed=True, by=pending.resident.user)
    client.force_login(pending.resident.user)
    assert "waits for your signature" not in client.get(reverse("home")).content.decode()


def test_my_consents_lists_the_consents_waiting_for_a_signature_apart(client, pending):
    client.force_login(pending.resident.user)
    page = client.get(reverse("residents:my_consents")).content.decode()
    waiting, _, rest = page.partition("Signed and ended")
    assert "Waiting for your signature" in waiting
    assert reverse("residents:consent_sign", kwargs={"pk": pending.pk}) in waiting
    assert "Read and sign" not in rest


def test_the_residents_record_links_to_their_consents(client, pending, staff):
    url = reverse("residents:resident_detail", kwargs={"pk": pending.resident_id})
    client.force_login(pending.resident.user)
    assert reverse("residents:my_consents") in client.get(url).content.decode()
    client.force_login(staff)
    staff_list = reverse("residents:consents", kwargs={"resident_pk": pending.resident_id})
    assert staff_list in client.get(url).content.decode()


# --- Every path that relies on a consent asks the one predicate ----------------------------------------------------


def _disclose_service(consent, staff):
    with tenant_scope(consent.organization):
        try:
            services.disclose(
                consent_recipient=first_recipient(consent), info_classes=["test_results"], channel="report", by=staff
            )
        except services.ConsentProblem:
            return False
    return True


def _disclose_page(consent, staff, client):
    client.force_login(staff)
    response = client.post(
        reverse("residents:disclose", kwargs={"pk": consent.pk}),
        {"recipient": first_recipient(consent).pk, **DISCLOSE_FORM},
    )
    return "attachment" in response.get("Content-Disposition", "")


def _officer_details_kept(consent, staff, client):
    with tenant_scope(consent.organization):
        return services.officer_consent(consent.resident, "Dana Cole") is not None


def _officer_details_shown(consent, staff, client):
    with tenant_scope(consent.organization):
        Resident.objects.filter(pk=consent.resident_id).update(
            justice_involvement="probation", justice_officer_name="Dana Cole"
        )
    client.force_login(staff)
    page = client.get(reverse("residents:resident_detail", kwargs={"pk": consent.resident_id})).content.decode()
    return "Dana Cole" in page


DISCLOSURE_PATHS = {
    "disclose service": lambda consent, staff, client: _disclose_service(consent, staff),
    "disclose page": _disclose_page,
    "justice officer kept under consent": _officer_details_kept,
    "justice officer shown under consent": _officer_details_shown,
}


@pytest.fixture
def staff_draft(client, harbor, pending, staff):
    """A consent staff wrote on the new-consent page, typing the resident's name where a signature used to go."""
    client.force_login(staff)
    response = client.post(
        reverse("residents:consent_new", kwargs={"resident_pk": pending.resident_id}),
        {
            "discloser": "Harbor Light",
            "information_classes": ["test_results"],
            "information_description": "Weekly test results",
            "recipients": "Dana Cole, Probation officer",
            "purpose": "Probation",
            "expires_on": "2099-01-01",
            "revocation_terms": "Tell staff in writing.",
            "signed_name": "Alex Rivera",
        },
    )
    assert response.status_code == 302
    with tenant_scope(harbor):
        return Consent.objects.exclude(pk=pending.pk).select_related("resident__user").get()


@pytest.mark.parametrize("path", sorted(DISCLOSURE_PATHS))
def test_every_disclosure_path_refuses_a_consent_staff_drafted(client, staff_draft, staff, path):
    assert DISCLOSURE_PATHS[path](staff_draft, staff, client) is False
    with tenant_scope(staff_draft.organization):
        assert not Disclosure.objects.exists()


@pytest.mark.parametrize("path", sorted(DISCLOSURE_PATHS))
def test_every_disclosure_path_allows_the_staff_draft_once_the_resident_signs_it(client, staff_draft, staff, path):
    with tenant_scope(staff_draft.organization):
        resident_user = staff_draft.resident.user
        services.sign_consent(consent=staff_draft, signed_name="Alex Rivera", agreed=True, by=resident_user)
    assert DISCLOSURE_PATHS[path](fresh(staff_draft), staff, client) is True


def test_only_the_disclose_service_writes_a_disclosure_and_it_asks_the_one_predicate():
    root = Path(settings.BASE_DIR)
    # A Part 2 disclosure row (not the ledger's FeeDisclosure) written anywhere but `disclose` skips the predicate.
    writes = re.compile(r"(?<![A-Za-z_])Disclosure\.objects\.(create|bulk_create|get_or_create|update_or_create)\(")
    writers = sorted(
        str(path.relative_to(root))
        for app in ("recovery", "residences", "residents", "peer_support", "governance")
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts and writes.search(path.read_text())
    )
    assert writers == ["residents/consents/services.py"]
    assert "consent_problem(consent, recipient, classes" in inspect.getsource(services.disclose)
    assert "is_in_force(consent" in inspect.getsource(services.officer_consent)


def test_no_page_judges_a_consent_in_force_by_itself():
    """A template that weighs a consent's signature or expiry itself drifts from the predicate: pages show its
    standing through `_status.html`, given `consent_problem`'s answer."""
    root = Path(settings.BASE_DIR)
    judging = re.compile(r"consent\.expires_on\s*<|consent\.signed_at\s*%\}|not consent\.signed_name")
    templates = [
        str(path.relative_to(root))
        for folder in ("recovery", "residences", "residents", "peer_support", "governance")
        for path in (root / folder).rglob("*.html")
        if judging.search(path.read_text())
    ]
    assert templates == []
