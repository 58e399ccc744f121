"""Every outbound network call in Hearth is bounded by a timeout (issue 15, item 4): a provider or service that
accepts the connection and never answers costs a bounded wait, never a worker or a request for ever.

Mail goes through Django's SMTP backend with EMAIL_TIMEOUT (tests/recovery/test_hung_mail.py); SMS backends carry
HEARTH_SMS_TIMEOUT; any other call that opens a connection must name its timeout where it is made.
"""

import ast
from pathlib import Path

from django.conf import settings

from recovery.notifications import sms

APPS = ("recovery", "residences", "residents", "peer_support", "governance")
# Calls that open a network connection and wait on it; each must say how long it may wait.
CONNECTING_NAMES = {"urlopen", "HTTPConnection", "HTTPSConnection", "SMTP", "SMTP_SSL", "LMTP", "create_connection"}
HTTP_CLIENT_MODULES = {"requests", "httpx", "session", "client"}
HTTP_VERBS = {"get", "post", "put", "patch", "delete", "head", "request", "send"}


def _calls_without_timeout(path: Path) -> list[str]:
    missing = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
        owner = getattr(function.value, "id", "") if isinstance(function, ast.Attribute) else ""
        connects = name in CONNECTING_NAMES or (owner.lower() in HTTP_CLIENT_MODULES and name in HTTP_VERBS)
        if connects and not any(keyword.arg == "timeout" for keyword in node.keywords):
            missing.append(f"{path.relative_to(settings.BASE_DIR)}:{node.lineno} {owner + '.' if owner else ''}{name}")
    return missing


def test_every_outbound_network_call_in_hearth_names_a_timeout():
    missing = []
    for app in APPS:
        for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py")):
            if "migrations" not in path.parts:
                missing += _calls_without_timeout(path)
    assert not missing, f"give these a timeout from the settings: {missing}"


def test_the_scan_finds_a_call_without_a_timeout_when_there_is_one(tmp_path, settings):
    settings.BASE_DIR = tmp_path
    (tmp_path / "provider.py").write_text(
        "import requests, urllib.request\n"
        "requests.post('https://sms.example', json={})\n"
        "urllib.request.urlopen('https://sms.example', timeout=5)\n"
    )
    assert _calls_without_timeout(tmp_path / "provider.py") == ["provider.py:2 requests.post"]


def test_sms_backends_carry_the_timeout_from_the_settings_when_built(settings):
    settings.HEARTH_SMS_TIMEOUT = 4.5
    for backend in (sms.ConsoleSMSBackend, sms.LocmemSMSBackend):
        settings.HEARTH_SMS_BACKEND = f"{backend.__module__}.{backend.__name__}"
        assert sms.get_backend().timeout == 4.5


def test_mail_and_sms_timeouts_end_before_a_send_counts_as_interrupted():
    # A send still "sending" after HEARTH_DELIVERY_SENDING_STALE_SECONDS is taken for interrupted (settings.py).
    assert 0 < settings.HEARTH_SMS_TIMEOUT < settings.HEARTH_DELIVERY_SENDING_STALE_SECONDS
    assert 0 < settings.EMAIL_TIMEOUT < settings.HEARTH_DELIVERY_SENDING_STALE_SECONDS
