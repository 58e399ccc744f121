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
