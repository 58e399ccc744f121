"""Every page, opened by every demo role on the demo data, answers without a server error and writes nothing but
its audit trail (a read that writes is a page whose first visit changes records, and a GET a crawler can repeat).

A crawl rather than a unit test: it catches templates that break on real-looking data (empty lists, long
names, missing optional fields) and pages that forget a role.
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recovery.models import Organization, User
from recovery.tenancy import tenant_scope
from residences.models import Residence
from tests.test_isolation import walk

pytestmark = pytest.mark.django_db

NAMESPACES = {"recovery", "notifications", "webhooks", "residences", "residents", "peer_support", "governance"}


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False


def pages_for(organization) -> list[str]:
    from django.urls import get_resolver

    urls = [
        reverse(name)
        for name, _route, converters in walk(get_resolver().url_patterns)
        if not converters and name.split(":")[0] in NAMESPACES
    ]
    with tenant_scope(organization):
        for residence in Residence.objects.all():
            urls += [
                reverse("residences:residence_home", args=[residence.pk]),
                reverse("residences:bed_board", args=[residence.pk]),
                reverse("residences:house_rules", args=[residence.pk]),
                reverse("residences:compliance", args=[residence.pk]),
                reverse("residences:behind", args=[residence.pk]),
            ]
    return urls


ROLES = ["admin", "manager", "staff", "coach", "resident"]


def test_every_page_answers_every_demo_role_without_a_server_error(client, demo):
    """One seeding for every role (seeding is the slow part); a failure names the role."""
    for local_part in ROLES:
        _crawl_as(client, local_part)


# What a page may write while it is only being read: the audit trail of the read, and the session.
WRITES_A_READ_MAY_MAKE = ("audit_auditevent", "django_session")


def _writes_to_records(captured) -> list[str]:
    """The INSERT, UPDATE and DELETE statements of a GET other than the audit trail and the session."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")
        and not any(f'"{table}"' in query["sql"].split("(", 1)[0] for table in WRITES_A_READ_MAY_MAKE)
    ]


def _crawl_as(client, local_part):
    user = User.objects.get(email=f"{local_part}@harbor.example")
    client.force_login(user)
    organization = Organization.objects.get(slug="harbor-light")
    failures, writes, rendered = [], [], 0
    for url in pages_for(organization):
        reset_queries()  # the capture reads a bounded log: empty it, or a long crawl would see no query at all
        with CaptureQueriesContext(connection) as captured:
            status = client.get(url).status_code
        rendered += status == 200
        if status >= 500:
            failures.append(f"{url} -> {status}")
        writes += [f"{url}: {sql[:80]}" for sql in _writes_to_records(captured)]
    assert not failures, f"{local_part}@harbor.example met server errors: {failures}"
    assert not writes, f"opening pages as {local_part}@harbor.example wrote records: {writes}"
    assert rendered >= 3, "the crawl should open real pages, not only redirects and refusals"
    # Every link the home page and the top bar offer this person opens for them: no dead ends, no refusals.
    home = client.get(reverse("home")).content.decode()
    offered = set(re.findall(r'<a href="(/[^"#?]*)"', home)) - {"/accounts/logout/"}
    refused = [
        f"{url} -> {client.get(url).status_code}"
        for url in sorted(offered)
        if client.get(url).status_code not in (200, 302)
    ]
    assert not refused, f"{local_part}@harbor.example is offered links that refuse them: {refused}"
