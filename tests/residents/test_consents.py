"""Consents and disclosures to the 42 CFR Part 2 bar: what refuses a disclosure, the notice on every document,
revoking for one recipient, the append-only log, the resident's accounting, audited views and isolation."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from recovery.audit.models import AuditEvent
from recovery.models import Membership, Role
from recovery.tenancy import organization_today, tenant_scope
from residents.consents import services
from residents.consents import urls as consent_urls
from residents.consents.models import Consent, ConsentRecipient, Disclosure
from residents.sensitivity import DEFAULT_VISIBILITY, InfoClass, can_see_class
from tests.clock import house_today
from tests.isolation_routes import consents as consent_routes
from tests.recovery.builders import MARKER, UserFactory, make_member, sign_in_with_totp
from tests.residences.builders import admit, make_home
from tests.residents.builders import make_consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def consent(harbor):
    return make_consent(harbor)


@pytest.fixture
def staff(harbor):
    user = make_member(harbor, Role.STAFF)
    with tenant_scope(harbor):
        user.hearth_membership = Membership.objects.get(user=user)
    return user


def first_recipient(consent):
    with tenant_scope(consent.organization):
        return consent.recipients.order_by("pk").first()


def disclose(consent, *, recipient=None, classes=("test_results",), channel="export", by=None, **confirmed):
    with tenant_scope(consent.organization):
        recipient = recipient or consent.recipients.order_by("pk").first()
        return services.disclose(consent_recipient=recipient, info_classes=classes, channel=channel, by=by, **confirmed)


# --- The rules -------------------------------------------------------------------------------------------------


def test_disclosure_is_logged_when_the_consent_is_in_force(consent, staff):
    disclosure = disclose(consent, by=staff)
    with tenant_scope(consent.organization):
        logged = Disclosure.objects.get()
    assert logged == disclosure
    assert (logged.consent, logged.resident_id, logged.channel) == (consent, consent.resident_id, "export")
    assert logged.recipient == first_recipient(consent) and logged.disclosed_by == staff


def test_disclosure_writes_an_audit_export_event(consent):
    disclosure = disclose(consent)
    with tenant_scope(consent.organization):
        assert AuditEvent.objects.filter(
            action=AuditEvent.Action.EXPORT, object_type="residents.disclosure", object_id=str(disclosure.pk)
        ).exists()


def test_disclosure_is_refused_when_the_consent_has_expired(harbor, consent):
    with tenant_scope(harbor):
        Consent.objects.filter(pk=consent.pk).update(expires_on=organization_today() - timedelta(days=1))
        consent.refresh_from_db()
    with pytest.raises(services.ConsentProblem, match="expired"):
        disclose(consent)
    with tenant_scope(harbor):
        assert not Disclosure.objects.exists()


def test_disclosure_is_refused_when_the_consent_is_revoked(harbor, consent):
    with tenant_scope(harbor):
        services.revoke_consent(consent=consent)
    with pytest.raises(services.ConsentProblem, match="revoked"):
        disclose(consent)


def test_disclosure_is_refused_only_to_the_recipient_it_was_revoked_for(harbor, consent):
    with tenant_scope(harbor):
        dana, sam = consent.recipients.order_by("pk")
        services.revoke_consent(consent=consent, recipient=dana)
    with pytest.raises(services.ConsentProblem, match="for that recipient"):
        disclose(consent, recipient=dana)
    assert disclose(consent, recipient=sam).recipient == sam


def test_disclosure_is_refused_when_the_consent_is_not_signed(harbor):
    consent = make_consent(harbor, signed=False)
    with pytest.raises(services.ConsentProblem, match="not signed"):
        disclose(consent)


def test_disclosure_is_refused_when_the_consent_does_not_cover_the_class(consent):
    with pytest.raises(services.ConsentProblem, match="does not cover counseling"):
        disclose(consent, classes=["test_results", "counseling_notes"])


def test_disclosure_is_refused_when_the_recipient_belongs_to_another_consent(harbor, consent):
    other = make_consent(harbor)
    with tenant_scope(harbor):
        stranger = other.recipients.first()
        problem = services.consent_problem(consent, stranger, ["test_results"])
    assert problem == "That recipient is not named in this consent."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"recipients": []}, "at least one recipient"),
        ({"information_classes": []}, "kinds of information"),
        ({"information_classes": ["gossip"]}, "kinds of information"),
        ({"expires_on": None, "expiry_event": ""}, "date or the event"),
        ({"purpose": " "}, "purpose"),
    ],
)
def test_consent_is_refused_when_an_element_is_missing(harbor, change, message):
    home = make_home(harbor)
    resident = admit(home).resident
    with tenant_scope(harbor):
        elements = {
            "resident": resident,
            "discloser": "Harbor Light",
            "information_classes": ["test_results"],
            "information_description": "Weekly results",
            "purpose": "Probation",
            "recipients": [("Dana Cole", "Probation officer")],
            "expires_on": organization_today() + timedelta(days=30),
            **change,
        }
        with pytest.raises(services.ConsentProblem, match=message):
            services.grant_consent(**elements)


def test_database_refuses_a_consent_without_an_expiry(harbor, consent):
    with tenant_scope(harbor), pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.filter(pk=consent.pk).update(expires_on=None, expiry_event="")


def test_an_event_is_enough_as_expiry(harbor):
    resident = make_consent(harbor).resident
    with tenant_scope(harbor):
        consent = services.grant_consent(
            resident=resident,
            discloser="Harbor Light",
            information_classes=["incidents"],
            information_description="Incident reports",
            purpose="Court",
            recipients=[("Judge's clerk", "County court")],
            expiry_event="the end of probation",
        )
        services.record_in_person_signature(consent=consent, witness=make_member(harbor, Role.STAFF), method="paper")
    with pytest.raises(services.ConsentProblem, match="Confirm that this has not happened"):
        disclose(consent, classes=["incidents"])  # an event Hearth cannot know is confirmed at each disclosure
    assert disclose(consent, classes=["incidents"], event_not_happened=True).consent == consent


# --- The documents ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["report", "export", "print", "other"])
def test_the_redisclosure_notice_and_scope_are_on_every_document_when_disclosed(consent, channel):
    disclosure = disclose(consent, channel=channel)
    with tenant_scope(consent.organization):
        document = services.render_disclosure_document(disclosure=disclosure)
    assert services.REDISCLOSURE_NOTICE in document
    assert "is a federally assisted substance use disorder program" in document
    assert "42 CFR part 2" in document and "is NOT sufficient for this purpose" in document
    assert "Scope of the consent" in document and "Compliance with probation" in document


def test_the_scope_summary_leaves_out_a_revoked_recipient(harbor, consent):
    with tenant_scope(harbor):
        dana = consent.recipients.order_by("pk").first()
        services.revoke_consent(consent=consent, recipient=dana)
        summary = services.consent_scope_summary(Consent.objects.get(pk=consent.pk))
    assert "Dana Cole" not in summary and "Sam Ortiz" in summary


def test_disclose_page_downloads_the_document_with_the_notice(client, harbor, consent, staff):
    client.force_login(staff)
    url = reverse("residents:disclose", kwargs={"pk": consent.pk})
    recipient = first_recipient(consent)
    response = client.post(
        url,
        {"recipient": recipient.pk, "information_classes": ["test_results"], "channel": "print", "description": "x"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert services.REDISCLOSURE_NOTICE in response.content.decode()
    with tenant_scope(harbor):
        assert Disclosure.objects.get().channel == "print"


def test_disclose_page_explains_the_refusal_when_the_consent_is_revoked(client, harbor, consent, staff):
    with tenant_scope(harbor):
        services.revoke_consent(consent=consent)
    client.force_login(staff)
    recipient = first_recipient(consent)
    response = client.post(
        reverse("residents:disclose", kwargs={"pk": consent.pk}),
        {"recipient": recipient.pk, "information_classes": ["test_results"], "channel": "export", "description": "x"},
    )
    assert response.status_code == 200
    assert "revoked" in response.content.decode()
    assert "attachment" not in response.get("Content-Disposition", "")
    with tenant_scope(harbor):
        assert not Disclosure.objects.exists()


# --- The append-only log ---------------------------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only")
def test_database_refuses_to_change_a_disclosure_when_on_postgresql(consent):
    disclosure = disclose(consent)
    with tenant_scope(consent.organization):
        with pytest.raises(Exception, match="append-only"), transaction.atomic():
            Disclosure.objects.filter(pk=disclosure.pk).update(description="changed")
        with pytest.raises(Exception, match="append-only"), transaction.atomic():
            Disclosure.objects.filter(pk=disclosure.pk).delete()


# --- Pages, permissions and audit ------------------------------------------------------------------------------


def viewed(resident, detail):
    with tenant_scope(resident.organization):
        return AuditEvent.objects.filter(
            action=AuditEvent.Action.VIEW, object_type="residents.resident", object_id=str(resident.pk), detail=detail
        ).count()


def test_staff_list_of_consents_is_audited_as_a_view_of_the_resident(client, consent, staff):
    client.force_login(staff)
    response = client.get(reverse("residents:consents", kwargs={"resident_pk": consent.resident_id}))
    assert response.status_code == 200 and "Dana Cole" in response.content.decode()
    assert viewed(consent.resident, "consents") == 1


def test_consent_detail_is_audited_as_a_view_of_the_resident(client, consent, staff):
    client.force_login(staff)
    response = client.get(reverse("residents:consent_detail", kwargs={"pk": consent.pk}))
    assert response.status_code == 200 and "Compliance with probation" in response.content.decode()
    assert viewed(consent.resident, "consent") == 1


def test_staff_draft_a_consent_that_waits_for_the_resident_when_every_element_is_given(client, harbor, consent, staff):
    client.force_login(staff)
    response = client.post(
        reverse("residents:consent_new", kwargs={"resident_pk": consent.resident_id}),
        {
            "discloser": "Harbor Light",
            "information_classes": ["medication", "incidents"],
            "information_description": "Medication list and incident reports",
            "recipients": "Dr. Lee, Clinic\nPat Moss, Family",
            "purpose": "Continuity of care",
            "expires_on": (house_today() + timedelta(days=90)).isoformat(),
            "expiry_event": "",
            "revocation_terms": "Tell staff in writing.",
            "signed_name": "Alex Rivera",  # the field is gone: a name typed by staff is not a signature
        },
    )
    assert response.status_code == 302
    with tenant_scope(harbor):
        new = Consent.objects.exclude(pk=consent.pk).get()
        assert [str(r) for r in new.recipients.order_by("pk")] == ["Dr. Lee (Clinic)", "Pat Moss (Family)"]
    assert new.information_classes == ["incidents", "medication"]
    assert not new.is_signed and (new.signed_name, new.signature_method) == ("", "")
    with pytest.raises(services.ConsentProblem, match="not signed"):
        disclose(new, classes=["incidents"])


@pytest.mark.parametrize("role", [Role.HOUSE_MANAGER, Role.COACH, Role.RESIDENT])
def test_disclosing_is_forbidden_when_the_role_may_not_disclose(client, harbor, consent, role):
    client.force_login(make_member(harbor, role))
    response = client.get(reverse("residents:disclose", kwargs={"pk": consent.pk}))
    assert response.status_code == 403


def test_resident_sees_own_consents_and_accounting_of_disclosures(client, harbor, consent):
    resident_user = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        consent.resident.user = resident_user
        consent.resident.save()
    disclose(consent)
    old = disclose(consent)
    with tenant_scope(harbor):
        # An old row is written directly: the log is append-only on PostgreSQL, so no row is back-dated.
        Disclosure.objects.create(
            consent=consent,
            recipient=old.recipient,
            resident=consent.resident,
            information_classes=["test_results"],
            description="four years ago",
            channel="report",
            disclosed_at=timezone.now() - timedelta(days=365 * 4),
        )
    client.force_login(resident_user)
    response = client.get(reverse("residents:my_consents"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dana Cole" in page and page.count("Export") == 2 and "four years ago" not in page
    assert viewed(consent.resident, "own consents") == 1


def test_resident_revokes_own_consent_for_one_recipient(client, harbor, consent):
    resident_user = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        consent.resident.user = resident_user
        consent.resident.save()
        dana = consent.recipients.order_by("pk").first()
    client.force_login(resident_user)
    response = client.post(reverse("residents:consent_revoke", kwargs={"pk": consent.pk}), {"recipient": dana.pk})
    assert response.status_code == 302
    with tenant_scope(harbor):
        assert ConsentRecipient.objects.get(pk=dana.pk).revoked_at is not None
        assert Consent.objects.get(pk=consent.pk).revoked_at is None


def test_resident_signs_own_consent_and_then_it_allows_disclosure(client, harbor):
    consent = make_consent(harbor, signed=False)
    resident_user = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        consent.resident.user = resident_user
        consent.resident.save()
    client.force_login(resident_user)
    url = reverse("residents:consent_sign", kwargs={"pk": consent.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"agreed": "on", "signed_name": "Alex Rivera"})
    assert response.status_code == 302
    with tenant_scope(harbor):
        consent.refresh_from_db()
    assert consent.signed_name == "Alex Rivera" and consent.is_signed
    assert disclose(consent).consent == consent


def test_signing_is_refused_when_the_consent_is_revoked(harbor):
    consent = make_consent(harbor, signed=False)
    resident_user = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        consent.resident.user = resident_user
        consent.resident.save()
        services.revoke_consent(consent=consent)
        with pytest.raises(services.ConsentProblem, match="revoked"):
            services.sign_consent(consent=consent, signed_name="Alex Rivera", agreed=True, by=resident_user)


def test_staff_forms_are_audited_as_views_of_the_resident(client, consent, staff):
    client.force_login(staff)
    client.get(reverse("residents:consent_new", kwargs={"resident_pk": consent.resident_id}))
    client.get(reverse("residents:disclose", kwargs={"pk": consent.pk}))
    client.get(reverse("residents:consent_revoke", kwargs={"pk": consent.pk}))
    assert viewed(consent.resident, "new consent form") == 1 and viewed(consent.resident, "disclosure form") == 1
    assert viewed(consent.resident, "consent to revoke") == 1


def queries_for(client, url):
    client.get(url)  # the first request after signing in also loads the session's membership
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_consent_pages_do_not_query_more_when_there_are_more_consents(client, harbor, consent, staff):
    resident_user = make_member(harbor, Role.RESIDENT)
    with tenant_scope(harbor):
        consent.resident.user = resident_user
        consent.resident.save()
    disclose(consent)
    staff_url = reverse("residents:consents", kwargs={"resident_pk": consent.resident_id})
    client.force_login(staff)
    staff_before = queries_for(client, staff_url)
    client.force_login(resident_user)
    mine_before = queries_for(client, reverse("residents:my_consents"))
    for _ in range(3):
        disclose(make_consent(harbor, resident=consent.resident))
    assert queries_for(client, reverse("residents:my_consents")) == mine_before
    client.force_login(staff)
    assert queries_for(client, staff_url) == staff_before


def test_another_resident_may_not_revoke_a_consent(client, harbor, consent):
    client.force_login(make_member(harbor, Role.RESIDENT))
    response = client.post(reverse("residents:consent_revoke", kwargs={"pk": consent.pk}), {})
    assert response.status_code == 403
    with tenant_scope(harbor):
        assert Consent.objects.get(pk=consent.pk).revoked_at is None


# --- Isolation (the site's suite takes these routes over once they are mounted) --------------------------------


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("route_name", sorted(consent_routes.OBJECT_ROUTES))
def test_another_organizations_consent_answers_404_for_every_role(client, harbor, cedar, route_name, role):
    url = reverse(route_name, kwargs=consent_routes.OBJECT_ROUTES[route_name](harbor))
    client.force_login(make_member(cedar, role))
    get, post = client.get(url), client.post(url, {})
    assert {get.status_code, post.status_code} <= {404, 405} and 404 in {get.status_code, post.status_code}
    assert MARKER not in get.content.decode() + post.content.decode()


def test_every_consent_route_with_an_id_is_enrolled():
    with_ids = {pattern.name for pattern in consent_urls.urlpatterns if pattern.pattern.converters}
    assert with_ids == {name.removeprefix("residents:") for name in consent_routes.OBJECT_ROUTES}


# --- Sensitive classes -----------------------------------------------------------------------------------------


def test_every_role_has_a_default_visibility_for_the_sensitive_classes():
    assert set(DEFAULT_VISIBILITY) == set(Role.values)


@pytest.mark.parametrize(
    ("role", "info_class", "visible"),
    [
        (Role.STAFF, InfoClass.COUNSELING_NOTES, True),
        (Role.HOUSE_MANAGER, InfoClass.TEST_RESULTS, True),
        (Role.HOUSE_MANAGER, InfoClass.COUNSELING_NOTES, False),
        (Role.HOUSE_MANAGER, InfoClass.SUBSTANCE_HISTORY, False),
        (Role.COACH, InfoClass.INCIDENTS, False),
    ],
)
def test_class_visibility_follows_the_role_default(role, info_class, visible):
    assert can_see_class(Membership(role=role), info_class) is visible


def test_disclose_form_offers_only_the_classes_the_role_sees(harbor, consent, monkeypatch):
    from residents import sensitivity
    from residents.consents import views as consent_views

    monkeypatch.setitem(sensitivity.DEFAULT_VISIBILITY, Role.STAFF, frozenset({InfoClass.INCIDENTS}))
    with tenant_scope(harbor):
        form = consent_views.DiscloseForm(consent=consent, membership=Membership(role=Role.STAFF))
    assert [value for value, _label in form.fields["information_classes"].choices] == ["incidents"]


def test_no_class_is_visible_when_there_is_no_membership():
    assert not can_see_class(None, InfoClass.INCIDENTS)


# --- Demo and admin --------------------------------------------------------------------------------------------


def test_demo_seeds_a_probation_consent_with_disclosures_and_an_expired_one_once(harbor):
    from residents.consents import demo as demo_consents

    admit(make_home(harbor))
    make_member(harbor, Role.ADMIN)  # the witness of the demo's in-person signatures
    demo_consents.seed(harbor)
    demo_consents.seed(harbor)
    with tenant_scope(harbor):
        problems = sorted(str(services.consent_problem(consent)) for consent in Consent.objects.all())
        assert Consent.objects.count() == 2 and Disclosure.objects.count() == 3
    assert problems[0].startswith("None") and "expired" in problems[1]


@pytest.mark.parametrize("model", ["consent", "consentrecipient", "disclosure"])
def test_admin_shows_consents_read_only(client, consent, model):
    disclosure = disclose(consent)
    pk = {"consent": consent.pk, "consentrecipient": disclosure.recipient_id, "disclosure": disclosure.pk}[model]
    sign_in_with_totp(client, UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"/admin/residents/{model}/").status_code == 200
    assert client.get(f"/admin/residents/{model}/{pk}/change/").status_code == 200
    assert client.get(f"/admin/residents/{model}/add/").status_code == 403
