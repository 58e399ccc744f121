"""The fixed list of events an organization may subscribe a webhook endpoint to, and the API resource each names.

A payload carries ids, the kind, the organization's id, the time and the object's API URL, never a name or any
content: the receiver fetches what its token may read through the API (`/api/v1/<resource>/<id>/`).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class EventKind:
    kind: str  # "stay.admitted": what the receiver switches on
    resource: str  # the API's resource name for the object: /api/v1/<resource>/<id>/
    description: str  # for the endpoint's form and the operator docs


APPLICATION_RECEIVED = "application.received"
STAY_ADMITTED = "stay.admitted"
STAY_MOVED_OUT = "stay.moved_out"
INCIDENT_OPENED = "incident.opened"
PAYMENT_POSTED = "payment.posted"
# Sent only by "Send a test event" on an endpoint's page; nobody subscribes to it.
TEST = "webhook.test"

EVENTS: dict[str, EventKind] = {
    event.kind: event
    for event in (
        EventKind(APPLICATION_RECEIVED, "applications", "An application came in (the public form or a referral)."),
        EventKind(STAY_ADMITTED, "stays", "Someone was admitted to a bed: a stay began."),
        EventKind(STAY_MOVED_OUT, "stays", "A stay was given its move-out (today, past or planned)."),
        EventKind(INCIDENT_OPENED, "incidents", "An incident was reported."),
        EventKind(PAYMENT_POSTED, "ledger-entries", "A payment was recorded on a resident's ledger."),
    )
}

API_PREFIX = "/api/v1/"


def api_path(kind: str, object_id) -> str:
    """The API path of the object an event of `kind` is about, e.g. "/api/v1/stays/42/". Raises KeyError for a
    kind not in EVENTS."""
    return f"{API_PREFIX}{EVENTS[kind].resource}/{object_id}/"


def choices() -> list[tuple[str, str]]:
    """(kind, "kind: description") for a form's checkboxes, in the list's order."""
    return [(kind, f"{kind}: {event.description}") for kind, event in EVENTS.items()]
