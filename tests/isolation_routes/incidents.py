"""The incidents' routes (governance/incidents/urls.py): an incident and its review."""

from tests.governance.builders import make_incident


def _incident(org):
    return {"pk": make_incident(org).pk}


OBJECT_ROUTES = {
    "governance:incident_detail": _incident,
    "governance:incident_review": _incident,
}

# The API (governance/incidents/api.py).
API_OBJECTS = {
    "incidents": lambda org: _incident(org)["pk"],
}
