"""A house manager admits an applicant from the waitlist to a bed, is offered to invite them, and sees them on the
bed board, on a desk and on a phone."""

from django.urls import reverse

from recovery.models import Membership, Role
from recovery.tenancy import tenant_scope
from residences.models import Application
from residences.stays.services import add_room_with_beds, admit_applicant, assign_house_manager, create_residence
from tests.clock import house_today
from tests.recovery.builders import PASSWORD, OrganizationFactory, make_member


def test_a_house_manager_admits_an_applicant_from_the_waitlist_and_sees_them_on_the_bed_board(page):
    organization = OrganizationFactory(name="Harbor Light Recovery Homes")
    manager = make_member(organization, Role.HOUSE_MANAGER, email="luis@example.org")
    with tenant_scope(organization):
        home = create_residence(name="Maple House", level=2)
        room = add_room_with_beds(residence=home, name="Upstairs front", bed_labels=["A", "B"])
        assign_house_manager(membership=Membership.objects.get(user=manager), residence=home)
        already_there = Application.objects.create(first_name="Casey", last_name="Long", email="c@example.org")
        admit_applicant(application=already_there, bed=room.beds.get(label="A"), move_in=house_today())
        Application.objects.create(
            first_name="Jordan", last_name="Reyes", email="jordan@example.org", residence=home, priority=1
        )

    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("luis@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")

    page.goto(reverse("residences:waitlist"))
    page.get_by_role("link", name="Jordan Reyes").click()
    assert page.get_by_role("heading", name="Jordan Reyes").is_visible()
    page.get_by_role("button", name="Admit to a bed").click()

    # Step 1: the home they asked for is chosen already; the move-in date defaults to today.
    assert page.get_by_label("Home").input_value() == str(home.pk)
    assert page.get_by_label("Move-in date").input_value() == house_today().isoformat()
    page.get_by_role("button", name="Next: choose a bed").click()

    # Step 2: only the free bed is offered.
    assert page.get_by_label("Upstairs front · A").count() == 0
    page.get_by_label("Upstairs front · B").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.get_by_role("button", name="Admit to this bed").click()

    # Admitting leads to the new resident's next steps, to invite them on the spot; the bed board shows them.
    page.wait_for_url("**/residents/*/welcome/")
    assert page.get_by_text("Jordan Reyes is admitted to Upstairs front · B").is_visible()
    assert page.get_by_role("button", name="Print a welcome sheet with a code").is_visible()
    page.goto(reverse("residences:bed_board", args=[home.pk]))
    row = page.get_by_role("row").filter(has_text="Jordan Reyes")
    assert row.get_by_role("cell", name="Occupied").is_visible()
    assert page.get_by_role("row").filter(has_text="Casey Long").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert not errors, f"the browser reported errors (a CSP violation?): {errors}"
