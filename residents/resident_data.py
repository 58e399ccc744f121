"""The residents app's models that hold resident data, and the path from a row to its resident (see
`recovery.registry`, key "resident_data"): every row of them that a page loads is audited as a read."""

from recovery.registry import resident_data

# barc10
resident_data("residents.Barc10Assessment", resident="resident")

# consents
resident_data("residents.Consent", resident="resident")
resident_data("residents.ConsentRecipient", resident="consent__resident")
resident_data("residents.Disclosure", resident="resident")

# medications
resident_data("residents.MatStorageLog", resident="medication__resident")
resident_data("residents.Medication", resident="resident")

# phases
resident_data("residents.AdvanceRequest", resident="stay__resident")
resident_data("residents.Alumnus", resident="resident")
resident_data("residents.Celebration", resident="stay__resident")
resident_data("residents.PhaseStep", resident="stay__resident")

# plans
resident_data("residents.CaseNote", resident="resident")
resident_data("residents.EmergencyContact", resident="resident")
resident_data("residents.Goal", resident="plan__stay__resident")
resident_data("residents.Milestone", resident="goal__plan__stay__resident")
resident_data("residents.PlanChange", resident="plan__stay__resident")
resident_data("residents.PlanComment", resident="goal__plan__stay__resident")
resident_data("residents.PlanResource", resident="goal__plan__stay__resident")
resident_data("residents.ProgressUpdate", resident="goal__plan__stay__resident")
resident_data("residents.RecoveryPlan", resident="stay__resident")

# profiles
resident_data("residents.Resident", resident="")

# reviews
resident_data("residents.ProgressReview", resident="stay__resident")
resident_data("residents.ReviewGoalProgress", resident="review__stay__resident")

# safety_plans
resident_data("residents.SafetyPlan", resident="resident")

# welcome
resident_data("residents.ResidentInvitation", resident="resident")
