"""House rules: versions per home, residents' typed-name acknowledgements, reading and signing on the phone."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from recovery.models import Membership, Role
from recovery.notifications.models import Notification
from recovery.tenancy import organization_today, tenant_scope
from residences.house_rules.selectors import acknowledgement_roll
from residences.house_rules.services import HouseRulesProblem, acknowledge_rules, publish_rule_version
from residences.models import HouseRuleVersion, RuleAcknowledgement
from residences.stays.services import assign_house_manager
from tests.recovery.builders import make_member
from tests.residences.builders import admit, make_home

pytestmark = pytest.mark.django_db

RULES = "1. No alcohol or drugs in the house.\n2. Home by 11 pm or sign out on a pass."


@pytest.fixture
def home(harbor):
    return make_home(harbor, name="Maple House", beds=("A", "B", "C"))


@pytest.fixture
def jordan(harbor):
    return make_member(harbor, Role.RESIDENT, first_name="Jordan", last_name="Reyes")


@pytest.fixture
def stay(harbor, home, jordan):
    return admit(home, first_name="Jordan", last_name="Reyes", user=jordan, move_in=date(2020, 1, 1))


@pytest.fixture
def resident(stay):
    return stay.resident


def publish(organization, residence, text=RULES, **kwargs):
    kwargs.setdefault("effective_on", date(2024, 1, 1))
    with tenant_scope(organization):
        return publish_rule_version(residence=residence, text=text, **kwargs)


def acknowledge(organization, rule_version, resident, typed_name="Jordan Reyes"):
    with tenant_scope(organization):
        return acknowledge_rules(rule_version=rule_version, resident=resident, typed_name=typed_name)


# --- Publishing ---------------------------------------------------------------------------------------------------


def test_versions_count_up_from_one_per_home_when_published_again(harbor, home):
    other_home = make_home(harbor, name="Birch House")
    first = publish(harbor, home)
    second = publish(harbor, home, text=RULES + "\n3. Chores on Saturdays.")
    elsewhere = publish(harbor, other_home)
    assert (first.version, second.version, elsewhere.version) == (1, 2, 1)


def test_publishing_notifies_everyone_living_in_the_house_when_a_new_version_is_out(harbor, home, resident, jordan):
    other_home = make_home(harbor, name="Birch House")
    neighbor = make_member(harbor, Role.RESIDENT)
    admit(other_home, first_name="Sam", last_name="Lee", user=neighbor, move_in=date(2020, 1, 1))
    admit(
        home, first_name="Alex", last_name="Kim", move_in=date(2020, 1, 1)
    )  # no sign-in: nobody to notify, and no error

    publish(harbor, home)

    with tenant_scope(harbor):
        notified = list(Notification.objects.filter(kind="house_rules.new_version").values_list("recipient", "url"))
    assert notified == [(jordan.pk, reverse("residences:house_rules", kwargs={"residence_pk": home.pk}))]


def test_publishing_refuses_the_same_text_as_the_current_version(harbor, home):
    publish(harbor, home)
    with pytest.raises(HouseRulesProblem, match="same text as version 1"):
        publish(harbor, home, text=f"  {RULES}  ")


def test_publishing_refuses_a_version_in_force_before_the_one_it_replaces(harbor, home):
    publish(harbor, home, effective_on=date(2024, 6, 1))
    with pytest.raises(HouseRulesProblem, match="cannot take effect before it"):
        publish(harbor, home, text="New rules", effective_on=date(2024, 5, 1))


def test_publishing_refuses_empty_rules(harbor, home):
    with pytest.raises(HouseRulesProblem, match="Write the house rules"):
        publish(harbor, home, text="   ")


def test_the_database_refuses_two_versions_with_one_number_in_a_home(harbor, home):
    first = publish(harbor, home)
    with tenant_scope(harbor), pytest.raises(IntegrityError), transaction.atomic():
        HouseRuleVersion.objects.create(
            residence=home, version=1, text="x", effective_on=first.effective_on, published_at=first.published_at
        )


# --- Acknowledging ---------------------------------------------------------------------------------------------


def test_acknowledging_accepts_the_name_when_case_and_spaces_differ(harbor, home, resident):
    rules = publish(harbor, home)
    acknowledgement = acknowledge(harbor, rules, resident, typed_name="  jordan   REYES ")
    assert acknowledgement.typed_name == "jordan   REYES"
    assert acknowledgement.acknowledged_at is not None


def test_acknowledging_accepts_the_preferred_name(harbor, home, resident):
    with tenant_scope(harbor):
        resident.preferred_name = "Jo"
        resident.save()
    rules = publish(harbor, home)
    assert acknowledge(harbor, rules, resident, typed_name="Jo Reyes").pk


def test_acknowledging_refuses_another_name_with_a_clear_message(harbor, home, resident):
    rules = publish(harbor, home)
    with pytest.raises(HouseRulesProblem, match="does not match the name the house has for you"):
        acknowledge(harbor, rules, resident, typed_name="Someone Else")
    with tenant_scope(harbor):
        assert not RuleAcknowledgement.objects.exists()


def test_acknowledging_twice_keeps_the_first_acknowledgement(harbor, home, resident):
    rules = publish(harbor, home)
    first = acknowledge(harbor, rules, resident)
    again = acknowledge(harbor, rules, resident, typed_name="JORDAN REYES")
    assert again.pk == first.pk
    with tenant_scope(harbor):
        assert RuleAcknowledgement.objects.count() == 1


def test_the_database_refuses_a_second_acknowledgement_of_one_version(harbor, home, resident):
    rules = publish(harbor, home)
    first = acknowledge(harbor, rules, resident)
    with tenant_scope(harbor), pytest.raises(IntegrityError), transaction.atomic():
        RuleAcknowledgement.objects.create(
            rule_version=rules, resident=resident, typed_name="x", acknowledged_at=first.acknowledged_at
        )


def test_a_new_version_asks_everyone_again_when_published(harbor, home, resident):
    first = publish(harbor, home)
    acknowledge(harbor, first, resident)
    second = publish(harbor, home, text=RULES + "\n3. Quiet after 10 pm.")
    with tenant_scope(harbor):
        today = organization_today(harbor)
        assert [line.acknowledgement is not None for line in acknowledgement_roll(home, first, today=today)] == [True]
        assert [line.acknowledgement for line in acknowledgement_roll(home, second, today=today)] == [None]


def test_acknowledging_an_older_version_is_refused_when_a_newer_one_is_out(harbor, home, resident):
    first = publish(harbor, home)
    publish(harbor, home, text="Newer rules")
    with pytest.raises(HouseRulesProblem, match="newer version"):
        acknowledge(harbor, first, resident)


def test_a_resident_cannot_acknowledge_the_rules_of_another_house(harbor, home, resident):
    other_home = make_home(harbor, name="Birch House")
    rules = publish(harbor, other_home)
    with pytest.raises(HouseRulesProblem, match="house you live in"):
        acknowledge(harbor, rules, resident)


def test_a_resident_who_moved_out_cannot_acknowledge(harbor, home, stay, resident):
    from residences.stays.services import move_out

    rules = publish(harbor, home)
    with tenant_scope(harbor):
        move_out(stay=stay, on=organization_today(harbor) - timedelta(days=1), reason="completed")
    with pytest.raises(HouseRulesProblem, match="house you live in"):
        acknowledge(harbor, rules, resident)


# --- Pages ---------------------------------------------------------------------------------------------------------


def test_a_resident_reads_their_house_rules_with_a_labelled_signing_form(client, harbor, home, stay, jordan):
    publish(harbor, home, summary="Curfew is 11 pm now.")
    client.force_login(jordan)
    response = client.get(reverse("residences:house_rules", kwargs={"residence_pk": home.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "No alcohol or drugs in the house." in html and "Curfew is 11 pm now." in html
    assert 'for="id_typed_name"' in html and 'for="id_read_them"' in html
    assert "<script>" not in html and "style=" not in html


def test_a_resident_signs_the_rules_by_typing_their_name(client, harbor, home, resident, jordan):
    rules = publish(harbor, home)
    client.force_login(jordan)
    response = client.post(
        reverse("residences:acknowledge_rules", kwargs={"pk": rules.pk}),
        {"typed_name": "jordan reyes", "read_them": "on"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    with tenant_scope(harbor):
        acknowledgement = RuleAcknowledgement.objects.get()
    assert (acknowledgement.resident_id, acknowledgement.ip_address) == (resident.pk, "203.0.113.7")
    assert "You signed these rules on" in client.get(response.url).content.decode()


def test_a_resident_is_told_clearly_when_the_typed_name_does_not_match(client, harbor, home, resident, jordan):
    rules = publish(harbor, home)
    client.force_login(jordan)
    response = client.post(
        reverse("residences:acknowledge_rules", kwargs={"pk": rules.pk}), {"typed_name": "J", "read_them": "on"}
    )
    assert response.status_code == 400
    assert "does not match the name the house has for you" in response.content.decode()


def test_a_resident_must_tick_that_they_read_the_rules(client, harbor, home, resident, jordan):
    rules = publish(harbor, home)
    client.force_login(jordan)
    response = client.post(
        reverse("residences:acknowledge_rules", kwargs={"pk": rules.pk}), {"typed_name": "Jordan Reyes"}
    )
    assert response.status_code == 400
    with tenant_scope(harbor):
        assert not RuleAcknowledgement.objects.exists()


def test_my_house_rules_takes_a_resident_to_the_rules_of_their_house(client, harbor, home, stay, jordan):
    client.force_login(jordan)
    response = client.get(reverse("residences:my_house_rules"))
    assert response.status_code == 302
    assert response.url == reverse("residences:house_rules", kwargs={"residence_pk": home.pk})


def test_my_house_rules_explains_when_the_person_lives_in_no_home(client, harbor):
    client.force_login(make_member(harbor, Role.RESIDENT))
    response = client.get(reverse("residences:my_house_rules"))
    assert response.status_code == 200
    assert "does not show you living in one of the homes" in response.content.decode()


def test_a_resident_of_another_house_cannot_read_these_rules(client, harbor, home, stay):
    other_home = make_home(harbor, name="Birch House")
    publish(harbor, other_home)
    client.force_login(stay.resident.user)
    assert client.get(reverse("residences:house_rules", kwargs={"residence_pk": other_home.pk})).status_code == 403


@pytest.mark.parametrize("role", [Role.COACH, Role.RESIDENT])
def test_people_who_neither_live_nor_work_here_cannot_read_the_rules(client, harbor, home, role):
    client.force_login(make_member(harbor, role))
    assert client.get(reverse("residences:house_rules", kwargs={"residence_pk": home.pk})).status_code == 403


def test_staff_see_who_has_and_has_not_signed_the_current_version(client, harbor, home, resident):
    admit(home, first_name="Alex", last_name="Kim", move_in=date(2020, 1, 1))
    rules = publish(harbor, home)
    acknowledge(harbor, rules, resident)
    client.force_login(make_member(harbor, Role.STAFF))
    html = client.get(reverse("residences:house_rules", kwargs={"residence_pk": home.pk})).content.decode()
    assert "Jordan Reyes" in html and "Alex Kim" in html
    assert html.count("Not yet") == 1


def test_an_assigned_house_manager_publishes_a_version_from_the_page(client, harbor, home, resident):
    manager = make_member(harbor, Role.HOUSE_MANAGER)
    with tenant_scope(harbor):
        assign_house_manager(membership=Membership.objects.get(user=manager), residence=home)
    client.force_login(manager)
    url = reverse("residences:publish_rules", kwargs={"residence_pk": home.pk})
    assert 'for="id_text"' in client.get(url).content.decode()
    response = client.post(url, {"text": RULES, "summary": "", "effective_on": "2024-02-01"})
    assert response.status_code == 302
    with tenant_scope(harbor):
        assert HouseRuleVersion.objects.get().published_by == manager
        assert Notification.objects.filter(recipient=resident.user).exists()


def test_a_house_manager_of_another_home_cannot_publish_here(client, harbor, home):
    client.force_login(make_member(harbor, Role.HOUSE_MANAGER))
    response = client.post(
        reverse("residences:publish_rules", kwargs={"residence_pk": home.pk}),
        {"text": RULES, "effective_on": "2024-02-01"},
    )
    assert response.status_code == 403


def test_publishing_with_a_bad_date_shows_a_message_not_an_error(client, harbor, home):
    publish(harbor, home, effective_on=date(2024, 6, 1))
    client.force_login(make_member(harbor, Role.ADMIN))
    response = client.post(
        reverse("residences:publish_rules", kwargs={"residence_pk": home.pk}),
        {"text": "Other rules", "effective_on": "2024-01-01"},
    )
    assert response.status_code == 200
    assert "cannot take effect before it" in response.content.decode()
