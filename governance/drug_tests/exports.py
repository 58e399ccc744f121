"""The test list's export (recovery.exports): the rows of `selectors.tests_for`, as the page lists them."""

from recovery.exports import Column, declare, local


def _status(test) -> str:
    if test.collected_at is None:
        return "Due"
    return "Needs follow-up" if test.return_to_use else "Recorded"


DRUG_TESTS = declare(
    "drug-tests",
    route="governance:drug_test_list",
    columns=[
        Column("Due", lambda t: t.due_on),
        Column("Resident", lambda t: t.resident.display_name),
        Column("Home", lambda t: t.residence.name),
        Column("Kind", lambda t: t.get_kind_display()),
        Column("Reason", lambda t: t.get_reason_display()),
        Column("Collected", lambda t: local(t.collected_at)),
        Column(
            "Results",
            lambda t: "; ".join(f"{r.get_substance_display()}: {r.get_outcome_display()}" for r in t.results.all()),
        ),
        Column("Status", _status),
    ],
)
