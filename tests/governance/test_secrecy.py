"""Secret votes stay secret in Django admin, platform staff included: no list filters by a tally or a choice (from
any admin, through any relation), a record's page shows a tally only once the vote has closed, ballots are listed
by voter name and never in the order people voted, and every field that holds a tally or a choice is declared
once, under the registry's "secret_fields" (governance/*/secrecy.py)."""

import re
from datetime import date

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from governance.house_meetings.models import VoteChoice
from governance.house_meetings.services import cast_vote, close_motion
from governance.officers.models import Nomination
from governance.officers.services import cast_election_vote, close_election, nominate, start_voting
from recovery.admin import TenantAdmin, secret_field_reached
from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.registry import registry
from recovery.tenancy import scopes_disabled, tenant_scope
from tests.governance.builders import make_election, make_motion
from tests.recovery.builders import UserFactory, make_member, sign_in_with_totp
from tests.residences.builders import admit, make_home

pytestmark = pytest.mark.django_db

# Voting order; the admin lists them by last name (Greene, Reyes, Wallace), whatever the order they voted in.
NAMES = [("Chris", "Wallace"), ("Tasha", "Greene"), ("Jordan", "Reyes")]

# Governance fields named like a count, a vote or a choice that are not secret, and why.
PUBLIC_COUNTS = {
    "governance.motion.eligible_count": "who could vote, fixed when the vote closes",
    "governance.election.eligible_count": "who could vote, fixed when the election closes",
    "governance.election.votes_cast": "turnout: how many have voted, which the house sees while the vote is open",
}


@pytest.fixture
def home(harbor):
    return make_home(harbor, name="Maple House", beds=("A", "B", "C", "D"))


@pytest.fixture
def people(harbor, home):
    """Three residents of the home, in the order they will vote: [(user, resident), ...]."""
    found = []
    for first, last in NAMES:
        user = make_member(harbor, Role.RESIDENT, first_name=first, last_name=last)
        found.append(
            (user, admit(home, first_name=first, last_name=last, user=user, move_in=date(2020, 1, 1)).resident)
        )
    return found


@pytest.fixture
def platform_staff(client):
    """The client, signed in to Django admin as a platform superuser."""
    staff = UserFactory(is_staff=True, is_superuser=True)
    sign_in_with_totp(client, staff)
    return staff


@pytest.fixture
def motion(harbor, home, people):
    """An open secret motion: Chris voted yes, Tasha no, Jordan abstained."""
    motion = make_motion(harbor, home, secret=True)
    with tenant_scope(harbor):
        for (_, resident), choice in zip(people, VoteChoice.values, strict=True):
            cast_vote(motion=motion, resident=resident, choice=choice)
    return motion


@pytest.fixture
def election(harbor, home, people):
    """An election taking votes: Chris and Tasha stand; everybody votes for Tasha."""
    election = make_election(harbor, home)
    with tenant_scope(harbor):
        nominate(election=election, candidate=people[0][1], nominated_by=people[0][1])
        tasha = nominate(election=election, candidate=people[1][1], nominated_by=people[2][1])
        start_voting(election=election)
        for _, resident in people:
            cast_election_vote(election=election, resident=resident, nomination_id=tasha.pk)
    return election


def secret_fields() -> list[tuple[type, str]]:
    return [(secret.model, name) for secret in registry["secret_fields"] for name in secret.fields]


def label(model, name) -> str:
    return f"{model._meta.label_lower}.{name}"


# --- Filters ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "lookup"),
    [
        ("/admin/governance/motion/", "yes_count"),
        ("/admin/governance/motion/", "no_count__gte"),
        ("/admin/governance/motion/", "abstain_count__lt"),
        ("/admin/governance/nomination/", "votes"),
        ("/admin/governance/nomination/", "votes__gt"),
        ("/admin/governance/ballot/", "choice"),
    ],
)
def test_filtering_a_vote_list_by_a_tally_or_choice_is_refused_so_the_answer_does_not_depend_on_it(
    client, platform_staff, motion, election, url, lookup
):
    answers = [client.get(url, {lookup: value}) for value in ("0", "1", "3", "yes")]
    assert {answer.status_code for answer in answers} == {400}
    assert len({answer.content for answer in answers}) == 1
    assert client.get(url, {"organization__id__exact": motion.organization_id}).status_code == 200


def test_a_refused_tally_filter_is_written_to_the_audit_log_without_the_value_asked(client, platform_staff, motion):
    assert client.get("/admin/governance/motion/", {"yes_count__gte": "2"}).status_code == 400
    with scopes_disabled():
        (denied,) = AuditEvent.objects.filter(action=AuditEvent.Action.DENIED, actor=platform_staff)
    assert denied.detail == "admin filter on governance.motion.yes_count"
    assert denied.actor_kind == AuditEvent.ActorKind.PLATFORM_STAFF


# --- Record pages ----------------------------------------------------------------------------------------------


def test_a_secret_motions_admin_page_shows_its_tally_only_after_the_vote_closes(client, harbor, platform_staff, motion):
    url = f"/admin/governance/motion/{motion.pk}/change/"
    page = client.get(url).content.decode()
    assert "Yes count" not in page and "No count" not in page and "Abstain count" not in page
    assert "hidden until the vote closes" in client.get("/admin/governance/motion/").content.decode()

    with tenant_scope(harbor):
        close_motion(motion=motion, by=None)
    assert "Yes count" in client.get(url).content.decode()
    assert "1 yes, 1 no, 1 abstaining" in client.get("/admin/governance/motion/").content.decode()


def test_a_candidates_count_shows_on_the_admin_page_only_after_the_election_closes(
    client, harbor, platform_staff, election
):
    with tenant_scope(harbor):
        nomination = Nomination.objects.get(election=election, votes=3)
    url = f"/admin/governance/nomination/{nomination.pk}/change/"
    assert "Votes:" not in client.get(url).content.decode()
    with tenant_scope(harbor):
        close_election(election=election)
    assert "Votes:" in client.get(url).content.decode()


# --- Ballots ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["ballot", "electionballot"])
def test_ballots_are_listed_by_voter_name_with_no_page_that_puts_them_in_voting_order(
    client, platform_staff, motion, election, model
):
    page = client.get(f"/admin/governance/{model}/").content.decode()
    positions = [page.index(f"{first} {last}") for first, last in sorted(NAMES, key=lambda name: name[1])]
    assert positions == sorted(positions)
    assert not re.search(rf"/admin/governance/{model}/\d+/", page)
    with scopes_disabled():
        ballot = apps.get_model("governance", model).objects.first()
    assert client.get(f"/admin/governance/{model}/{ballot.pk}/change/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:governance_{model}_change", args=[ballot.pk])


# --- Structure: every secret field, every admin ----------------------------------------------------------------


def test_every_governance_field_that_counts_votes_or_holds_a_choice_is_declared_secret_or_named_public():
    counted = {
        label(model, field.name)
        for model in apps.get_app_config("governance").get_models()
        for field in model._meta.concrete_fields
        if not field.is_relation and re.search(r"count|vote|choice|tally", field.name)
    }
    assert counted - PUBLIC_COUNTS.keys() == {label(model, name) for model, name in secret_fields()}
    assert {"governance.motion.yes_count", "governance.nomination.votes", "governance.ballot.choice"} <= counted


def paths_to_secret_fields(model, *, hops: int = 2) -> list[str]:
    """Every filter path from `model` to a secret field: the field itself, or through up to `hops` relations."""
    level = [("", model)]
    reached = list(level)
    for _ in range(hops):
        level = [
            (f"{path}{field.name}__", field.related_model)
            for path, source in level
            for field in source._meta.get_fields()
            if field.is_relation and field.related_model is not None
        ]
        reached += level
    found = {
        f"{path}{name}"
        for path, target in reached
        for secret_model, name in secret_fields()
        if issubclass(target, secret_model)
    }
    return sorted(found)


def test_every_admin_refuses_every_filter_that_reads_a_secret_field_directly_or_through_relations(rf):
    request = rf.get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    checked = set()
    for model, model_admin in admin.site._registry.items():
        for path in paths_to_secret_fields(model):
            for suffix in ("", "__exact", "__gte", "__in", "__isnull", "__range"):
                lookup = f"{path}{suffix}"
                assert not model_admin.lookup_allowed(lookup, "1", request), f"{model._meta.label_lower}: ?{lookup}"
            checked.add(model)
    for secret_model, _ in secret_fields():
        assert isinstance(admin.site._registry[secret_model], TenantAdmin)
        assert secret_model in checked


def admin_paths(model_admin, request) -> list[str]:
    """The field paths an admin lists, filters, searches, sorts or edits by."""
    display = list(model_admin.get_list_display(request))
    columns = [getattr(model_admin, name, None) for name in display if isinstance(name, str)]
    sorted_by = [getattr(column, "admin_order_field", None) for column in columns]
    filters = [item[0] if isinstance(item, list | tuple) else item for item in model_admin.get_list_filter(request)]
    paths = [
        *display,
        *sorted_by,
        *filters,
        *model_admin.get_search_fields(request),
        *(model_admin.get_ordering(request) or ()),
        *model_admin.get_sortable_by(request),
        *model_admin.list_editable,
        model_admin.date_hierarchy,
    ]
    return [path.lstrip("-^=@") for path in paths if isinstance(path, str)]


def test_no_admin_lists_filters_searches_or_sorts_by_a_secret_field(rf):
    request = rf.get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    offending = [
        f"{model._meta.label_lower}: {path}"
        for model, model_admin in admin.site._registry.items()
        for path in admin_paths(model_admin, request)
        if secret_field_reached(model, path)
    ]
    assert offending == []
