"""The residents list filters as soon as a filter changes (htmx swaps in the rows and keeps the address), with no
reload, no console error and no CSP violation; without JavaScript the Filter button does the same."""

import re

from recovery.models import Role
from tests.recovery.builders import PASSWORD, OrganizationFactory, make_member
from tests.residences.builders import admit, make_home


def test_choosing_a_house_shows_its_residents_without_reloading_the_page(page):
    organization = OrganizationFactory(name="Harbor Light Recovery Homes")
    make_member(organization, Role.STAFF, email="priya@example.org")
    maple, oak = make_home(organization, name="Maple House"), make_home(organization, name="Oak House")
    admit(maple, first_name="Maya")
    admit(oak, first_name="Omar")

    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("priya@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")

    page.goto("/residents/")
    page.evaluate("window.notReloaded = true")
    assert page.get_by_role("link", name=re.compile("Maya")).is_visible()
    page.get_by_label("House").select_option(label="Oak House")

    page.get_by_role("link", name=re.compile("Maya")).wait_for(state="detached")
    assert page.get_by_role("link", name=re.compile("Omar")).is_visible()
    assert page.evaluate("window.notReloaded === true"), "the rows were swapped in, not the page reloaded"
    assert f"house={oak.pk}" in page.url, "the address keeps the filter (back and reload work)"
    assert page.get_by_role("heading", name="Residents").count() == 1
    assert not errors, f"the browser reported errors (a CSP violation?): {errors}"
