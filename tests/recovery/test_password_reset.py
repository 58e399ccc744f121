"""Password reset: the email gives nothing away on a lock screen, and its link sets a new password."""

import re

import pytest
from django.core import mail

from recovery.models import Role
from tests.recovery.builders import make_member

pytestmark = pytest.mark.django_db


def test_a_member_resets_their_password_from_the_emailed_link(client, harbor):
    person = make_member(harbor, Role.RESIDENT, email="robin@example.org")
    assert client.post("/accounts/password/reset/", {"email": "robin@example.org"}).status_code == 302
    (message,) = mail.outbox
    text = f"{message.subject} {message.body}".lower()
    assert "harbor" not in text and "recovery" not in text and "resident" not in text

    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "a-new-long-passphrase-2", "password2": "a-new-long-passphrase-2"},
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password("a-new-long-passphrase-2")


def test_an_unknown_address_gets_the_same_answer_so_no_account_is_revealed(client, harbor):
    make_member(harbor, Role.RESIDENT, email="robin@example.org")
    known = client.post("/accounts/password/reset/", {"email": "robin@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


def test_a_reset_asked_for_an_address_with_no_account_sends_no_mail(client, harbor):
    response = client.post("/accounts/password/reset/", {"email": "someone-else@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
