"""The peer_support app's models that hold resident data, and the path from a row to its resident (see
`recovery.registry`, key "resident_data"): every row of them that a page loads is audited as a read."""

from recovery.registry import resident_data

# checkins
resident_data("peer_support.CheckIn", resident="resident")
resident_data("peer_support.TalkRequest", resident="resident")
resident_data("peer_support.CheckInReminder", resident="stay__resident")

# community
resident_data("peer_support.EventRsvp", resident="resident")
resident_data("peer_support.GoalPartner", resident="goal__plan__stay__resident")
resident_data("peer_support.ServiceHours", resident="resident")

# drift_signals
resident_data("peer_support.SignalAcknowledgement", resident="resident")

# give_and_receive
resident_data("peer_support.HelpExchange", resident=None)  # a giver and a receiver: the row names both

# mentorships
resident_data("peer_support.Mentor", resident="resident")
resident_data("peer_support.MentorContact", resident="mentorship__mentee")
resident_data("peer_support.Mentorship", resident="mentee")

# outside_meetings
resident_data("peer_support.OutsideMeeting", resident="resident")

# workshops
resident_data("peer_support.WorkshopAttendance", resident="resident")
resident_data("peer_support.WorkshopRsvp", resident="resident")
resident_data("peer_support.WorkshopSession", resident="facilitator_resident")
