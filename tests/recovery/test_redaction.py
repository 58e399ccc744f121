"""URL secrets (an invitation's token, email confirmation and password-reset keys) never reach a record: not the
audit log's path, not Django's request or server log, not gunicorn's access log."""

import logging
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from gunicorn.config import Config

from recovery.audit.models import AuditEvent
from recovery.gunicorn_logging import RedactingLogger
from recovery.models import Role
from recovery.redaction import REDACTED, SECRET_PARAMETERS, RedactSecretsFilter, redact
from recovery.tenancy import scopes_disabled
from tests.recovery.builders import CommittingClient, UserFactory, make_member

SAMPLE_SECRET = "Zq9sEcReTvaLue42"
LOOKS_SECRET = re.compile(r"token|key|uid|secret|code|signature|hash", re.IGNORECASE)
# URL parameters whose names look secret but are not (none yet): name -> why.
NOT_SECRET: dict[str, str] = {}


def every_route(patterns=None, namespace=""):
    """(name, parameter names) of every URL pattern, path() and re_path() alike."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from every_route(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", list(entry.pattern.regex.groupindex)


def secret_routes():
    return [(name, params) for name, params in every_route() if set(params) & SECRET_PARAMETERS]


def test_every_url_parameter_named_like_a_secret_is_treated_as_one():
    unnamed = sorted(
        f"{name}: {param}"
        for name, params in every_route()
        for param in params
        if LOOKS_SECRET.search(param) and param not in SECRET_PARAMETERS and param not in NOT_SECRET
    )
    assert not unnamed, f"Add these to SECRET_PARAMETERS (recovery/redaction.py) or to NOT_SECRET here: {unnamed}"


def test_every_route_that_carries_a_secret_loses_it_in_paths_request_lines_and_next_links():
    routes = secret_routes()
    assert {"recovery:accept_invitation", "account_confirm_email", "account_reset_password_from_key"} <= {
        name for name, _ in routes
    }
    for name, params in routes:
        path = reverse(name, kwargs={param: SAMPLE_SECRET for param in params})
        for text in (path, f"GET {path} HTTP/1.1", f"/accounts/login/?next={path}", f"https://hearth.example{path}"):
            assert SAMPLE_SECRET not in redact(text), (name, text)
            assert REDACTED in redact(text)
    assert redact("/residents/12/") == "/residents/12/"


@pytest.fixture
def invitation_link(harbor):
    admin = CommittingClient()
    admin.force_login(make_member(harbor, Role.ADMIN))
    admin.post("/organization/invitations/", {"email": "newcoach@example.org", "role": "coach"})
    return next(word for word in mail.outbox[0].body.split() if "/invitations/" in word).split("testserver", 1)[1]


@pytest.mark.django_db
def test_accepting_an_invitation_leaves_no_token_in_the_audit_log(client, harbor, invitation_link):
    token = invitation_link.rstrip("/").rsplit("/", 1)[1]
    client.force_login(UserFactory(email="newcoach@example.org"))
    client.get(invitation_link)
    assert client.post(invitation_link).status_code == 302
    with scopes_disabled():
        paths = list(AuditEvent.objects.values_list("path", flat=True))
    assert any("/invitations/" in path for path in paths), "accepting writes audit events with its path"
    assert not [path for path in paths if token in path]


@pytest.mark.django_db
def test_a_refused_invitation_link_is_logged_without_its_token(client, harbor, caplog):
    token = "an-unknown-or-expired-token-value"
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(f"/invitations/{token}/").status_code == 410
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "/invitations/" in logged and token not in logged


def test_the_log_filter_redacts_messages_and_their_arguments():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /invitations/{SAMPLE_SECRET}/ HTTP/1.1", 200, 5),
        None,
    )
    RedactSecretsFilter().filter(record)
    assert SAMPLE_SECRET not in record.getMessage() and "/invitations/[redacted]/" in record.getMessage()


def test_gunicorns_access_log_line_carries_no_token():
    logger = RedactingLogger(Config())
    path = f"/invitations/{SAMPLE_SECRET}/"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": f"next={path}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://hearth.example{path}",
        "REMOTE_ADDR": "203.0.113.9",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", f"https://hearth.example{path}")])
    atoms = logger.atoms(response, request, environ, timedelta(seconds=1))
    line = " ".join(str(value) for value in atoms.values())
    assert SAMPLE_SECRET not in line and "/invitations/[redacted]/" in atoms["r"]
