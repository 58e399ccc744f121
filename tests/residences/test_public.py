"""The public application form and the published free beds: open without sign-in, guarded against robots and
floods, and showing only what the operator chose to publish."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse

from recovery.models import Membership, Role
from recovery.notifications.models import Notification
from recovery.tenancy import scopes_disabled, tenant_scope
from residences.models import Application, Bed, BedAssignment, Stay
from residences.public import views as public
from residences.stays.services import add_room_with_beds, admit_applicant, assign_house_manager, create_residence
from residents.models import Resident
from tests.clock import house_today
from tests.recovery.builders import make_member

pytestmark = pytest.mark.django_db


def apply_url(org):
    return reverse("public_apply", kwargs={"org_slug": org.slug})


def answers(org, **overrides):
    """What a person fills in, with a form that was handed out a minute ago."""
    data = {
        "first_name": "Jamie",
        "last_name": "Ellison",
        "preferred_name": "",
        "pronouns": "they/them",
        "email": "jamie@example.org",
        "phone": "",
        "residence": "",
        "hoped_move_in": "",
        "on_mat": "yes",
        "referral_source": "My counselor",
        "message": "I finish my program on the 14th.",
        "website": "",
        "started": public.started_token(org, at=time.time() - 60),
    }
    data.update(overrides)
    return data


def applications(org):
    with tenant_scope(org):
        return list(Application.objects.all())


# --- The form ------------------------------------------------------------------------------------------------


def test_the_form_opens_without_sign_in_labelled_and_listing_only_this_operators_homes(client, harbor, cedar):
    with tenant_scope(harbor):
        create_residence(name="Maple House", level=2, publish_availability=True)
    with tenant_scope(cedar):
        create_residence(name="Juniper House", level=1, publish_availability=True)
    response = client.get(apply_url(harbor))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Maple House" in html and "Juniper House" not in html
    form = response.context["form"]
    for field in form:
        if not field.is_hidden and field.name != "on_mat":
            assert f'for="{field.id_for_label}"' in html, f"{field.name} has no label"
    assert 'for="id_on_mat_0"' in html and 'for="id_on_mat_1"' in html
    # The robot trap is out of sight and out of the tab order; no inline style or script.
    assert '<div hidden aria-hidden="true">' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html and 'autocomplete="off"' in html
    assert "style=" not in html and "<script>" not in html
    assert 'name="started" value="' in html


def test_a_home_the_operator_does_not_publish_is_never_named_nor_accepted(client, harbor):
    with tenant_scope(harbor):
        create_residence(name="Maple House", level=2, publish_availability=True)
        hidden = create_residence(name="Safe House", level=3, publish_availability=False)
    html = client.get(apply_url(harbor)).content.decode()
    assert "Maple House" in html and "Safe House" not in html
    response = client.post(apply_url(harbor), answers(harbor, residence=hidden.pk))
    assert response.status_code == 400 and "Choose one of the homes in the list" in response.content.decode()
    assert not applications(harbor)


def test_an_operator_who_publishes_no_home_is_not_asked_which_home(client, harbor):
    with tenant_scope(harbor):
        create_residence(name="Safe House", level=3)
    response = client.get(apply_url(harbor))
    html = response.content.decode()
    assert "Safe House" not in html and 'name="residence"' not in html
    assert client.post(apply_url(harbor), answers(harbor)).status_code == 302
    assert applications(harbor)[0].residence is None


def test_an_unknown_organization_answers_404(client, db):
    assert client.get(reverse("public_apply", kwargs={"org_slug": "no-such-operator"})).status_code == 404


def test_a_complete_application_creates_only_the_application_and_thanks_the_person(client, harbor):
    with tenant_scope(harbor):
        maple = create_residence(name="Maple House", level=2, publish_availability=True)
    hoped = (house_today() + timedelta(days=10)).isoformat()
    response = client.post(apply_url(harbor), answers(harbor, residence=maple.pk, hoped_move_in=hoped))
    assert response.status_code == 302
    assert "Thank you" in client.get(response.url).content.decode()

    (application,) = applications(harbor)
    assert (application.first_name, application.last_name, application.pronouns) == ("Jamie", "Ellison", "they/them")
    assert application.residence == maple and application.on_mat is True
    assert application.hoped_move_in.isoformat() == hoped
    assert application.status == "new" and application.referral_source == "My counselor"
    with scopes_disabled():
        assert not Resident.objects.exists() and not Stay.objects.exists() and not BedAssignment.objects.exists()


def test_admins_and_the_homes_house_managers_hear_of_a_new_application_without_the_applicants_name(client, harbor):
    with tenant_scope(harbor):
        maple = create_residence(name="Maple House", level=2, publish_availability=True)
        oak = create_residence(name="Oak House", level=2, publish_availability=True)
    admin = make_member(harbor, Role.ADMIN)
    maple_manager, oak_manager = make_member(harbor, Role.HOUSE_MANAGER), make_member(harbor, Role.HOUSE_MANAGER)
    coach = make_member(harbor, Role.COACH)
    with tenant_scope(harbor):
        assign_house_manager(membership=Membership.objects.get(user=maple_manager), residence=maple)
        assign_house_manager(membership=Membership.objects.get(user=oak_manager), residence=oak)

    client.post(apply_url(harbor), answers(harbor, residence=maple.pk))

    with tenant_scope(harbor):
        notifications = list(Notification.objects.all())
    assert {n.recipient for n in notifications} == {admin, maple_manager}
    assert coach not in {n.recipient for n in notifications}
    for notification in notifications:
        assert notification.title == "New application received"
        text = f"{notification.kind} {notification.title} {notification.body}"
        assert "Jamie" not in text and "Ellison" not in text
        assert notification.url == reverse("residences:application_detail", kwargs={"pk": applications(harbor)[0].pk})


def test_no_email_and_no_phone_gets_a_clear_message_and_keeps_what_was_written(client, harbor):
    response = client.post(apply_url(harbor), answers(harbor, email="", phone=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give us an email address or a phone number" in html
    assert 'value="Ellison"' in html and "I finish my program on the 14th." in html
    assert not applications(harbor)


def test_a_phone_alone_is_enough_to_reach_someone(client, harbor):
    assert client.post(apply_url(harbor), answers(harbor, email="", phone="+1 555 010 0199")).status_code == 302
    assert applications(harbor)[0].phone == "+1 555 010 0199"


def test_a_message_over_2000_characters_is_refused_with_a_clear_message_and_kept(client, harbor):
    response = client.post(apply_url(harbor), answers(harbor, message="x" * 2001))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please keep the message to 2000 characters (it has 2001)" in html
    assert "x" * 2001 in html
    assert not applications(harbor)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "A" * 101, "Please keep your first name to 100 characters (it has 101)."),
        ("pronouns", "p" * 41, "Please keep this to 40 characters (it has 41)."),
        ("email", "not-an-address", "That email address does not look complete."),
        ("phone", "call me maybe", "Enter a phone number of 7 to 20 digits"),
        ("on_mat", "", "Choose yes or no. Either answer is welcome."),
        ("on_mat", "perhaps", "Select a valid choice."),
        ("first_name", "", "Tell us your first name."),
        ("hoped_move_in", "next week", "Enter the date as year-month-day"),
        ("hoped_move_in", (house_today() - timedelta(days=3)).isoformat(), "Choose today or a later date."),
        ("residence", "999999", "Choose one of the homes in the list"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, harbor, field, value, message):
    with tenant_scope(harbor):
        create_residence(name="Maple House", level=2, publish_availability=True)
    response = client.post(apply_url(harbor), answers(harbor, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not applications(harbor)


def test_another_organizations_home_cannot_be_chosen(client, harbor, cedar):
    with tenant_scope(harbor):
        create_residence(name="Maple House", level=2, publish_availability=True)
    with tenant_scope(cedar):
        juniper = create_residence(name="Juniper House", level=1, publish_availability=True)
    response = client.post(apply_url(harbor), answers(harbor, residence=juniper.pk))
    assert response.status_code == 400
    assert "Choose one of the homes in the list" in response.content.decode()
    assert not applications(harbor) and not applications(cedar)


# --- Robots and floods ---------------------------------------------------------------------------------------


def test_a_filled_in_robot_trap_creates_nothing(client, harbor):
    response = client.post(apply_url(harbor), answers(harbor, website="https://spam.example"))
    assert response.status_code == 400
    assert "This form could not be sent" in response.content.decode()
    assert not applications(harbor)


def test_a_form_sent_back_in_under_three_seconds_is_refused_politely(client, harbor):
    response = client.post(apply_url(harbor), answers(harbor, started=public.started_token(harbor)))
    assert response.status_code == 400
    assert "quicker than a person can fill the form" in response.content.decode()
    assert not applications(harbor)


@pytest.mark.parametrize("started", ["", "made-up", "eyJvcmciOjF9:forged:signature"])
def test_a_missing_or_forged_start_time_creates_nothing(client, harbor, started):
    response = client.post(apply_url(harbor), answers(harbor, started=started))
    assert response.status_code == 400
    assert "could not be checked" in response.content.decode()
    assert not applications(harbor)


def test_a_form_handed_out_by_another_organizations_page_is_refused(client, harbor, cedar):
    response = client.post(apply_url(harbor), answers(harbor, started=public.started_token(cedar, at=time.time() - 60)))
    assert response.status_code == 400
    assert not applications(harbor)


def test_a_form_left_open_for_over_a_day_asks_to_send_again_with_a_fresh_start_time(client, harbor):
    two_days_ago = time.time() - 2 * 24 * 3600
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time", lambda: two_days_ago)  # the signature carries the clock it was signed by
        stale = public.started_token(harbor)
    response = client.post(apply_url(harbor), answers(harbor, started=stale))
    assert response.status_code == 400
    assert "open for more than a day" in response.content.decode()
    assert response.context["started_token"] != stale
    assert 'value="Ellison"' in response.content.decode()
    assert not applications(harbor)


def test_the_sixth_application_in_an_hour_from_one_address_gets_a_clear_429(client, harbor):
    for n in range(public.MAX_PER_ADDRESS):
        assert client.post(apply_url(harbor), answers(harbor, last_name=f"Person{n}")).status_code == 302
    response = client.post(apply_url(harbor), answers(harbor, last_name="OneTooMany"))
    assert response.status_code == 429
    assert "Too many applications from here just now" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert len(applications(harbor)) == public.MAX_PER_ADDRESS
    # Someone else, elsewhere, can still apply.
    assert client.post(apply_url(harbor), answers(harbor), REMOTE_ADDR="203.0.113.9").status_code == 302


def test_behind_the_tls_proxy_the_limit_counts_the_address_the_proxy_saw_not_the_proxys(client, harbor, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # what BEHIND_TLS_PROXY sets (recovery.network.client_ip)
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(public.MAX_PER_ADDRESS):
        # A client cannot dodge the limit by claiming other addresses at the front of the header.
        forwarded = f"192.0.2.{n}, 203.0.113.5"
        response = client.post(apply_url(harbor), answers(harbor), HTTP_X_FORWARDED_FOR=forwarded, **proxy)
        assert response.status_code == 302
    limited = client.post(apply_url(harbor), answers(harbor), HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert limited.status_code == 429
    # Someone else behind the same proxy can still apply.
    other = client.post(apply_url(harbor), answers(harbor), HTTP_X_FORWARDED_FOR="198.51.100.3", **proxy)
    assert other.status_code == 302


def test_robot_attempts_count_against_the_hourly_limit_but_a_person_fixing_a_typo_does_not(client, harbor):
    for _ in range(3):
        assert client.post(apply_url(harbor), answers(harbor, email="")).status_code == 400  # a person's mistake
    for _ in range(public.MAX_PER_ADDRESS):
        client.post(apply_url(harbor), answers(harbor, website="spam"))
    assert client.post(apply_url(harbor), answers(harbor)).status_code == 429
    assert not applications(harbor)


def test_an_organization_takes_only_so_many_applications_an_hour_from_everywhere(client, harbor, cedar, monkeypatch):
    monkeypatch.setattr(public, "MAX_PER_ORGANIZATION", 3)
    for n in range(3):
        address = f"198.51.100.{n}"
        assert client.post(apply_url(harbor), answers(harbor), REMOTE_ADDR=address).status_code == 302
    assert client.post(apply_url(harbor), answers(harbor), REMOTE_ADDR="198.51.100.77").status_code == 429
    # Another operator's form is counted apart.
    assert client.post(apply_url(cedar), answers(cedar), REMOTE_ADDR="198.51.100.77").status_code == 302


def test_an_oversized_request_is_refused_before_it_is_read(client, harbor):
    response = client.post(apply_url(harbor), answers(harbor, message="x" * (public.MAX_BODY_BYTES + 1)))
    assert response.status_code == 413
    assert "more than the form can take" in response.content.decode()
    assert not applications(harbor)


# --- Published free beds -------------------------------------------------------------------------------------


@pytest.fixture
def published_homes(harbor, cedar):
    """Harbor publishes Maple (4 beds: 1 free, 1 occupied, 1 reserved, 1 out of service) and keeps Hidden
    House private; Cedar publishes Juniper. A resident lives in Maple."""
    today = house_today()
    with tenant_scope(harbor):
        maple = create_residence(name="Maple House", level=2, city="Portland", publish_availability=True)
        room = add_room_with_beds(residence=maple, name="zz-room-name", bed_labels=["A", "B", "C", "D"])
        _free, occupied, reserved, broken = room.beds.order_by("label")
        Bed.objects.filter(pk=broken.pk).update(in_service=False, out_of_service_reason="zz-leaky-roof")
        for bed, move_in, name in [(occupied, today, "Zelda"), (reserved, today + timedelta(days=5), "Yusuf")]:
            application = Application.objects.create(first_name=name, last_name="Quimby", email="q@example.org")
            admit_applicant(application=application, bed=bed, move_in=move_in)
        hidden = create_residence(name="Hidden House", level=1, publish_availability=False)
        add_room_with_beds(residence=hidden, name="Room", bed_labels=["A"])
    with tenant_scope(cedar):
        juniper = create_residence(name="Juniper House", level=1, publish_availability=True)
        add_room_with_beds(residence=juniper, name="Room", bed_labels=["A", "B"])
    return maple


def test_the_availability_page_shows_published_homes_with_todays_free_beds(client, harbor, published_homes):
    response = client.get(reverse("public_availability", kwargs={"org_slug": harbor.slug}))
    assert response.status_code == 200
    (home,) = response.context["homes"]
    assert home.name == "Maple House" and home.free_beds == 1
    html = response.content.decode()
    assert "Portland" in html and "Level 2 — supervised" in html and "All genders" in html


def test_the_feed_lists_published_homes_as_json_for_referrers(client, harbor, published_homes):
    response = client.get(reverse("public_availability_feed", kwargs={"org_slug": harbor.slug}))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    feed = response.json()
    assert feed["organization"] == "Harbor Light Recovery Homes"
    assert feed["apply_url"].endswith(apply_url(harbor))
    assert feed["residences"] == [
        {
            "name": "Maple House",
            "city": "Portland",
            "level": 2,
            "level_label": "Level 2 — supervised",
            "serves": "All genders",
            "mat_welcoming": True,
            "free_beds": 1,
        }
    ]


@pytest.mark.parametrize("route", ["public_apply", "public_availability", "public_availability_feed"])
def test_public_pages_never_show_another_organizations_homes_or_anything_about_residents(
    client, harbor, cedar, published_homes, route
):
    make_member(harbor, Role.RESIDENT, first_name="Zelda", last_name="zz-resident-member")
    for signed_in_as in (None, make_member(cedar, Role.ADMIN)):
        if signed_in_as is not None:
            client.force_login(signed_in_as)
        html = client.get(reverse(route, kwargs={"org_slug": harbor.slug})).content.decode()
        assert "Juniper House" not in html, "another organization's home"
        for private in ("Zelda", "Yusuf", "Quimby", "zz-resident-member", "zz-room-name", "zz-leaky-roof"):
            assert private not in html, f"resident or house-internal data on a public page: {private}"
        if route != "public_apply":
            assert "Hidden House" not in html, "a home whose operator does not publish its beds"


def test_an_operator_who_publishes_nothing_gets_an_empty_page_and_feed(client, cedar):
    with tenant_scope(cedar):
        create_residence(name="Quiet House", level=1)
    page = client.get(reverse("public_availability", kwargs={"org_slug": cedar.slug}))
    assert page.status_code == 200 and "Quiet House" not in page.content.decode()
    assert client.get(reverse("public_availability_feed", kwargs={"org_slug": cedar.slug})).json()["residences"] == []
