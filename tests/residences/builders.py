"""Builders for the residences app: homes, rooms and beds, stays and the people who run a home (inside the
organization's scope)."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from recovery.models import Membership, Role
from recovery.tenancy import organization_today, tenant_scope
from residences.ledger.selectors import residence_of_stay
from residences.models import Application, Bed, BedAssignment, Level, Residence, Stay
from residences.stays import services
from tests.clock import house_today
from tests.recovery.builders import make_member, unique

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"  # the smallest document a compliance item takes


def make_home(organization, *, name=None, level=Level.SUPERVISED, beds=("A", "B"), rooms=None, **fields) -> Residence:
    """A residence (named uniquely unless `name` is given) with one room, "Room 1", of `beds`; or with `rooms`
    ({room name: bed labels}) where it needs several. With `beds=()` and no `rooms` it has no room at all."""
    if rooms is None:
        rooms = {"Room 1": list(beds)} if beds else {}
    with tenant_scope(organization):
        residence = services.create_residence(name=name or f"Home {unique()}", level=level, **fields)
        for room_name, labels in rooms.items():
            services.add_room_with_beds(residence=residence, name=room_name, bed_labels=labels)
    return residence


def beds_of(residence) -> list[Bed]:
    """The beds of `residence`, by room and label."""
    with tenant_scope(residence.organization):
        return list(Bed.objects.filter(room__residence=residence).order_by("room__name", "label"))


def admit(
    residence, bed=None, *, move_in=date(2026, 11, 1), first_name="Alex", last_name="Rivera", user=None, **kwargs
) -> Stay:
    """Admit an applicant to `bed` (the first free bed of `residence` unless given) from `move_in`, linked to their
    sign-in `user` if one is given. Other keyword arguments go to admit_applicant."""
    with tenant_scope(residence.organization):
        if bed is None:
            taken = BedAssignment.objects.filter(ends_on__isnull=True).values("bed_id")
            free = Bed.objects.filter(room__residence=residence).exclude(pk__in=taken)
            bed = free.order_by("room__name", "label").first()
        application = Application.objects.create(
            first_name=first_name, last_name=last_name, email=f"{first_name.lower()}{unique()}@example.org"
        )
        stay = services.admit_applicant(application=application, bed=bed, move_in=move_in, **kwargs)
        if user is not None:
            stay.resident.user = user
            stay.resident.save()
    return stay


def manager_of(residence, *more_residences, **user_fields):
    """A house manager assigned to `residence` (and to each of `more_residences`)."""
    user = make_member(residence.organization, Role.HOUSE_MANAGER, **user_fields)
    with tenant_scope(residence.organization):
        membership = Membership.objects.get(user=user)
        for home in (residence, *more_residences):
            services.assign_house_manager(membership=membership, residence=home)
    return user


def make_stay(
    organization,
    *,
    first_name="Jordan",
    last_name="Reyes",
    move_in=None,
    rent=Decimal("175.00"),
    rent_period="weekly",
    residence=None,
    user=None,
    signed=True,
    rent_rule="by_day",
):
    """An admitted resident's stay in a home of `organization` (a new home unless one is given).

    With `signed`, the resident has signed a fee disclosure of `rent` per `rent_period`, part periods charged
    under `rent_rule`.
    """

    n = unique()
    with tenant_scope(organization):
        move_in = move_in or organization_today() - timedelta(days=60)
        if residence is None:
            residence = make_home(
                organization, name=f"Ledger home {n}", beds=(), rent_amount=rent, rent_period=rent_period
            )
        bed = services.add_room_with_beds(residence=residence, name=f"Room {n}", bed_labels=["A"]).beds.get()
    stay = admit(residence, bed, move_in=move_in, first_name=first_name, last_name=last_name, user=user)
    if signed:
        sign_disclosure(stay, rent=rent, rent_period=rent_period, rent_rule=rent_rule)
    return stay


def sign_disclosure(stay, *, rent=Decimal("175.00"), rent_period="weekly", on=None, rent_rule="by_day"):
    """Prepare a fee disclosure for the stay and have it signed in person."""
    from residences.ledger import services as ledger

    with tenant_scope(stay.organization):
        disclosure = ledger.prepare_fee_disclosure(
            stay=stay,
            rent_amount=rent,
            rent_period=rent_period,
            rent_rule=rent_rule,
            deposit_amount=Decimal("150.00"),
            refund_policy=ledger.DEFAULT_REFUND_POLICY,
        )
        return ledger.sign_fee_disclosure(disclosure=disclosure, signed_name="Signed in person", agreed=True, by=None)


def home_of_stay(stay) -> Residence:
    """The home of the stay's current bed (or of its last one, once it has ended)."""
    with tenant_scope(stay.organization):
        return residence_of_stay(stay)


def resident_stay(organization, *, residence=None, last_name="Reyes", login=True, **kwargs):
    """An admitted resident's stay (see make_stay; no fee disclosure), in a new home unless one is given, with their
    own sign-in (a resident membership) unless `login` is False."""
    user = None
    if login:
        user = make_member(organization, Role.RESIDENT, first_name="Sam", last_name=f"{last_name}{unique()}")
    return make_stay(organization, residence=residence, last_name=last_name, user=user, signed=False, **kwargs)


def resident_in(organization, residence=None, *, first_name="Sam", last_name="Lee", login=True):
    """(user, resident) of a resident_stay: a person living in `residence` (a new home unless given)."""
    stay = resident_stay(organization, residence=residence, first_name=first_name, last_name=last_name, login=login)
    return stay.resident.user, stay.resident


def resident_with_login(home, *, first_name="Alex", **kwargs):
    """A resident admitted to `home` (see admit), signed up as a member; returns (stay, user)."""
    user = make_member(home.organization, Role.RESIDENT)
    return admit(home, first_name=first_name, user=user, **kwargs), user


# A move to Hearth in two spreadsheets: 3 homes with 20 beds, and 15 residents in them (issue 17's import).
IMPORT_HOMES = {
    ("Elm House", 2): {"Room 1": "AB", "Room 2": "AB", "Room 3": "AB", "Room 4": "AB"},
    ("Oak House", 1): {"Front": "ABC", "Back": "ABC"},
    ("Pine House", 3): {"1": "AB", "2": "AB", "3": "AB"},
}
IMPORT_FIRST_NAMES = [
    "Ana",
    "Ben",
    "Cal",
    "Dee",
    "Eli",
    "Fay",
    "Gus",
    "Hal",
    "Ivy",
    "Jon",
    "Kim",
    "Lou",
    "Max",
    "Ned",
    "Ora",
]


def import_rows(*, wrong_bed: str | None = None) -> tuple[list[list[str]], list[list[str]]]:
    """The two sheets as rows of cells, column names first: homes (one row per bed) and 15 residents, one per bed,
    move-in dates in the past written both as ISO and as m/d/yyyy. With `wrong_bed`, the sixth resident (row 7 of
    the residents sheet) is given that bed of Elm House's Room 1."""
    homes = [["Home", "Level", "Room", "Bed", "City"]]
    for (home, level), rooms in IMPORT_HOMES.items():
        for room, labels in rooms.items():
            homes += [[home, str(level), room, label, "Springfield"] for label in labels]
    residents = [["First name", "Last name", "Home", "Room", "Bed", "Move-in", "Email"]]
    today = house_today()
    people = zip(IMPORT_FIRST_NAMES, homes[1:16], strict=True)
    for index, (first_name, (home, _level, room, label, _city)) in enumerate(people):
        moved_in = today - timedelta(days=7 * index + 1)
        written = moved_in.isoformat() if index % 2 else f"{moved_in.month}/{moved_in.day}/{moved_in.year}"
        residents.append([first_name, "Imported", home, room, label, written, f"{first_name.lower()}@example.org"])
    if wrong_bed is not None:
        residents[6][2:5] = ["Elm House", "Room 1", wrong_bed]
    return homes, residents


def csv_file(name: str, rows) -> SimpleUploadedFile:
    """An uploaded CSV file of these rows."""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


def xlsx_file(name: str, rows) -> SimpleUploadedFile:
    """An uploaded XLSX workbook whose first sheet holds these rows (a cell starting with "=" is a formula)."""
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/octet-stream")
