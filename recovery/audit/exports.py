"""The audit log's export (recovery.exports): the events of `recovery.selectors.audit_events`, newest first, as the
page lists them (the path as it was redacted when written)."""

from recovery.exports import Column, declare, local

AUDIT_LOG = declare(
    "audit-log",
    route="recovery:audit_log",
    columns=[
        Column("When", lambda e: local(e.created_at)),
        Column(
            "Who", lambda e: e.actor.email if e.actor_id and e.actor else e.actor_label or e.get_actor_kind_display()
        ),
        Column("Action", lambda e: e.get_action_display()),
        Column("Record kind", lambda e: e.object_type),
        Column("Record id", lambda e: e.object_id),
        Column("Resident id", lambda e: e.resident_id),
        Column("Changed fields", lambda e: ", ".join(e.changed_fields)),
        Column("Detail", lambda e: e.detail),
        Column("Address", lambda e: e.ip_address),
        Column("Page", lambda e: e.path),
    ],
)
