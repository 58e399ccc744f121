"""Tenant isolation, enrolled by the URL resolver itself.

Every route that takes an object id, slug or token is asked for by a person of organization B, in every role,
for organization A's object: it must answer 404 (GET, and POST where the view accepts it) — never 403, never
200. A route this suite does not know fails it until it is taught how to make the object (OBJECT_ROUTES) or
the reason it is not tenant data is written down (NOT_TENANT_ROUTES), in a module of tests/isolation_routes/.
Routes without parameters are lists: B's people must not find A's rows on them.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from recovery.models import Role
from tests.isolation_routes import API_OBJECTS, NOT_TENANT_ROUTES, OBJECT_ROUTES
from tests.recovery.builders import MARKER, make_member

pytestmark = pytest.mark.django_db


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern), entry.pattern.converters


def routes_with_parameters():
    return sorted({(name, route) for name, route, converters in walk(get_resolver().url_patterns) if converters})


def is_exempt(name):
    return name in NOT_TENANT_ROUTES or any(key.endswith(":") and name.startswith(key) for key in NOT_TENANT_ROUTES)


def test_every_route_with_an_object_parameter_is_enrolled():
    untaught = [
        f"{name} ({route})"
        for name, route in routes_with_parameters()
        if name not in OBJECT_ROUTES and not is_exempt(name)
    ]
    assert not untaught, (
        "Teach tests/test_isolation.py how to make an object for these routes (OBJECT_ROUTES), or write down "
        f"why they hold no tenant data (NOT_TENANT_ROUTES): {untaught}"
    )


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("route_name", sorted(OBJECT_ROUTES))
def test_another_organizations_object_answers_404_for_every_role(client, harbor, cedar, route_name, role):
    from django.urls import reverse

    url = reverse(route_name, kwargs=OBJECT_ROUTES[route_name](harbor))
    client.force_login(make_member(cedar, role))
    get, post = client.get(url), client.post(url, {})
    # 405 (a method the view does not take) is answered before any lookup, so it reveals nothing; but the
    # method the view does take must reach the lookup and find nothing.
    statuses = {"GET": get.status_code, "POST": post.status_code}
    assert set(statuses.values()) <= {404, 405}, f"{url} as a {role} of another organization answered {statuses}"
    assert 404 in statuses.values(), f"{url} never reached its lookup: {statuses}"
    assert MARKER not in get.content.decode() + post.content.decode()


def list_routes():
    """Every page without an object in its URL, of every app (the platform's and each domain app's)."""
    names = []
    for name, _route, converters in walk(get_resolver().url_patterns):
        if not converters and ":" in name and name.split(":")[0] not in {"admin", "account", "mfa", "api"}:
            names.append(name)
    return sorted(set(names))


@pytest.mark.parametrize("role", Role.values)
def test_list_pages_show_nothing_of_another_organization(client, harbor, cedar, role):
    """With one of every object in organization A, no page of B shows any of it, to any role of B. (One test per
    role rather than per page: making every object once keeps this linear in routes and objects.)"""
    from django.urls import reverse

    for make in OBJECT_ROUTES.values():
        make(harbor)
    client.force_login(make_member(cedar, role))
    leaks, errors = [], []
    for route_name in list_routes():
        response = client.get(reverse(route_name))
        # 403: a page of B's own that this role may not use (an admin's "my balance"); it shows nothing either way.
        if response.status_code not in (200, 302, 403, 405):
            errors.append(f"{route_name}: {response.status_code}")
        if MARKER in response.content.decode():
            leaks.append(route_name)
    assert not leaks, f"pages showing another organization's data to a {role}: {leaks}"
    assert not errors, f"pages answering an error to a {role}: {errors}"


# --- The REST API: every route the router serves, enrolled from the registry ("api_routes") ----------------------
# Each registered resource is taught once in tests/isolation_routes/ (API_OBJECTS: basename -> a fresh object's id);
# its routes (list, detail and extra actions) are found here by themselves, so a resource added by any app is
# exercised as soon as it is registered, and fails the suite until it is taught.

API_METHODS = ("get", "post", "put", "patch", "delete")
# The API's pages outside the router: public descriptions of the API, never data.
API_PAGES = {"api:guide", "api:schema", "api:docs", "api:api-root"}


def api_routes():
    """(route name, basename, takes an id) for every named route of the API's router."""
    from recovery.registry import registry

    basenames = {route.basename for route in registry["api_routes"]}
    found = []
    for name, _route, converters in walk(get_resolver().url_patterns):
        if not name.startswith("api:") or name in API_PAGES:
            continue
        basename = max((b for b in basenames if name.startswith(f"api:{b}-")), key=len, default=None)
        found.append((name, basename, "pk" in converters))
    return sorted(found, key=lambda entry: entry[0])


def api_token_client(organization, role):
    from tests.api.builders import member_client

    return member_client(organization, role)[1]


def test_every_api_resource_is_enrolled():
    from recovery.registry import registry

    untaught = sorted({route.basename for route in registry["api_routes"]} - set(API_OBJECTS))
    strays = [name for name, basename, _takes_id in api_routes() if basename is None]
    assert not untaught, f"Teach tests/isolation_routes/ (API_OBJECTS) how to make these API objects: {untaught}"
    assert not strays, f"API routes outside any registered resource: {strays}"


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize(("route_name", "basename"), [(n, b) for n, b, takes_id in api_routes() if takes_id])
def test_another_organizations_api_object_answers_404_for_every_role(harbor, cedar, route_name, basename, role):
    from django.urls import reverse

    url = reverse(route_name, kwargs={"pk": API_OBJECTS[basename](harbor)})
    client = api_token_client(cedar, role)
    statuses = {method.upper(): getattr(client, method)(url, {}, format="json") for method in API_METHODS}
    codes = {method: response.status_code for method, response in statuses.items()}
    # 403: a resource this role may not use at all (refused before any lookup); 405: a method the route lacks.
    assert set(codes.values()) <= {403, 404, 405}, f"{url} as a {role} token of another organization: {codes}"
    if role == Role.ADMIN:
        assert 404 in codes.values(), f"{url} never reached its lookup for an admin: {codes}"
    assert not any(MARKER in response.content.decode() for response in statuses.values())


@pytest.mark.parametrize(("route_name", "basename", "takes_id"), api_routes())
def test_no_api_route_answers_without_credentials(harbor, route_name, basename, takes_id):
    from django.urls import reverse
    from rest_framework.test import APIClient

    url = reverse(route_name, kwargs={"pk": API_OBJECTS[basename](harbor)} if takes_id else {})
    for method in API_METHODS:
        response = getattr(APIClient(), method)(url, {}, format="json")
        assert response.status_code == 401, f"{method.upper()} {url} without credentials: {response.status_code}"


@pytest.mark.parametrize("role", Role.values)
def test_api_lists_show_nothing_of_another_organization(harbor, cedar, role):
    from django.urls import reverse

    for make in API_OBJECTS.values():
        make(harbor)
    client = api_token_client(cedar, role)
    leaks, errors = [], []
    for route_name, _basename, takes_id in api_routes():
        if takes_id:
            continue
        response = client.get(reverse(route_name))
        if response.status_code not in (200, 403, 405):
            errors.append(f"{route_name}: {response.status_code}")
        if MARKER in response.content.decode() or harbor.slug in response.content.decode():
            leaks.append(route_name)
    assert not leaks, f"API lists showing another organization's data to a {role}: {leaks}"
    assert not errors, f"API lists answering an error to a {role}: {errors}"
