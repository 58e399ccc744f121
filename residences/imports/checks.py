"""The check of an import's rows: every row of both files against the house's rules, each problem named by its row
and column, and, when there is none, the plan of what the import will create.

Two files: homes (one row per bed: its home, room and label) and current residents (one row per person: their name,
move-in date and bed). A resident's bed is in a home of the homes file or in a home already in Hearth. The check only
reads; `services.import_spreadsheets()` runs it again inside its transaction before it creates anything.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q

from recovery.tenancy import home_today
from residences.homes.models import Bed, Level, Residence
from residences.imports.spreadsheets import FORMULA
from residences.stays.models import BedAssignment

HOMES, RESIDENTS = "homes", "residents"

# Each file's columns: {column: (required, longest text, what it holds)}. The longest text is the model field's.
HOME_COLUMNS = {
    "home": (True, 120, "the home's name, the same on every row of its beds"),
    "room": (True, 60, "the room's name within the home"),
    "bed": (True, 40, "the bed's label within the room, e.g. A"),
    "level": (
        False,
        20,
        "level of support: 1 (peer-run), 2 (supervised) or 3 (clinically managed); 2 if empty",
    ),
    "street": (False, 200, "the home's street address"),
    "city": (False, 100, ""),
    "state": (False, 50, ""),
    "postal_code": (False, 20, ""),
}
RESIDENT_COLUMNS = {
    "first_name": (True, 100, ""),
    "last_name": (True, 100, ""),
    "preferred_name": (False, 100, "what they like to be called"),
    "email": (False, 254, ""),
    "phone": (False, 30, ""),
    "home": (True, 120, "the name of their home, in the homes file or already in Hearth"),
    "room": (False, 60, "needed only when the home has two beds of the same label"),
    "bed": (True, 40, "the label of their bed"),
    "move_in": (True, 30, "the day they moved in: 2026-03-01 or 3/1/2026; not after today"),
    "expected_move_out": (False, 30, "if one is planned, after the move-in"),
}
COLUMNS = {HOMES: HOME_COLUMNS, RESIDENTS: RESIDENT_COLUMNS}
# Titles people often give a column, to the column Hearth means.
ALIASES = {
    "house": "home",
    "residence": "home",
    "home_name": "home",
    "bed_label": "bed",
    "room_name": "room",
    "first": "first_name",
    "last": "last_name",
    "move_in_date": "move_in",
    "moved_in": "move_in",
    "expected_move_out_date": "expected_move_out",
    "zip": "postal_code",
    "zip_code": "postal_code",
}
HOME_FIELDS = ("street", "city", "state", "postal_code")
MAX_PROBLEMS = 200  # a file with more is the wrong file: the first ones say so

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is: the file (HOMES or RESIDENTS), its spreadsheet row (None: the whole file), the
    column (None: the whole row) and a sentence that says what to change."""

    file: str
    row: int | None
    column: str | None
    message: str

    @property
    def place(self) -> str:
        if self.row is None:
            return f"Column '{self.column}'" if self.column else "The file"
        return f"Row {self.row}, column '{self.column}'" if self.column else f"Row {self.row}"

    @property
    def sentence(self) -> str:
        """The message on its own, as a sentence (a file's name, which starts a whole-file message, kept as it is)."""
        return self.message if self.row is None else self.message[:1].upper() + self.message[1:]

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


@dataclass
class HomePlan:
    name: str
    level: int
    fields: dict
    row: int
    rooms: dict = field(default_factory=dict)  # room key -> (room name, {bed key: (label, row)})


@dataclass
class ResidentPlan:
    row: int
    person: dict
    move_in: date
    expected_move_out: date | None
    bed_key: tuple  # (home key, room key, bed key)
    bed_id: int | None  # a bed already in Hearth; None for a bed of the homes file
    bed_label: str = ""  # "Elm House, Room 1 · A"


@dataclass
class Checked:
    problems: list = field(default_factory=list)
    homes: dict = field(default_factory=dict)  # home key -> HomePlan, in file order
    residents: list = field(default_factory=list)

    @property
    def bed_count(self) -> int:
        return sum(len(beds) for home in self.homes.values() for _name, beds in home.rooms.values())


def key(text: str) -> str:
    """How names are matched between the files and Hearth: case and repeated spaces do not count."""
    return " ".join(text.split()).casefold()


def parse_date(text: str) -> date | None:
    """The date written as ISO (2026-03-01) or as in the US (3/1/2026); None for anything else."""
    for pattern, order in ((_ISO_DATE, (0, 1, 2)), (_US_DATE, (2, 0, 1))):
        match = pattern.fullmatch(text.strip())
        if match:
            parts = match.groups()
            try:
                return date(int(parts[order[0]]), int(parts[order[1]]), int(parts[order[2]]))
            except ValueError:
                return None
    return None


def check_columns(file: str, columns: list[str]) -> tuple[list[Problem], dict]:
    """Problems with the first row of a file (unknown, repeated or missing columns), and {column in the file:
    column Hearth means} for the known ones."""
    known, problems, mapping = COLUMNS[file], [], {}
    for title in columns:
        if not title:
            continue
        meant = ALIASES.get(title, title)
        if meant not in known:
            names = ", ".join(known)
            problems.append(Problem(file, 1, title, f"Hearth does not know this column. The columns are: {names}."))
        elif meant in mapping.values():
            problems.append(Problem(file, 1, title, f"the column '{meant}' appears twice; keep one."))
        else:
            mapping[title] = meant
    for column, (required, _longest, _what) in known.items():
        if required and column not in mapping.values():
            problems.append(Problem(file, 1, column, "this column is missing; add it with this name in the first row."))
    return problems, mapping


class _Row:
    """One row's cells by the columns Hearth means, noting a problem for each cell that cannot be used."""

    def __init__(self, file, number, cells, mapping, problems):
        self.file, self.number, self.problems = file, number, problems
        self.cells = {mapping[title]: value for title, value in cells.items() if title in mapping}
        self.ok = True

    def problem(self, column, message):
        self.problems.append(Problem(self.file, self.number, column, message))
        self.ok = False

    def text(self, column) -> str:
        required, longest, _what = COLUMNS[self.file][column]
        value = self.cells.get(column, "")
        if value is FORMULA:
            self.problem(column, "this cell holds a formula; type the value itself (Hearth does not run formulas).")
            return ""
        if required and not value:
            self.problem(column, "this is empty; every row needs it.")
        elif len(value) > longest:
            self.problem(column, f"this is {len(value)} characters long; Hearth keeps at most {longest}.")
            return ""
        return value

    def day(self, column) -> date | None:
        value = self.text(column)
        if not value:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problem(column, f"'{value}' is not a date; write it as 2026-03-01 or 3/1/2026.")
        return parsed


def check_rows(*, homes_rows=None, homes_columns=None, residents_rows=None, residents_columns=None) -> Checked:
    """Check the rows of the homes file and of the residents file (either may be None: not uploaded), in the active
    tenant scope, against the homes already in Hearth and who lives where today.

    `*_rows` are [(row number, {column title: text or FORMULA})], `*_columns` the titles of the first row. Returns a
    Checked: its problems (at most MAX_PROBLEMS), and the plan when there are none. Reads only."""
    checked = Checked()
    if homes_rows is not None:
        problems, mapping = check_columns(HOMES, homes_columns)
        checked.problems += problems
        if not any(problem.row == 1 and "missing" in problem.message for problem in problems):
            _check_homes(checked, homes_rows, mapping)
    if residents_rows is not None:
        problems, mapping = check_columns(RESIDENTS, residents_columns)
        checked.problems += problems
        if not any(problem.row == 1 and "missing" in problem.message for problem in problems):
            _check_residents(checked, residents_rows, mapping)
    del checked.problems[MAX_PROBLEMS:]
    return checked


def _check_homes(checked: Checked, rows, mapping) -> None:
    existing = {key(name) for name in Residence.objects.values_list("name", flat=True)}
    told_existing = set()
    for number, cells in rows:
        row = _Row(HOMES, number, cells, mapping, checked.problems)
        home, room, bed = row.text("home"), row.text("room"), row.text("bed")
        level_text = row.text("level")
        fields = {name: row.text(name) for name in HOME_FIELDS}
        level = int(level_text) if level_text in ("1", "2", "3") else Level.SUPERVISED
        if level_text and level_text not in ("1", "2", "3"):
            row.problem("level", f"'{level_text}' is not a level; write 1, 2 or 3.")
        if not row.ok:
            continue
        home_key = key(home)
        if home_key in existing:
            if home_key not in told_existing:
                row.problem(
                    "home",
                    f"a home called {home} is in Hearth already; this file adds new homes only. Rename it here, or "
                    "add its rooms on the home's own page.",
                )
                told_existing.add(home_key)
            continue
        plan = checked.homes.get(home_key)
        if plan is None:
            plan = checked.homes[home_key] = HomePlan(name=home, level=level, fields=fields, row=number)
        else:
            _check_same_home(row, plan, level_text, level, fields)
        room_name, beds = plan.rooms.setdefault(key(room), (room, {}))
        if key(bed) in beds:
            first = beds[key(bed)][1]
            row.problem("bed", f"bed {bed} in {room_name} of {plan.name} is listed twice; it is in row {first} too.")
            continue
        beds[key(bed)] = (bed, number)


def _check_same_home(row: _Row, plan: HomePlan, level_text: str, level: int, fields: dict) -> None:
    """A home's details, given again on a later row of its beds, must agree with its first row (or be left empty)."""
    if level_text and level != plan.level:
        row.problem("level", f"row {plan.row} gives {plan.name} level {plan.level}; a home has one level.")
    for name, value in fields.items():
        if value and plan.fields[name] and value != plan.fields[name]:
            row.problem(name, f"row {plan.row} gives {plan.name} another {name.replace('_', ' ')}.")
        elif value:
            plan.fields[name] = value


def _existing_beds() -> dict:
    """{home key: (residence, [(room key, room name, bed key, bed)])} of the homes in Hearth, in one query."""
    homes = {}
    for bed in Bed.objects.select_related("room__residence").order_by("room__name", "label"):
        residence = bed.room.residence
        entry = homes.setdefault(key(residence.name), (residence, []))
        entry[1].append((key(bed.room.name), bed.room.name, key(bed.label), bed))
    for residence in Residence.objects.all():
        homes.setdefault(key(residence.name), (residence, []))
    return homes


def _check_residents(checked: Checked, rows, mapping) -> None:
    existing = _existing_beds()
    given = {}  # bed key -> row of the resident it is given to
    for number, cells in rows:
        row = _Row(RESIDENTS, number, cells, mapping, checked.problems)
        person = {name: row.text(name) for name in ("first_name", "last_name", "preferred_name", "email", "phone")}
        if person["email"]:
            try:
                validate_email(person["email"])
            except ValidationError:
                row.problem("email", f"'{person['email']}' is not an email address.")
        move_in, move_out = row.day("move_in"), row.day("expected_move_out")
        home, room, bed = row.text("home"), row.text("room"), row.text("bed")
        if not (home and bed):
            continue
        found = _find_bed(row, checked, existing, home, room, bed)
        if found is None:
            continue
        bed_key, existing_bed, residence, where, label = found
        today = home_today(residence)  # a home of the file (None) lives by the organization's clock until set
        if move_in is not None and move_in > today:
            row.problem(
                "move_in",
                f"{move_in:%B %-d, %Y} is after today; import the people living in your homes now, and admit "
                "a future resident in Hearth when they arrive.",
            )
        if move_in is not None and move_out is not None and move_out <= move_in:
            row.problem("expected_move_out", "the expected move-out must come after the move-in.")
        if bed_key in given:
            row.problem("bed", f"{where} is given to row {given[bed_key]} too; one bed holds one resident.")
        elif existing_bed is not None and move_in is not None:
            _check_bed_free(row, existing_bed, move_in, where)
        given.setdefault(bed_key, number)
        if row.ok:
            checked.residents.append(
                ResidentPlan(
                    row=number,
                    person=person,
                    move_in=move_in,
                    expected_move_out=move_out,
                    bed_key=bed_key,
                    bed_id=existing_bed.pk if existing_bed is not None else None,
                    bed_label=label,
                )
            )


def _find_bed(row: _Row, checked: Checked, existing: dict, home: str, room: str, bed: str):
    """(bed key, the Bed if it is in Hearth already, its Residence if so, how to name it) for the row's bed, or None
    after noting why there is none."""
    home_key, room_key, label_key = key(home), key(room), key(bed)
    plan = checked.homes.get(home_key)
    if plan is not None:
        name, residence = plan.name, None
        beds = [(rkey, room_name, bkey, None) for rkey, (room_name, labels) in plan.rooms.items() for bkey in labels]
    elif home_key in existing:
        residence, beds = existing[home_key]
        name = residence.name
    else:
        row.problem("home", f"no home called {home} in the homes file or in Hearth.")
        return None
    if room and not any(rkey == room_key for rkey, _room, _bed, _obj in beds):
        row.problem("room", f"no room called {room} in {name}.")
        return None
    matching = [entry for entry in beds if entry[2] == label_key and (not room or entry[0] == room_key)]
    if not matching:
        row.problem("bed", f"no bed called {bed} in {f'{room} of ' if room else ''}{name}.")
        return None
    if len(matching) > 1:
        row.problem("room", f"{name} has {len(matching)} beds called {bed}; fill in the room.")
        return None
    rkey, room_name, bkey, obj = matching[0]
    label = obj.label if obj is not None else plan.rooms[rkey][1][bkey][0]
    return (
        (home_key, rkey, bkey),
        obj,
        residence,
        f"bed {bed} in {room_name} of {name}",
        f"{name}, {room_name} · {label}",
    )


def _check_bed_free(row: _Row, bed: Bed, move_in: date, where: str) -> None:
    if not bed.in_service:
        row.problem("bed", f"{where} is out of service; put it back in service first, or choose another bed.")
        return
    taken = BedAssignment.objects.filter(bed=bed).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=move_in))
    if taken.exists():
        row.problem("bed", f"{where} is taken by someone already in Hearth on or after {move_in:%B %-d, %Y}.")
