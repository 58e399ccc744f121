"""An operator moving to Hearth imports their spreadsheets: the file with a wrong row is refused with the row named,
the fixed file is checked, previewed and imported, and the residents are in their beds; on a desk and on a phone."""

import csv
import io

from django.urls import reverse
from playwright.sync_api import expect

from recovery.models import Role
from tests.recovery.builders import PASSWORD, OrganizationFactory, make_member
from tests.residences.builders import import_rows


def _csv(name: str, rows) -> dict:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return {"name": name, "mimeType": "text/csv", "buffer": out.getvalue().encode()}


def _upload(page, homes, residents):
    page.get_by_label("Homes, rooms and beds").set_input_files(_csv("homes.csv", homes))
    page.get_by_label("Current residents").set_input_files(_csv("residents.csv", residents))
    page.get_by_role("button", name="Check the files").click()


def test_an_operator_imports_homes_and_residents_after_fixing_the_row_hearth_named(page):
    organization = OrganizationFactory(name="Harbor Light Recovery Homes")
    make_member(organization, Role.ADMIN, email="dana@example.org")

    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")

    page.goto(reverse("residences:residence_list"))
    page.get_by_role("link", name="Import homes and residents from a spreadsheet").click()

    # The residents file gives the sixth person (row 7) a bed that does not exist: nothing is imported, the row named.
    _upload(page, *import_rows(wrong_bed="B3"))
    expect(page.get_by_role("heading", name="Nothing was imported: 1 problem to fix")).to_be_visible()
    problem = page.get_by_role("row").filter(has_text="Row 7, column 'bed'")
    assert problem.get_by_role("cell", name="No bed called B3 in Room 1 of Elm House.").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]

    # Fixed, the files are checked and previewed; importing adds all of it.
    _upload(page, *import_rows())
    page.wait_for_url("**/imports/*/")
    assert page.get_by_text("Every row is in order. Importing adds 3 homes with 20 beds and 15 residents").is_visible()
    page.get_by_role("button", name="Import everything").click()
    expect(page.get_by_role("heading", name="Residents imported")).to_be_visible()
    assert page.get_by_text("Imported 3 homes with 20 beds and 15 residents.").is_visible()
    assert page.get_by_role("row").filter(has_text="Fay Imported").get_by_role("cell", name="Room 3 · B").is_visible()
    assert page.get_by_role("button", name="Undo this import").is_visible()

    # The residents are in their beds on the home's bed board (all eight of Elm House's beds are taken).
    page.get_by_role("link", name="See the homes").click()
    page.get_by_role("link", name="Elm House").click()
    page.get_by_role("link", name="Bed board").click()
    row = page.get_by_role("row").filter(has_text="Fay Imported")
    expect(row.get_by_role("cell", name="Occupied")).to_be_visible()
    assert page.get_by_role("row").filter(has_text="Imported").count() == 8
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert not errors, f"the browser reported errors (a CSP violation?): {errors}"
