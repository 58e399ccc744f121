"""Whose address a request is: read once (recovery.network.client_ip, through allauth's trusted-proxy settings)
for the sign-in limits, the audit log and the public form. Behind the TLS proxy, each client is itself; without
a proxy, an X-Forwarded-For the client sends is ignored."""

import pytest
from django.test import RequestFactory

from recovery.audit.recorder import actor_from_request
from recovery.network import client_ip

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def _request(forwarded_for: str | None = None):
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


def test_behind_one_trusted_proxy_the_client_is_the_address_the_proxy_added(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # The first entry is whatever the client claimed; the proxy appended the real one.
    request = _request("6.6.6.6, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"
    assert actor_from_request(request).ip_address == "203.0.113.9"


def test_without_a_trusted_proxy_a_forwarded_for_header_is_ignored(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = _request("6.6.6.6")
    assert client_ip(request) == PROXY
    assert actor_from_request(request).ip_address == PROXY


def test_a_proxy_that_names_the_client_in_its_own_header_is_believed_when_configured(settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="198.51.100.7")
    assert client_ip(request) == "198.51.100.7"


def _sign_in_fails(client, n: int, address: str) -> str:
    response = client.post(
        "/accounts/login/",
        {"login": f"nobody{n}@example.org", "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )
    return response.content.decode()


def test_behind_the_proxy_one_clients_failed_sign_ins_do_not_lock_out_another(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    attacker, neighbour = "203.0.113.66", "198.51.100.20"
    pages = [_sign_in_fails(client, n, attacker) for n in range(11)]
    assert "Too many failed login attempts" in pages[-1]  # the attacker is throttled (10 a minute per address) ...
    assert "Too many failed login attempts" not in _sign_in_fails(client, 99, neighbour)  # ... the neighbour is not
