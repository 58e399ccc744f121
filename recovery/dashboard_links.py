"""The home page's "everything else": every page of Hearth a person may use, in short lists grouped the way a house
manager or a resident thinks of them, below Today (recovery.today), so the top bar can stay short on a phone. Each
group is shown only to the roles named; the pages themselves still check permissions."""

from django.utils.translation import gettext_lazy as _

from recovery.models import Role
from recovery.registry import dashboard_card

STAFF = {Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER}
EVERYONE_WHO_WORKS = STAFF | {Role.COACH}

# (heading, roles, [(label, url name)])
GROUPS = [
    (
        _("My home"),
        {Role.RESIDENT},
        [
            (_("Where I live"), "residences:my_house"),
            (_("House rules"), "residences:my_house_rules"),
            (_("My balance"), "residences:my_balance"),
            (_("Passes and leaving the house"), "governance:pass_mine"),
            (_("Chores"), "governance:chore_mine"),
            (_("House treasury"), "governance:treasury_mine"),
        ],
    ),
    (
        _("Together"),
        {Role.RESIDENT},
        [
            (_("Today's check-in"), "peer_support:today"),
            (_("My meetings"), "peer_support:my_outside_meetings"),
            (_("Give and receive"), "peer_support:give_and_receive"),
            (_("Workshops"), "peer_support:workshops"),
            (_("Events and volunteering"), "peer_support:events"),
            (_("Service hours"), "peer_support:service_hours"),
            (_("Partners"), "peer_support:partners"),
            (_("Announcements"), "peer_support:announcements"),
        ],
    ),
    (
        _("Fairness and safety"),
        {Role.RESIDENT},
        [
            (_("Report an incident"), "governance:incident_new"),
            (_("The ladder and my history"), "governance:my_accountability"),
            (_("Raise a grievance"), "governance:grievance_new"),
            (_("My grievances"), "governance:grievance_list"),
            (_("Incidents I reported"), "governance:incident_list"),
            (_("My consents"), "residents:my_consents"),
            (_("People I mentor"), "peer_support:my_people"),
        ],
    ),
    (
        _("Homes"),
        STAFF,
        [
            (_("Homes"), "residences:residence_list"),
            (_("Stays"), "residences:stay_list"),
            (_("Check-ins"), "peer_support:check_in_list"),
            (_("Waitlist"), "residences:waitlist"),
            (_("Passes and who is out"), "governance:pass_mine"),
            (_("House meetings"), "governance:meetings"),
            (_("Outcomes"), "governance:outcomes"),
        ],
    ),
    (
        _("Peer support"),
        EVERYONE_WHO_WORKS,
        [
            (_("My people"), "peer_support:my_people"),
            (_("Mentoring"), "peer_support:mentorships"),
            (_("Workshops"), "peer_support:workshops"),
            (_("Partners"), "peer_support:partners"),
            (_("Events and volunteering"), "peer_support:events"),
            (_("Announcements"), "peer_support:announcements"),
            (_("Give and receive"), "peer_support:give_and_receive_totals"),
        ],
    ),
    (
        _("Houses"),
        {Role.COACH},
        [
            (_("House meetings"), "governance:meetings"),
            (_("Incidents"), "governance:incident_list"),
            (_("Report an incident"), "governance:incident_new"),
        ],
    ),
    (
        _("Accountability"),
        STAFF,
        [
            (_("Open items"), "governance:accountability"),
            (_("Incidents"), "governance:incident_list"),
            (_("Drug and alcohol tests"), "governance:drug_test_list"),
            (_("Grievances"), "governance:grievance_list"),
        ],
    ),
    (
        _("Other software"),
        set(Role.values),
        [
            (_("API tokens"), "recovery:api_tokens"),
            (_("My calendar link"), "governance:calendar_link"),
        ],
    ),
]

# Pages a role may not open although its group is shown (the page would answer 403).
HIDDEN = {
    Role.COACH: {"peer_support:mentorships", "peer_support:give_and_receive_totals"},
    Role.STAFF: {"governance:grievance_list"},  # grievances go to admins and house managers
}


@dashboard_card("dashboard/_links.html", order=90)
def links(request):
    role = request.membership.role
    groups = [
        (heading, [(label, name) for label, name in items if name not in HIDDEN.get(role, set())])
        for heading, roles, items in GROUPS
        if role in roles
    ]
    return {"groups": groups} if groups else None
