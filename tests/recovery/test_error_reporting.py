"""Error reports (issue 19): optional by SENTRY_DSN, and a planted resident's name and email never leave the machine.

The SDK is started as production starts it (recovery.error_reporting.start) with an in-memory transport: every
envelope it would send is kept and searched, as bytes, for the markers.
"""

import logging

import pytest
import sentry_sdk
from django.test import Client
from django.urls import path
from sentry_sdk.transport import Transport

from recovery import error_reporting
from recovery import urls as hearth_urls
from recovery.models import Role
from tests.recovery.builders import make_member

NAME = "Zebulon Quackenbush"
EMAIL = "zebulon.quackenbush@marker.example"
MARKERS = (NAME, EMAIL, "Quackenbush", "zebulon.quackenbush")


def admit_and_fail(request, who):
    resident = {"name": NAME, "email": EMAIL}  # a local variable: must not be sent
    logging.getLogger("hearth.test").error("Delivery to %s failed for %s", EMAIL, resident["name"])
    raise ValueError(f"could not admit {resident['name']} <{resident['email']}>")


urlpatterns = [path("boom/<str:who>/", admit_and_fail), *hearth_urls.urlpatterns]


class InMemoryTransport(Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)


@pytest.fixture
def reports():
    transport = InMemoryTransport()
    error_reporting.start(
        "https://public@errors.example.org/1", environment="test", release="hearth@test", transport=transport
    )
    try:
        yield transport
    finally:
        sentry_sdk.init()  # no DSN: reporting off again for the rest of the run


def test_reporting_is_off_without_a_dsn(settings):
    assert settings.SENTRY_DSN == ""
    assert sentry_sdk.get_client().dsn is None or not sentry_sdk.get_client().is_active()


def test_a_planted_resident_never_leaves_in_an_error_report(harbor, settings, reports):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    client.force_login(make_member(harbor, Role.STAFF))
    client.cookies["marker"] = EMAIL
    response = client.post(
        f"/boom/{EMAIL}/?name={NAME}",
        {"name": NAME, "email": EMAIL},
        HTTP_X_RESIDENT=NAME,
        HTTP_REFERER=f"https://hearth.example.org/residents/?q={NAME}",
    )
    assert response.status_code == 500
    sentry_sdk.flush()

    events = [item.payload.json for envelope in reports.envelopes for item in envelope.items if item.type == "event"]
    assert len(events) == 2, "the exception and the error log line are both reported"
    sent = b"".join(envelope.serialize() for envelope in reports.envelopes).decode()
    for marker in MARKERS:
        assert marker.lower() not in sent.lower(), f"{marker!r} left in an error report"

    # What is kept is enough to find the bug.
    exception = next(event for event in events if "exception" in event)
    assert exception["exception"]["values"][-1]["type"] == "ValueError"
    functions = [frame["function"] for frame in exception["exception"]["values"][-1]["stacktrace"]["frames"]]
    assert "admit_and_fail" in functions
    assert "boom" in exception["transaction"]  # the route, with its parameter's name, never its value
    log_line = next(event for event in events if "logentry" in event)
    assert log_line["logentry"]["message"] == "Delivery to %s failed for %s"


def test_the_scrubber_keeps_only_what_it_names():
    event = {
        "event_id": "1",
        "level": "error",
        "user": {"email": EMAIL},
        "extra": {"resident": NAME},
        "tags": {"who": NAME},
        "breadcrumbs": {"values": [{"message": NAME}]},
        "message": f"hello {NAME}",
        "request": {"url": f"https://h.example.org/x/?q={NAME}", "method": "GET", "cookies": {"c": EMAIL}},
        "contexts": {"runtime": {"name": "CPython"}, "resident": {"name": NAME}},
    }
    scrubbed = error_reporting.scrub_event(event)
    assert NAME not in repr(scrubbed) and EMAIL not in repr(scrubbed)
    assert scrubbed["request"] == {"method": "GET", "url": "/x/"}
    assert scrubbed["contexts"] == {"runtime": {"name": "CPython"}}
