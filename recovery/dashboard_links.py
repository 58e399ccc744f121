"""The home page's "everything else": every page of Hearth a person may use, in short lists grouped the way a house
manager or a resident thinks of them, below Today (recovery.today), so the top bar can stay short on a phone. Each
group is shown only to the roles named; the pages themselves still check permissions."""

from recovery.models import Role
from recovery.registry import dashboard_card

STAFF = {Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER}
EVERYONE_WHO_WORKS = STAFF | {Role.COACH}

# (heading, roles, [(label, url name)])
GROUPS = [
    (
        "My home",
        {Role.RESIDENT},
        [
            ("Where I live", "residences:my_house"),
            ("House rules", "residences:my_house_rules"),
            ("My balance", "residences:my_balance"),
            ("Passes and leaving the house", "governance:pass_mine"),
            ("Chores", "governance:chore_mine"),
            ("House treasury", "governance:treasury_mine"),
        ],
    ),
    (
        "Together",
        {Role.RESIDENT},
        [
            ("Today's check-in", "peer_support:today"),
            ("My meetings", "peer_support:my_outside_meetings"),
            ("Give and receive", "peer_support:give_and_receive"),
            ("Workshops", "peer_support:workshops"),
            ("Events and volunteering", "peer_support:events"),
            ("Service hours", "peer_support:service_hours"),
            ("Partners", "peer_support:partners"),
            ("Announcements", "peer_support:announcements"),
        ],
    ),
    (
        "Fairness and safety",
        {Role.RESIDENT},
        [
            ("Report an incident", "governance:incident_new"),
            ("The ladder and my history", "governance:my_accountability"),
            ("Raise a grievance", "governance:grievance_new"),
            ("My grievances", "governance:grievance_list"),
            ("Incidents I reported", "governance:incident_list"),
            ("My consents", "residents:my_consents"),
            ("People I mentor", "peer_support:my_people"),
        ],
    ),
    (
        "Homes",
        STAFF,
        [
            ("Homes", "residences:residence_list"),
            ("Stays", "residences:stay_list"),
            ("Check-ins", "peer_support:check_in_list"),
            ("Waitlist", "residences:waitlist"),
            ("Passes and who is out", "governance:pass_mine"),
            ("House meetings", "governance:meetings"),
            ("Outcomes", "governance:outcomes"),
        ],
    ),
    (
        "Peer support",
        EVERYONE_WHO_WORKS,
        [
            ("My people", "peer_support:my_people"),
            ("Mentoring", "peer_support:mentorships"),
            ("Workshops", "peer_support:workshops"),
            ("Partners", "peer_support:partners"),
            ("Events and volunteering", "peer_support:events"),
            ("Announcements", "peer_support:announcements"),
            ("Give and receive", "peer_support:give_and_receive_totals"),
        ],
    ),
    (
        "Houses",
        {Role.COACH},
        [
            ("House meetings", "governance:meetings"),
            ("Incidents", "governance:incident_list"),
            ("Report an incident", "governance:incident_new"),
        ],
    ),
    (
        "Accountability",
        STAFF,
        [
            ("Open items", "governance:accountability"),
            ("Incidents", "governance:incident_list"),
            ("Drug and alcohol tests", "governance:drug_test_list"),
            ("Grievances", "governance:grievance_list"),
        ],
    ),
    (
        "Other software",
        set(Role.values),
        [
            ("API tokens", "recovery:api_tokens"),
            ("My calendar link", "governance:calendar_link"),
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
