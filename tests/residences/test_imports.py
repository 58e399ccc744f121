"""Spreadsheet imports: every row is checked and each problem named by row and column; an import adds everything or
nothing, through the homes' and stays' own verbs; it is audited, and undone while nothing else has touched it."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import tenant_scope
from residences.imports import services
from residences.imports.checks import parse_date
from residences.models import Bed, ImportStatus, Residence, SpreadsheetImport, Stay
from residents.profiles.models import Resident
from tests.clock import house_today
from tests.recovery.builders import make_member
from tests.residences.builders import admit, csv_file, import_rows, make_home, xlsx_file

pytestmark = pytest.mark.django_db


def _check(organization, homes=None, residents=None, *, kind=csv_file):
    with tenant_scope(organization):
        return services.check_uploads(
            homes_file=kind("homes.csv" if kind is csv_file else "homes.xlsx", homes) if homes else None,
            residents_file=kind("residents.csv" if kind is csv_file else "residents.xlsx", residents)
            if residents
            else None,
        )


def _imported(organization, homes=None, residents=None, *, kind=csv_file):
    upload = _check(organization, homes, residents, kind=kind)
    assert upload.problems == [], [str(problem) for problem in upload.problems]
    with tenant_scope(organization):
        return services.import_spreadsheets(spreadsheet_import=upload.spreadsheet_import)


def _messages(upload) -> list[str]:
    return [f"{problem.file}: {problem}" for problem in upload.problems]


def _counts(organization):
    with tenant_scope(organization):
        return Residence.objects.count(), Bed.objects.count(), Stay.objects.count()


def test_a_spreadsheet_with_one_wrong_row_is_refused_with_that_row_named_and_succeeds_once_it_is_fixed(harbor):
    homes, residents = import_rows(wrong_bed="B3")
    refused = _check(harbor, homes, residents)
    assert _messages(refused) == ["residents: Row 7, column 'bed': no bed called B3 in Room 1 of Elm House."]
    assert refused.spreadsheet_import is None
    assert _counts(harbor) == (0, 0, 0)

    homes, residents = import_rows()
    spreadsheet_import = _imported(harbor, homes, residents)
    counted = (spreadsheet_import.home_count, spreadsheet_import.bed_count, spreadsheet_import.resident_count)
    assert counted == (3, 20, 15)
    assert _counts(harbor) == (3, 20, 15)
    with tenant_scope(harbor):
        elm = Residence.objects.get(name="Elm House")
        assert (elm.level, elm.city, elm.drug_screening) == (2, "Springfield", True)  # the level's defaults, as by hand
        fay = Stay.objects.get(resident__first_name="Fay")
        assert fay.bed_assignments.get().bed.label == "B"
        assert fay.move_in == house_today() - timedelta(days=36)
        assert spreadsheet_import.rows == {}  # no second copy of anyone's details once imported


def test_an_xlsx_workbook_imports_like_a_csv_file_with_real_dates_and_numbers(harbor):
    homes, residents = import_rows()
    homes = [homes[0]] + [[home, int(level), room, bed, city] for home, level, room, bed, city in homes[1:]]
    for row in residents[1:]:
        row[5] = parse_date(row[5])  # a date cell, not text
    _imported(harbor, homes, residents, kind=xlsx_file)
    assert _counts(harbor) == (3, 20, 15)


def test_a_formula_cell_is_named_and_never_run(harbor):
    homes, residents = import_rows()
    residents[3][1] = '=HYPERLINK("http://example.org","x")'
    for kind in (csv_file, xlsx_file):
        upload = _check(harbor, homes, residents, kind=kind)
        assert [str(problem) for problem in upload.problems] == [
            "Row 4, column 'last_name': this cell holds a formula; type the value itself "
            "(Hearth does not run formulas)."
        ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda h, r: r[3].__setitem__(5, "12/31/2999"), "Row 4, column 'move_in': December 31, 2999 is after today"),
        (lambda h, r: r[3].__setitem__(5, "31/12/2025"), "Row 4, column 'move_in': '31/12/2025' is not a date"),
        (lambda h, r: r[3].__setitem__(0, ""), "Row 4, column 'first_name': this is empty"),
        (lambda h, r: r[3].__setitem__(6, "not-an-email"), "Row 4, column 'email': 'not-an-email' is not an email"),
        (lambda h, r: r[3].__setitem__(2, "Birch House"), "Row 4, column 'home': no home called Birch House"),
        (lambda h, r: r[3].__setitem__(3, "Attic"), "Row 4, column 'room': no room called Attic in Elm House"),
        (
            lambda h, r: r[3].__setitem__(slice(2, 5), r[2][2:5]),
            "Row 4, column 'bed': bed B in Room 1 of Elm House is given to row 3 too",
        ),
        (lambda h, r: r[3].__setitem__(3, ""), "Row 4, column 'room': Elm House has 4 beds called A; fill in"),
        (lambda h, r: h.append(list(h[1])), "Row 22, column 'bed': bed A in Room 1 of Elm House is listed twice"),
        (lambda h, r: h[2].__setitem__(1, "3"), "Row 3, column 'level': row 2 gives Elm House level 2"),
        (lambda h, r: h[2].__setitem__(1, "high"), "Row 3, column 'level': 'high' is not a level"),
        (lambda h, r: h[0].__setitem__(4, "Town"), "Row 1, column 'town': Hearth does not know this column"),
        (lambda h, r: h[0].__setitem__(3, "Cot"), "Row 1, column 'bed': this column is missing"),
    ],
)
def test_each_wrong_cell_is_named_by_row_and_column(harbor, change, expected):
    homes, residents = import_rows()
    change(homes, residents)
    upload = _check(harbor, homes, residents)
    messages = [str(problem) for problem in upload.problems]
    assert any(message.startswith(expected) for message in messages), messages
    assert upload.spreadsheet_import is None


def test_dates_are_read_as_iso_or_as_month_day_year():
    assert parse_date("2026-03-01") == parse_date("3/1/2026") == parse_date("03/01/2026")
    assert parse_date("2026-3-1").isoformat() == "2026-03-01"
    assert parse_date("2026-02-30") is None
    assert parse_date("March 1") is None


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("homes.xls", b"\xd0\xcf\x11\xe0", "homes.xls is not a CSV or XLSX file. Open it in your spreadsheet program"),
        ("homes.pdf", b"%PDF-1.4", "homes.pdf is not a CSV or XLSX file."),
        ("homes.csv", b"", "homes.csv is empty."),
        ("homes.csv", b"\n , ,\n", "homes.csv is empty."),
        ("homes.csv", b"home,room,bed\n", "homes.csv has column names but no rows under them."),
        ("homes.csv", b"home,room\x00,bed\n", "homes.csv does not look like a CSV file"),
        ("homes.xlsx", b"home,room,bed\nElm,1,A\n", "homes.xlsx could not be read as an XLSX workbook"),
        ("homes.csv", b"home,room,bed\n" + b"Elm,1,A\n" * 2001, "homes.csv has more than 2000 rows"),
        ("homes.csv", b"x" * (2 * 1024 * 1024 + 1), "homes.csv is 2048 KB; Hearth takes files up to 2 MB"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_sentence(harbor, name, content, expected):
    with tenant_scope(harbor):
        upload = services.check_uploads(homes_file=SimpleUploadedFile(name, content))
    assert next(str(problem) for problem in upload.problems).startswith(f"The file: {expected}")


def test_a_csv_saved_by_older_excel_in_windows_1252_is_read(harbor):
    content = "Home,Room,Bed\nCafé House,1,A\n".encode("cp1252")
    with tenant_scope(harbor):
        upload = services.check_uploads(homes_file=SimpleUploadedFile("homes.csv", content))
    assert upload.problems == []
    assert next(iter(upload.checked.homes.values())).name == "Café House"


def test_a_resident_file_alone_fills_beds_already_in_hearth_and_refuses_a_taken_bed(harbor):
    home = make_home(harbor, name="Maple House", beds=("A", "B"))
    admit(home)  # bed A is taken
    header = ["first_name", "last_name", "home", "bed", "move_in"]
    day = (house_today() - timedelta(days=3)).isoformat()
    refused = _check(harbor, residents=[header, ["Ana", "Lee", "maple house", "a", day]])
    assert [str(problem) for problem in refused.problems] == [
        f"Row 2, column 'bed': bed a in Room 1 of Maple House is taken by someone already in Hearth on or after "
        f"{house_today() - timedelta(days=3):%B %-d, %Y}."
    ]
    _imported(harbor, residents=[header, ["Ana", "Lee", "maple house", "B", day]])
    with tenant_scope(harbor):
        assert Stay.objects.get(resident__first_name="Ana").bed_assignments.get().bed.label == "B"


def test_a_homes_file_does_not_add_a_home_already_in_hearth(harbor):
    make_home(harbor, name="Elm House")
    homes, _residents = import_rows()
    upload = _check(harbor, homes)
    assert [str(problem) for problem in upload.problems] == [
        "Row 2, column 'home': a home called Elm House is in Hearth already; this file adds new homes only. Rename it "
        "here, or add its rooms on the home's own page."
    ]


def test_an_import_is_all_or_nothing_when_a_bed_is_taken_between_preview_and_import(harbor):
    home = make_home(harbor, name="Maple House", beds=("A", "B"))
    homes, residents = import_rows()
    residents.append(["Pat", "Late", "Maple House", "Room 1", "A", house_today().isoformat(), ""])
    upload = _check(harbor, homes, residents)
    assert upload.problems == []
    admit(home)  # someone takes bed A of Maple House meanwhile
    with tenant_scope(harbor), pytest.raises(services.ImportRefused) as refused:
        services.import_spreadsheets(spreadsheet_import=upload.spreadsheet_import)
    assert next(str(problem) for problem in refused.value.problems).startswith("Row 17, column 'bed': bed A in Room 1")
    assert _counts(harbor) == (1, 2, 1)  # only Maple House and the one admitted by hand
    with tenant_scope(harbor):
        assert SpreadsheetImport.objects.get().status == ImportStatus.CHECKED


def test_a_later_upload_replaces_an_import_never_confirmed_and_forgets_its_rows(harbor):
    homes, residents = import_rows()
    first = _check(harbor, homes, residents).spreadsheet_import
    second = _check(harbor, homes, residents).spreadsheet_import
    with tenant_scope(harbor):
        first.refresh_from_db()
        assert (first.status, first.rows) == (ImportStatus.REPLACED, {})
        with pytest.raises(services.ImportProblem, match="no longer waiting to be imported: replaced by a later"):
            services.import_spreadsheets(spreadsheet_import=first)
        services.import_spreadsheets(spreadsheet_import=second)
    assert _counts(harbor) == (3, 20, 15)


def test_an_import_is_audited_row_by_row(harbor):
    homes, residents = import_rows()
    spreadsheet_import = _imported(harbor, homes, residents)
    with tenant_scope(harbor):
        created = AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, object_type="residents.resident")
        assert created.count() == 15
        assert set(created.values_list("resident_id", flat=True)) == set(Resident.objects.values_list("pk", flat=True))
        assert spreadsheet_import.created_rows.filter(model_label="residences.bed").count() == 20


def test_an_import_can_be_undone_while_nothing_has_touched_it(harbor):
    homes, residents = import_rows()
    spreadsheet_import = _imported(harbor, homes, residents)
    with tenant_scope(harbor):
        services.undo_import(spreadsheet_import=spreadsheet_import)
        assert SpreadsheetImport.objects.get().status == ImportStatus.UNDONE
        assert Resident.objects.count() == 0
        deleted = AuditEvent.objects.filter(action=AuditEvent.Action.DELETE, object_type="residents.resident")
        assert deleted.count() == 15
        with pytest.raises(services.ImportProblem, match="nothing to undo"):
            services.undo_import(spreadsheet_import=spreadsheet_import)
    assert _counts(harbor) == (0, 0, 0)


def test_undo_is_refused_once_a_resident_the_import_added_has_changed(harbor):
    homes, residents = import_rows()
    spreadsheet_import = _imported(harbor, homes, residents)
    with tenant_scope(harbor):
        resident = Resident.objects.get(first_name="Ana")
        resident.phone = "555-0100"
        resident.save()
        with pytest.raises(services.ImportProblem, match="a resident it created was changed"):
            services.undo_import(spreadsheet_import=spreadsheet_import)
    assert _counts(harbor) == (3, 20, 15)


def test_undo_is_refused_once_someone_else_lives_in_a_bed_the_import_added(harbor):
    homes, residents = import_rows()
    spreadsheet_import = _imported(harbor, homes, residents)
    with tenant_scope(harbor):
        pine = Residence.objects.get(name="Pine House")
    admit(pine)  # the last free bed of Pine House
    with tenant_scope(harbor), pytest.raises(services.ImportProblem, match="can no longer be undone"):
        services.undo_import(spreadsheet_import=spreadsheet_import)
    assert _counts(harbor) == (3, 20, 16)


def test_the_pages_take_an_administrator_from_upload_through_preview_to_import_and_undo(client, harbor):
    client.force_login(make_member(harbor, Role.ADMIN))
    assert "Import homes and residents" in client.get(reverse("residences:residence_list")).content.decode()
    homes, rows = import_rows(wrong_bed="B3")
    start = reverse("residences:import_start")
    response = client.post(start, {"homes_file": csv_file("h.csv", homes), "residents_file": csv_file("r.csv", rows)})
    assert response.status_code == 200
    assert "Row 7, column &#x27;bed&#x27;" in response.content.decode()
    assert "No bed called B3 in Room 1 of Elm House." in response.content.decode()

    homes, rows = import_rows()
    response = client.post(start, {"homes_file": csv_file("h.csv", homes), "residents_file": csv_file("r.csv", rows)})
    with tenant_scope(harbor):
        spreadsheet_import = SpreadsheetImport.objects.get()
    assert response.url == reverse("residences:import_detail", args=[spreadsheet_import.pk])
    preview = client.get(response.url).content.decode()
    assert "Importing adds 3 homes with 20 beds and 15 residents" in preview
    response = client.post(reverse("residences:import_apply", args=[spreadsheet_import.pk]))
    result = client.get(response.url).content.decode()
    assert "Imported 3 homes with 20 beds and 15 residents." in result
    assert "Ana Imported" in result
    client.post(reverse("residences:import_undo", args=[spreadsheet_import.pk]))
    assert _counts(harbor) == (0, 0, 0)


def test_a_file_of_the_wrong_kind_is_answered_on_the_page_with_a_sentence(client, harbor):
    client.force_login(make_member(harbor, Role.ADMIN))
    upload = SimpleUploadedFile("homes.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    response = client.post(reverse("residences:import_start"), {"homes_file": upload})
    assert response.status_code == 200
    assert "homes.xls is not a CSV or XLSX file." in response.content.decode()
    response = client.post(reverse("residences:import_start"), {})
    assert "Choose a homes file, a residents file, or both." in response.content.decode()


def test_the_template_files_name_the_columns(client, harbor):
    client.force_login(make_member(harbor, Role.ADMIN))
    response = client.get(reverse("residences:import_template_residents"))
    assert response.content.decode().splitlines()[0].startswith("first_name,last_name,preferred_name,email")


@pytest.mark.parametrize("role", [Role.STAFF, Role.HOUSE_MANAGER, Role.COACH, Role.RESIDENT])
def test_only_administrators_may_import(client, harbor, role):
    client.force_login(make_member(harbor, role))
    assert client.get(reverse("residences:import_start")).status_code == 403
    homes, residents = import_rows()
    upload = _check(harbor, homes, residents)
    assert client.post(reverse("residences:import_apply", args=[upload.spreadsheet_import.pk])).status_code == 403
    assert _counts(harbor) == (0, 0, 0)
