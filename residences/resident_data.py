"""The residences app's models that hold resident data, and the path from a row to its resident (see
`recovery.registry`, key "resident_data"): every row of them that a page loads is audited as a read."""

from recovery.registry import resident_data

# applications
resident_data("residences.Application", resident="resident")
resident_data("residences.ApplicationNote", resident="application__resident")

# house_rules
resident_data("residences.RuleAcknowledgement", resident="resident")

# ledger
resident_data("residences.FeeDisclosure", resident="stay__resident")
resident_data("residences.LedgerEntry", resident="stay__resident")
resident_data("residences.NonPaymentStep", resident="stay__resident")

# operations
resident_data("residences.HouseCheckEntry", resident="stay__resident")

# stays
resident_data("residences.BedAssignment", resident="stay__resident")
resident_data("residences.Stay", resident="resident")
