"""Each person's language (issue 18): the browser's for a visitor, the saved choice over it once signed in, the
choice made from any page's footer, and messages outside the app in the recipient's language."""

from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from recovery.languages import person_language
from recovery.models import Membership, Organization, Role, User
from recovery.notifications import services, tasks
from recovery.notifications.models import Delivery
from recovery.tenancy import tenant_scope


@pytest.fixture
def organization(db):
    return Organization.objects.create(name="Casa Esperanza", slug="esperanza", time_zone="America/New_York")


def member(organization, email, *, language=""):
    user = User.objects.create_user(email=email, password="x", first_name="Rosa", language=language)
    with tenant_scope(organization):
        Membership.objects.create(user=user, role=Role.RESIDENT)
    return user


def test_a_visitor_whose_browser_asks_for_spanish_reads_spanish(client, db):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9,en;q=0.5")
    body = page.content.decode()
    assert 'lang="es"' in body and "Bienvenido a Hearth" in body
    assert page["Content-Language"] == "es"


def test_a_visitor_with_an_english_browser_or_none_reads_english(client, db):
    assert "Welcome to Hearth" in client.get("/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "Welcome to Hearth" in client.get("/").content.decode()


def test_the_saved_choice_beats_the_browser(client, organization):
    client.force_login(member(organization, "rosa@example.org", language="es"))
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert "Qué hacer ahora" in body and "Hoy" in body

    client.force_login(member(organization, "sam@example.org", language="en"))
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "What to do now" in body


def test_a_person_who_never_chose_follows_the_browser(client, organization):
    client.force_login(member(organization, "lee@example.org"))
    assert "Qué hacer ahora" in client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()


def test_choosing_a_language_in_the_footer_saves_it_on_the_account(client, organization):
    user = member(organization, "rosa@example.org")
    client.force_login(user)
    answer = client.post(reverse("choose_language"), {"language": "es", "next": "/house/"})
    assert answer.status_code == 302 and answer["Location"] == "/house/"
    user.refresh_from_db()
    assert user.language == "es"
    assert "Qué hacer ahora" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_visitor_s_choice_is_kept_in_a_cookie_and_bad_input_changes_nothing(client, db):
    answer = client.post(reverse("choose_language"), {"language": "es", "next": "https://evil.example/"})
    assert answer["Location"] == "/"
    assert "Bienvenido a Hearth" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    answer = client.post(reverse("choose_language"), {"language": "xx"})
    assert answer.status_code == 302
    assert "Bienvenido a Hearth" in client.get("/").content.decode()


def test_person_language_falls_back_to_the_site_default():
    assert person_language(None) == "en"
    assert person_language(User(language="es")) == "es"
    assert person_language(User(language="")) == "en"


def test_an_email_to_a_spanish_speaker_is_in_spanish_and_still_says_nothing_specific(organization, settings):
    settings.HEARTH_BASE_URL = "https://hearth.example.org"
    rosa = member(organization, "rosa@example.org", language="es")
    with tenant_scope(organization), mock.patch.object(tasks.deliver, "delay"):
        notification = services.notify(recipient=rosa, kind="drug_test.result", title="Positive test", body="opiates")
        services.send_delivery(delivery_id=notification.deliveries.get(channel=Delivery.Channel.EMAIL).pk)
    message = mail.outbox[0]
    assert "Tienes un mensaje nuevo en Hearth" in message.subject
    assert "https://hearth.example.org/notifications/" in message.body and "Entra" in message.body
    assert "opiates" not in message.body and "Positive" not in message.subject


def test_an_invitation_to_someone_without_an_account_says_it_in_english_and_in_spanish(organization, settings):
    from recovery.services import issue_invitation, send_invitation_email

    with tenant_scope(organization):
        issued = issue_invitation(email="new@example.org", role=Role.RESIDENT, by=None, base_url="https://h.example")
    send_invitation_email(issued)
    message = mail.outbox[-1]
    assert "You have an invitation" in message.subject and "Tienes una invitación" in message.subject
    assert "You have been invited" in message.body and "Te invitaron" in message.body
    assert message.body.count(issued.link) == 2
