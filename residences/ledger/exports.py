"""A stay's ledger export (recovery.exports): every entry of `selectors.ledger_rows`, with the balance after it."""

from recovery.exports import Column, declare

LEDGER = declare(
    "ledger",
    route="residences:ledger",
    record_of=lambda row: row.entry,
    columns=[
        Column("Posted", lambda r: r.entry.posted_on),
        Column("Kind", lambda r: r.entry.get_kind_display()),
        Column("Category", lambda r: r.entry.get_category_display()),
        Column("Description", lambda r: r.entry.description),
        Column("Amount", lambda r: r.entry.amount),
        Column("Effect on the balance", lambda r: r.entry.balance_effect),
        Column("Balance after", lambda r: r.balance),
        Column("Paid by", lambda r: r.entry.payer_label if r.entry.payer_kind else ""),
        Column("Method", lambda r: r.entry.get_method_display()),
        Column("Reference", lambda r: r.entry.reference),
        Column("Correction's reason", lambda r: r.entry.reason),
    ],
)
