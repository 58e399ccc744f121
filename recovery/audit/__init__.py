"""The audit log: an append-only record of who did what to which record, when and from where."""
