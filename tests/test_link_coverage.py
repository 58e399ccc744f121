"""Every page a demo role may open is reachable by following links from their home page, and no link they are
offered answers "not allowed".

"May open" is asked of the pages themselves, not of a copy of the permission rules: each route's demo URL is
requested directly (the demo crawl's pages, and a fresh object from the isolation suite's builders for routes with
parameters); 200 means this role may open it. Then a bounded breadth-first crawl follows same-site `<a href>` GETs
from the home page. A route that answered 200 but was never linked fails the test, unless EXEMPT says how people
reach it instead; a link that answers 403 fails it too.
"""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, get_resolver, resolve, reverse

from recovery.models import Organization, User
from tests.isolation_routes import OBJECT_ROUTES
from tests.test_demo_crawl import NAMESPACES, ROLES, pages_for
from tests.test_isolation import walk

pytestmark = pytest.mark.django_db

# Pages reached other than by a link from a page, each with how people get there.
EXEMPT = {
    # Reached from an email or a message's own link.
    "recovery:accept_invitation": "the link in an invitation email",
    "notifications:open": "a message's link, followed from the inbox by a form",
    # A form's answer, not a page to browse to.
    "recovery:no_organization": "where a signed-in person without a membership is sent",
    # Linked from their page when one exists; the demo has none to link (no uploaded compliance document, no unsigned
    # fee disclosure or consent, no medication kept on site), so only a fresh object can open them.
    "residences:compliance_document": "the compliance item's page, once a document is uploaded",
    "residences:sign_disclosure": "the resident's balance and the ledger, while a disclosure waits for a signature",
    "residents:consent_sign": "the consent's page and the resident's consents, while it waits for a signature",
    "residents:consent_sign_in_person": "the consent's page, for staff, while it waits for a signature",
    "residents:mat_log": "the medications page, for a medication kept in locked storage",
    "webhooks:endpoint_detail": "the webhooks list, once an administrator has added an endpoint",
    "webhooks:endpoint_edit": "the endpoint's page, once an administrator has added an endpoint",
    "residences:import_detail": "the redirect after checking uploaded files, and the import page's earlier imports",
    # Staff may open a mediation (they may record one, and are sent to it afterwards), but the grievances list is for
    # administrators and house managers: a list of mediations for staff is left to its own issue.
    "governance:mediation_detail": "the redirect after recording a mediation, and the grievances list",
    # Offered on the page a signed-in person without an organization meets (recovery:no_organization).
    "recovery:create_organization": "the no-organization page, where a new operator starts",
    # For a person holding a printed welcome sheet: offered on the sign-in, sign-up and start pages, before sign-in.
    "recovery:invitation_code": 'the sign-in, sign-up and start pages ("I have a code"), for people not signed in',
}

# A resident's own pages ("my ..."): anyone else who opens one is told, at 200, that it is for residents living in
# a home. Only a resident must find them by links.
RESIDENTS_OWN = {
    "governance:chore_mine",
    "governance:my_house",
    "governance:pass_mine",
    "governance:treasury_mine",
    "peer_support:give_and_receive",
    "residences:my_house",
    "residences:my_house_rules",
    "residents:my_phase",
    "residents:my_plan",
    "residents:my_progress",
    "residents:my_reviews",
    "residents:self_care_plan",
}

LINK = re.compile(r'<a\s[^>]*?href="([^"]+)"')
INSTANCES_PER_ROUTE = 2  # a route's first few linked URLs are crawled; the rest only count as "linked"
MOST_PAGES = 600


def _route_of(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def crawl(client, visited: list[str] | None = None) -> tuple[set[str], list[str]]:
    """Follow links breadth-first from the home page: the routes linked, and the links that answered 403. The pages
    that answered 200 are appended to `visited`, if given (the accessibility run opens them in a browser)."""
    linked, refused = set(), []
    seen, per_route = {"/"}, {}
    queue = deque(["/"])
    while queue and len(seen) < MOST_PAGES:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code == 403:
            refused.append(url)
            continue
        if response.status_code == 302 and response["Location"].startswith("/"):
            # A link that redirects ("my house rules" to the rules of the house one lives in) links its target.
            target = response["Location"]
            route = _route_of(urlsplit(target).path)
            if route is not None and target not in seen:
                linked.add(route)
                seen.add(target)
                queue.append(target)
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if visited is not None:
            visited.append(url)
        for href in LINK.findall(response.content.decode()):
            parts = urlsplit(href.replace("&amp;", "&"))
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # another site, a mailto: or tel: link
            route = _route_of(parts.path)
            if route is None or route.split(":")[0] not in NAMESPACES | {"home"}:
                continue  # sign-in pages, static files, Django admin
            linked.add(route)
            target = parts.path + (f"?{parts.query}" if parts.query and "page=" not in parts.query else "")
            if target in seen or per_route.get(route, 0) >= INSTANCES_PER_ROUTE:
                continue
            seen.add(target)
            per_route[route] = per_route.get(route, 0) + 1
            queue.append(target)
    return linked, refused


def demo_urls(organization, names: set[str]) -> dict[str, str]:
    """One URL for each of these routes that has one: a demo page where the demo crawl knows one, else a fresh
    object from the isolation suite's builders."""
    urls = {}
    for url in pages_for(organization):
        if _route_of(url) in names:
            urls.setdefault(_route_of(url), url)
    for name, _route, converters in walk(get_resolver().url_patterns):
        if converters and name in OBJECT_ROUTES and name in names and name not in urls:
            urls[name] = reverse(name, kwargs=OBJECT_ROUTES[name](organization))
    return urls


def test_every_page_a_demo_role_may_open_is_linked_and_no_link_refuses_them(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    organization = Organization.objects.get(slug="harbor-light")
    # Crawl first, on the demo data alone; the builders' fresh objects come after, only to ask "may open".
    crawled = {}
    for role in ROLES:
        client.force_login(User.objects.get(email=f"{role}@harbor.example"))
        crawled[role] = crawl(client)
    # Only a route some role never met needs asking whether that role may open it (the slow part is the asking).
    every_route = {name for name, _route, _converters in walk(get_resolver().url_patterns)}
    ours = {name for name in every_route if name.split(":")[0] in NAMESPACES} - set(EXEMPT)
    urls = demo_urls(organization, ours - set.intersection(*(linked for linked, _refused in crawled.values())))
    problems = []
    for role in ROLES:
        client.force_login(User.objects.get(email=f"{role}@harbor.example"))
        linked, refused = crawled[role]
        expected = ours - linked - (RESIDENTS_OWN if role != "resident" else set())
        unlinked = sorted(name for name in expected if name in urls and client.get(urls[name]).status_code == 200)
        if unlinked:
            problems.append(f"{role}@harbor.example may open but is never linked to: {unlinked}")
        if refused:
            problems.append(f"{role}@harbor.example is offered links that answer 403: {sorted(refused)}")
    assert not problems, "\n".join(problems)


def test_every_exemption_names_a_route_that_exists():
    every_route = {name for name, _route, _converters in walk(get_resolver().url_patterns)}
    stale = sorted((set(EXEMPT) | RESIDENTS_OWN) - every_route)
    assert not stale, f"EXEMPT or RESIDENTS_OWN name routes that no longer exist: {stale}"
