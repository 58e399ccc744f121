"""The incidents list's export (recovery.exports): the rows of `selectors.incidents_for`, as the page lists them."""

from recovery.exports import Column, declare, local

INCIDENTS = declare(
    "incidents",
    route="governance:incident_list",
    columns=[
        Column("When it happened", lambda i: local(i.occurred_at)),
        Column("Home", lambda i: i.residence.name),
        Column("Kind", lambda i: i.get_kind_display()),
        Column("Severity", lambda i: i.get_severity_display()),
        Column("Where", lambda i: i.location),
        Column("What happened", lambda i: i.description),
        Column("Naloxone given", lambda i: i.naloxone_given),
        Column("911 called", lambda i: i.called_911),
        Column("Status", lambda i: "Open" if i.is_open else "Resolved"),
        Column("Resolved", lambda i: local(i.resolved_at)),
    ],
)
