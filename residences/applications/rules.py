"""Who may see and change applications, and admit an applicant."""

import rules

from recovery.models import Role
from recovery.rules import membership_of
from residences.homes.rules import is_house_staff, looks_after_residence
from residences.homes.selectors import assigned_residence_ids

# House rules, house operations and compliance. Staff who look after a home run it; residents read (and sign)
# the rules of the house they live in. The predicate lives with the read it needs.


rules.add_perm("residences.admit", looks_after_residence)


rules.add_perm("residences.view_applications", is_house_staff)


rules.add_perm("residences.change_application", is_house_staff)


# One application: admins and staff see every one; a house manager those for the homes they look after and those
# that name no home (as on the waitlist, see residences.applications.selectors.applications_for).
rules.add_perm(
    "residences.view_application",
    is_house_staff
    & rules.predicate(
        lambda user, application: (
            application.residence_id is None
            or membership_of(user).role != Role.HOUSE_MANAGER
            or application.residence_id in assigned_residence_ids(membership_of(user))
        ),
        name="application_is_for_their_homes",
    ),
)
