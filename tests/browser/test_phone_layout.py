"""A house manager's pages fit a phone: nothing pushes the page wider than the screen."""

from datetime import date

from tests.recovery.builders import OrganizationFactory
from tests.residences.builders import admit, make_home, manager_of


def test_a_house_managers_pages_fit_the_screen(page):
    organization = OrganizationFactory(name="Harbor Light Recovery Homes", require_mfa_for_staff=False)
    home = make_home(organization, name="Harbor House", rooms={"Room 1": ["A", "B"], "Room 2": ["A"]})
    admit(home, move_in=date(2026, 11, 1))
    manager = manager_of(home, email="luis@example.org")
    manager.set_password("quiet-morning-coffee-7")
    manager.save()

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("luis@example.org")
    page.get_by_label("Password").fill("quiet-morning-coffee-7")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")
    for path in ["/", "/residences/", f"/residences/{home.pk}/", "/applications/"]:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{path} is {width}px wide on a {page.viewport_name}"


def test_every_section_of_a_staff_members_top_bar_is_on_screen_or_in_the_menu(page):
    organization = OrganizationFactory(name="Harbor Light Recovery Homes", require_mfa_for_staff=False)
    home = make_home(organization, name="Harbor House")
    manager = manager_of(home, email="luis@example.org")
    manager.set_password("quiet-morning-coffee-7")
    manager.save()

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("luis@example.org")
    page.get_by_label("Password").fill("quiet-morning-coffee-7")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")
    width = page.viewport_size["width"]
    top_bar = page.get_by_role("navigation", name="Main")
    if page.viewport_name == "phone":
        top_bar.get_by_text("Menu").click()
    for section in ["Homes", "Residents", "People", "Messages", "Account"]:
        link = top_bar.get_by_role("link", name=section, exact=True)
        assert link.is_visible(), f"{section} is hidden on a {page.viewport_name}"
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{section} is off screen on a {page.viewport_name}"
    top_bar.get_by_role("link", name="Account", exact=True).click()
    page.wait_for_url("**/accounts/email/")
