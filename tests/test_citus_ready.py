"""Citus-ready where it is cheap now (issue 19, "A scale plan"): Citus shards tenant tables by the organization, and
then a unique constraint must include the distribution column, and a foreign key between two sharded tables must
join on it too. The schema of today does not yet do that (a trial found 150 links and 9 constraints to change, and
the organization in every primary key); the migration is planned in docs/scaling.md, not made here. What this test
keeps is that the gap does not grow: a NEW unique constraint or link between tenant tables must include the
organization.

- A unique constraint includes the organization when `organization` is among its fields (or expressions).
- A link between tenant tables includes the organization when it is a `ForeignObject` whose `from_fields` include
  `organization` (`to_fields` then `("organization", "id")`); a plain ForeignKey joins on the id alone.

The allow-lists below were generated from the schema of 2026-12-01. They may only shrink: when a link or constraint
is made Citus-ready (or removed), delete its line; never add one.
"""

from django.db import models

from recovery.portability import tenant_models

LINKS_WITHOUT_THE_ORGANIZATION = frozenset(
    {
        # generated: see the module docstring; may only shrink
        # These two landed in the same session as this rule, built in parallel: convert them with the rest.
        "governance.CalendarFeed.membership",
        "residences.ImportedRow.spreadsheet_import",
        "governance.AgendaItem.meeting",
        "governance.Ballot.motion",
        "governance.Ballot.voter",
        "governance.Chore.residence",
        "governance.ChoreAssignment.chore",
        "governance.ChoreAssignment.resident",
        "governance.ChoreAssignment.week",
        "governance.ChoreWeek.dealt_through",
        "governance.ChoreWeek.residence",
        "governance.ConsequenceStep.residence",
        "governance.DrugTest.draw",
        "governance.DrugTest.residence",
        "governance.DrugTest.resident",
        "governance.Election.meeting",
        "governance.Election.residence",
        "governance.Election.winner",
        "governance.ElectionBallot.election",
        "governance.ElectionBallot.voter",
        "governance.ElectionElector.election",
        "governance.ElectionElector.resident",
        "governance.FollowUpAction.incident",
        "governance.Grievance.residence",
        "governance.Grievance.resident",
        "governance.HouseDecision.meeting",
        "governance.HouseDecision.motion",
        "governance.HouseDecision.residence",
        "governance.HouseMeeting.minutes_approved_at_meeting",
        "governance.HouseMeeting.residence",
        "governance.Incident.residence",
        "governance.IncidentReview.incident",
        "governance.Mediation.residence",
        "governance.MeetingAttendance.meeting",
        "governance.MeetingAttendance.resident",
        "governance.MeetingSchedule.residence",
        "governance.Motion.meeting",
        "governance.Motion.residence",
        "governance.MotionElector.motion",
        "governance.MotionElector.resident",
        "governance.Nomination.candidate",
        "governance.Nomination.election",
        "governance.Nomination.nominated_by",
        "governance.OfficerTerm.election",
        "governance.OfficerTerm.residence",
        "governance.OfficerTerm.resident",
        "governance.OverdueFlag.sign_out",
        "governance.Pass.residence",
        "governance.Pass.stay",
        "governance.RandomDraw.residence",
        "governance.SignOut.on_pass",
        "governance.SignOut.residence",
        "governance.SignOut.stay",
        "governance.TestResponseStep.test",
        "governance.TestResponseStep.violation",
        "governance.TestResult.test",
        "governance.TestingPolicy.residence",
        "governance.TreasuryAudit.residence",
        "governance.TreasuryContribution.residence",
        "governance.TreasuryContribution.resident",
        "governance.TreasuryExpense.paid_by",
        "governance.TreasuryExpense.residence",
        "governance.TreasuryShare.expense",
        "governance.TreasuryShare.resident",
        "governance.Violation.acknowledged_version",
        "governance.Violation.residence",
        "governance.Violation.resident",
        "governance.Violation.rule_version",
        "governance.Violation.step",
        "governance.Violation.suggested_step",
        "notifications.Delivery.notification",
        "peer_support.Announcement.residence",
        "peer_support.AnnouncementDelivery.announcement",
        "peer_support.CheckIn.residence",
        "peer_support.CheckIn.resident",
        "peer_support.CheckInReminder.stay",
        "peer_support.CommunityEvent.partner",
        "peer_support.EventRsvp.event",
        "peer_support.EventRsvp.resident",
        "peer_support.GoalPartner.goal",
        "peer_support.GoalPartner.partner",
        "peer_support.HelpExchange.giver",
        "peer_support.HelpExchange.receiver",
        "peer_support.Mentor.membership",
        "peer_support.Mentor.resident",
        "peer_support.MentorContact.mentorship",
        "peer_support.Mentorship.mentee",
        "peer_support.Mentorship.mentor",
        "peer_support.OutsideMeeting.resident",
        "peer_support.ServiceHours.resident",
        "peer_support.SignalAcknowledgement.resident",
        "peer_support.SignalSettings.residence",
        "peer_support.TalkRequest.residence",
        "peer_support.TalkRequest.resident",
        "peer_support.WorkshopAttendance.resident",
        "peer_support.WorkshopAttendance.session",
        "peer_support.WorkshopRsvp.resident",
        "peer_support.WorkshopRsvp.session",
        "peer_support.WorkshopSession.facilitator_resident",
        "peer_support.WorkshopSession.residence",
        "peer_support.WorkshopSession.workshop",
        "residences.Application.residence",
        "residences.Application.resident",
        "residences.ApplicationNote.application",
        "residences.Bed.room",
        "residences.BedAssignment.bed",
        "residences.BedAssignment.stay",
        "residences.CertificationReminder.residence",
        "residences.ComplianceItem.residence",
        "residences.FeeDisclosure.stay",
        "residences.GoodNeighborContact.residence",
        "residences.HouseCheck.residence",
        "residences.HouseCheckEntry.bed",
        "residences.HouseCheckEntry.house_check",
        "residences.HouseCheckEntry.stay",
        "residences.HouseManagerAssignment.membership",
        "residences.HouseManagerAssignment.residence",
        "residences.HouseRuleVersion.residence",
        "residences.LedgerEntry.corrects",
        "residences.LedgerEntry.stay",
        "residences.MaintenanceRequest.residence",
        "residences.NeighborComplaint.residence",
        "residences.NonPaymentStep.stay",
        "residences.Room.residence",
        "residences.RuleAcknowledgement.resident",
        "residences.RuleAcknowledgement.rule_version",
        "residences.SafetyInspection.residence",
        "residences.Stay.application",
        "residences.Stay.resident",
        "residents.AdvanceRequest.stay",
        "residents.AdvanceRequest.to_phase",
        "residents.Alumnus.resident",
        "residents.Barc10Assessment.resident",
        "residents.Barc10Assessment.stay",
        "residents.CaseNote.resident",
        "residents.Celebration.phase",
        "residents.Celebration.stay",
        "residents.Consent.expiry_phase_step",
        "residents.Consent.expiry_stay",
        "residents.Consent.resident",
        "residents.ConsentRecipient.consent",
        "residents.Disclosure.consent",
        "residents.Disclosure.recipient",
        "residents.Disclosure.resident",
        "residents.EmergencyContact.resident",
        "residents.Goal.plan",
        "residents.MatStorageLog.medication",
        "residents.Medication.resident",
        "residents.Milestone.goal",
        "residents.Phase.residence",
        "residents.PhaseStep.phase",
        "residents.PhaseStep.stay",
        "residents.PlanChange.plan",
        "residents.PlanComment.goal",
        "residents.PlanResource.goal",
        "residents.ProgressReview.stay",
        "residents.ProgressUpdate.goal",
        "residents.RecoveryPlan.stay",
        "residents.ResidentInvitation.invitation",
        "residents.ResidentInvitation.resident",
        "residents.ReviewGoalProgress.goal",
        "residents.ReviewGoalProgress.review",
        "residents.SafetyPlan.resident",
        "webhooks.WebhookDelivery.endpoint",
    }
)

UNIQUES_WITHOUT_THE_ORGANIZATION = frozenset(
    {
        # generated: see the module docstring; may only shrink
        # Looked up by the token alone (a calendar app sends no organization), like the API token's hash: under
        # Citus these become a reference table of hashes pointing at (organization, id).
        "governance.CalendarFeed.token_hash",
        "api.ApiToken.prefix",
        "api.ApiToken.token_hash",
        "governance.HouseDecision.motion",
        "governance.TestingPolicy.residence",
        "peer_support.Mentor.membership",
        "peer_support.Mentor.resident",
        "peer_support.SignalSettings.residence",
        "recovery.Invitation.code_hash",
        "recovery.Invitation.token_hash",
        "residences.LedgerEntry.corrects",
        "residences.Stay.application",
        "residents.RecoveryPlan.stay",
        "residents.ResidentInvitation.invitation",
    }
)


def links_between_tenant_tables_without_the_organization() -> set[str]:
    """ "app.Model.field" of every link from a tenant table to another that does not join on the organization."""
    tenant = set(tenant_models())
    return {
        f"{model._meta.label}.{field.name}"
        for model in tenant
        for field in model._meta.concrete_fields
        if field.is_relation
        and field.name != "organization"
        and field.related_model in tenant
        and "organization" not in getattr(field, "from_fields", ())
    }


def _includes_the_organization(constraint: models.UniqueConstraint) -> bool:
    named = set(constraint.fields) | {str(expression) for expression in constraint.expressions}
    return any("organization" in name for name in named)


def uniques_without_the_organization() -> set[str]:
    """ "app.Model.field" of each unique field and "app.Model:constraint" of each unique constraint or
    unique_together of a tenant table that leaves the organization out."""
    found = set()
    for model in tenant_models():
        label = model._meta.label
        found |= {
            f"{label}.{field.name}" for field in model._meta.concrete_fields if field.unique and not field.primary_key
        }
        found |= {
            f"{label}:{constraint.name}"
            for constraint in model._meta.constraints
            if isinstance(constraint, models.UniqueConstraint) and not _includes_the_organization(constraint)
        }
        found |= {
            f"{label}:{'+'.join(together)}"
            for together in model._meta.unique_together
            if "organization" not in together
        }
    return found


def test_no_new_link_between_tenant_tables_leaves_the_organization_out():
    new = sorted(links_between_tenant_tables_without_the_organization() - LINKS_WITHOUT_THE_ORGANIZATION)
    assert not new, (
        "These links between tenant tables join on the id alone, so Citus could not keep them on one shard: make "
        "each a ForeignObject over (organization, <field>) -> (organization, id), or talk it through in the issue "
        f"(docs/scaling.md): {new}"
    )


def test_no_new_unique_constraint_of_a_tenant_table_leaves_the_organization_out():
    new = sorted(uniques_without_the_organization() - UNIQUES_WITHOUT_THE_ORGANIZATION)
    assert not new, (
        "Put the organization into these unique constraints (UniqueConstraint(fields=['organization', ...])): "
        f"Citus can only enforce uniqueness that includes the distribution column. {new}"
    )


def test_the_allow_lists_only_shrink_and_name_nothing_that_is_gone():
    """A line for a link or constraint that no longer exists (or is Citus-ready now) is deleted, so the lists
    stay a true count of what the Citus migration must change."""
    assert not LINKS_WITHOUT_THE_ORGANIZATION - links_between_tenant_tables_without_the_organization()
    assert not UNIQUES_WITHOUT_THE_ORGANIZATION - uniques_without_the_organization()


def test_the_rule_finds_a_plain_foreign_key_and_a_unique_field_of_a_tenant_table():
    """The rule can fail: today's plain links and unique fields are found (the lists are not empty by accident)."""
    assert "residences.Bed.room" in links_between_tenant_tables_without_the_organization()
    assert "residences.Stay.application" in uniques_without_the_organization()
