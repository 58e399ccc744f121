"""The REST API's routes (recovery/api/urls.py, built from the registry's "api_routes"): the API part of
tests/test_isolation.py enrols every registered route by itself and asks another organization's token for each
object, so a resource is taught here once: API_OBJECTS maps its router basename to a function(organization)
returning the id of a fresh object of that organization (with MARKER in what it shows, where it shows text)."""


def _organization(org):
    return org.pk


API_OBJECTS = {
    "organizations": _organization,
}

NOT_TENANT_ROUTES = {
    "api:": "the REST API: enrolled from the registry by test_isolation's API tests (API_OBJECTS here)",
}
