"""The audit log's API route (recovery/audit/api.py): a list only; an event of organization A names MARKER."""

from recovery.audit.models import AuditEvent
from recovery.audit.recorder import record
from tests.recovery.builders import MARKER


def _event(org):
    return record(AuditEvent.Action.VIEW, organization=org, detail=MARKER).pk


API_OBJECTS = {
    "audit-events": _event,
}
