"""The governance app's models that hold resident data, and the path from a row to its resident (see
`recovery.registry`, key "resident_data"): every row of them that a page loads is audited as a read."""

from recovery.registry import not_resident_data, resident_data

# chores
resident_data("governance.ChoreAssignment", resident="resident")
not_resident_data(
    "governance.ChoreWeek",
    reason=(
        "a week of the rotation and its bookmark (the stay where the deal stopped), never shown; the week's "
        "assignments, which name residents, are audited"
    ),
)

# drug_tests
resident_data("governance.DrugTest", resident="resident")
resident_data("governance.TestResponseStep", resident="test__resident")
resident_data("governance.TestResult", resident="test__resident")

# grievances
resident_data("governance.Grievance", resident="resident")
resident_data("governance.Mediation", resident=None)  # between several residents, named in a many-to-many

# incidents
resident_data("governance.Incident", resident=None)  # involves several residents, named in a many-to-many
resident_data("governance.IncidentReview", resident=None)  # of an incident
resident_data("governance.FollowUpAction", resident=None)  # of an incident

# house_meetings
not_resident_data(
    "governance.Ballot",
    reason=(
        "a ballot says that a resident voted (and, in an open vote, how); audit rows in vote order would tell "
        "the order of a secret vote (issue 12, item 5), so the motion's page is what is audited"
    ),
)
resident_data("governance.MeetingAttendance", resident="resident")
resident_data("governance.MotionElector", resident="resident")

# ladder
resident_data("governance.Violation", resident="resident")

# officers
resident_data("governance.Election", resident="winner")
not_resident_data(
    "governance.ElectionBallot",
    reason=(
        "a ballot says that a resident voted; audit rows in vote order would tell the order of a secret vote "
        "(issue 12, item 5), so the election's page is what is audited"
    ),
)
resident_data("governance.ElectionElector", resident="resident")
resident_data("governance.Nomination", resident="candidate")
resident_data("governance.OfficerTerm", resident="resident")

# passes
resident_data("governance.OverdueFlag", resident="sign_out__stay__resident")
resident_data("governance.Pass", resident="stay__resident")
resident_data("governance.SignOut", resident="stay__resident")

# treasury
resident_data("governance.TreasuryContribution", resident="resident")
resident_data("governance.TreasuryExpense", resident="paid_by")
resident_data("governance.TreasuryShare", resident="resident")
