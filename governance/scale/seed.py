"""The scale operator (issue 20): one organization shaped like a large real operator, for the benchmark.

At size 1: 50 homes, 600 current residents, about 2,000 residents over a year, about 200k check-ins, 300k
notifications, about 26k ledger entries and 2 million audit events; size 0.1 is a tenth, and sizes down to 0.001
give a few rows of each (at least one home and two current residents). Homes, stays, bed moves, fee disclosures
and ledger entries go through the features' services, so every rule and audit event they carry holds; check-ins,
notifications and the reads in the audit log are written in bulk, storing the rows the services would.

Every step is safe to run again: it skips what exists (a home by name, a bed with a stay, a stay with a ledger,
an organization with check-ins) and tops up counted rows (notifications, audit events) to their target only.
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock_time
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from peer_support.checkins.models import CheckIn, Slept
from peer_support.mentorships import services as mentor_services
from peer_support.mentorships.models import Mentorship
from recovery.audit.models import AuditEvent
from recovery.audit.recorder import acting_as, command_actor
from recovery.models import Membership, Organization, Role, User
from recovery.notifications.models import Notification
from recovery.tenancy import organization_today, tenant_scope
from residences.ledger import services as ledger
from residences.ledger.models import EntryCategory, PaymentMethod
from residences.ledger.selectors import residence_of_stay
from residences.models import Bed, BedAssignment, Level, RentPeriod, Residence, Stay
from residences.stays import services as stays
from residents.profiles.models import Resident

SCALE_SLUG = "scale-operator"
# The demo's published password: seed_scale runs only with DEBUG on, like seed_demo.
SCALE_PASSWORD = "hearth-demo"  # noqa: S105 - published on purpose
BATCH = 5_000

FIRST_NAMES = ["Alex", "Blake", "Casey", "Devon", "Emery", "Frankie", "Gray", "Harper", "Indy", "Jules", "Kai", "Lane"]
LAST_NAMES = ["Abbott", "Barnes", "Cole", "Diaz", "Ellis", "Foster", "Garcia", "Hayes", "Ibarra", "Jensen", "Khan"]
GOALS = ["Call my sponsor", "Walk after dinner", "Go to the 7 pm meeting", "Cook for the house", "Job search"]
DEPOSIT = Decimal("150.00")
# Like the demo's: the accounts share a published password, so a second step would protect nothing.
NO_SECOND_STEP = {"require_mfa_for_staff": False}
MENTEES_PER_COACH = 3  # peer_support.mentorships refuses a fourth


@dataclass(frozen=True)
class ScaleShape:
    """How many of each thing the operator has at `size` (1 = the issue's large operator)."""

    homes: int
    current_residents: int
    past_residents: int
    notifications: int
    audit_events: int

    @classmethod
    def at(cls, size: float) -> "ScaleShape":
        """The shape at `size` (a positive float); raises ValueError for zero or less."""
        if size <= 0:
            raise ValueError("The size must be more than 0 (1 is the large operator, 0.1 a tenth).")
        return cls(
            homes=max(1, round(50 * size)),
            current_residents=max(2, round(600 * size)),
            past_residents=max(2, round(1_400 * size)),
            notifications=max(10, round(300_000 * size)),
            audit_events=max(100, round(2_000_000 * size)),
        )

    @property
    def beds_per_home(self) -> int:
        return math.ceil(self.current_residents / self.homes)


def email_domain(slug: str) -> str:
    """The domain of the scale operator's accounts: admin@, manager1@, coach1@, resident1@ and platform@ it."""
    return f"{slug}.example"


def _person_name(number: int) -> tuple[str, str]:
    last_name = LAST_NAMES[(number // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return FIRST_NAMES[number % len(FIRST_NAMES)], f"{last_name}{number}"


def _ensure_users(specs: list[tuple[str, str, str]], password_hash: str) -> dict[str, User]:
    """Users for `(email, first name, last name)` specs, created in bulk when missing, with a verified address."""
    emails = [email for email, *_ in specs]
    existing = {user.email: user for user in User.objects.filter(email__in=emails)}
    missing = [
        User(email=email, first_name=first, last_name=last, password=password_hash)
        for email, first, last in specs
        if email not in existing
    ]
    User.objects.bulk_create(missing, batch_size=BATCH)
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    verified = set(EmailAddress.objects.filter(email__in=emails).values_list("email", flat=True))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=user, email=email, verified=True, primary=True)
            for email, user in users.items()
            if email not in verified
        ],
        batch_size=BATCH,
    )
    return users


def _ensure_members(users: list[User], role: str) -> list[Membership]:
    have = set(Membership.objects.filter(user__in=users).values_list("user_id", flat=True))
    Membership.objects.bulk_create([Membership(user=user, role=role) for user in users if user.pk not in have])
    return list(Membership.objects.filter(user__in=users).order_by("pk"))


class ScaleSeeder:
    """Builds the scale operator step by step, reporting each step's name, what it added and its time."""

    def __init__(self, *, size: float, slug: str = SCALE_SLUG, report: Callable[[str], None] = lambda line: None):
        self.shape = ScaleShape.at(size)
        self.slug = slug
        self.domain = email_domain(slug)
        self.report = report
        self.password_hash = make_password(SCALE_PASSWORD)

    def _step(self, name: str, build: Callable[[], int]) -> int:
        started = time.monotonic()
        added = build()
        self.report(f"  {name:<28} {added:>9,} added  {time.monotonic() - started:7.1f} s")
        return added

    def run(self) -> Organization:
        """Build (or complete) the operator; returns its organization. Runs as the `seed_scale` command actor."""
        with acting_as(command_actor("seed_scale")):
            organization, _ = Organization.objects.get_or_create(
                slug=self.slug,
                defaults={"name": "Scale Recovery Homes", "time_zone": "America/Chicago", **NO_SECOND_STEP},
            )
            with tenant_scope(organization):
                self.today = organization_today()
                self._step("staff", self.staff)
                self._step("homes", self.homes)
                self._step("stays and ledgers (services)", self.stays)
                self._step("resident accounts", self.resident_accounts)
                self._step("mentorships (services)", self.mentorships)
                self._step("check-ins (bulk)", self.check_ins)
                self._step("notifications (bulk)", self.notifications)
                self._step("audit events (bulk)", self.audit_events)
        return organization

    # --- people and homes -------------------------------------------------------------------------------------

    def staff(self) -> int:
        before = Membership.objects.count()
        managers = max(1, self.shape.homes // 5)
        coaches = max(1, self.shape.current_residents // 20)
        specs = {
            Role.ADMIN: [("admin", "Morgan", "Admin")],
            Role.STAFF: [("staff", "Quinn", "Staff")],
            Role.HOUSE_MANAGER: [(f"manager{n}", "Robin", f"Manager{n}") for n in range(1, managers + 1)],
            Role.COACH: [(f"coach{n}", "Sage", f"Coach{n}") for n in range(1, coaches + 1)],
        }
        for role, people in specs.items():
            users = _ensure_users(
                [(f"{local}@{self.domain}", first, last) for local, first, last in people], self.password_hash
            )
            _ensure_members(list(users.values()), role)
        _ensure_users([(f"platform@{self.domain}", "Platform", "Staff")], self.password_hash)
        User.objects.filter(email=f"platform@{self.domain}").update(is_staff=True, is_superuser=True)
        # Django admin opens only after a second factor (recovery.admin_site): platform staff have an authenticator.
        platform = User.objects.get(email=f"platform@{self.domain}")
        if not Authenticator.objects.filter(user=platform, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(platform, generate_totp_secret())
        return Membership.objects.count() - before

    def homes(self) -> int:
        added = 0
        managers = list(Membership.objects.filter(role=Role.HOUSE_MANAGER).order_by("pk"))
        levels = [Level.SUPERVISED, Level.PEER_RUN, Level.CLINICALLY_MANAGED]
        for number in range(1, self.shape.homes + 1):
            name = f"Scale Home {number:02d}"
            residence = Residence.objects.filter(name=name).first()
            if residence is None:
                monthly = number % 5 != 0
                residence = stays.create_residence(
                    name=name,
                    level=levels[number % len(levels)],
                    city="Springfield",
                    state="IL",
                    rent_amount=Decimal("720.00") if monthly else Decimal("180.00"),
                    rent_period=RentPeriod.MONTHLY if monthly else RentPeriod.WEEKLY,
                    publish_availability=True,
                )
                labels = [chr(ord("A") + index) for index in range(self.shape.beds_per_home)]
                for room_number, start in enumerate(range(0, len(labels), 4), start=1):
                    stays.add_room_with_beds(
                        residence=residence, name=f"Room {room_number}", bed_labels=labels[start : start + 4]
                    )
                # Check-in opens all day, as in the demo's first home, so the benchmark can post one at any hour.
                Residence.objects.filter(pk=residence.pk).update(
                    check_in_opens_at=clock_time(0, 0), check_in_closes_at=clock_time(23, 59)
                )
                added += 1
            # Each manager runs five homes in turn (the first manager also runs the first home).
            stays.assign_house_manager(membership=managers[(number - 1) // 5 % len(managers)], residence=residence)
        return added

    def _beds(self) -> list[Bed]:
        beds = Bed.objects.filter(room__residence__name__startswith="Scale Home ")
        return list(beds.order_by("room__residence__name", "room__name", "label")[: self.shape.current_residents])

    def stays(self) -> int:
        """Per bed: earlier stays over the past year, each ended by a move-out, then the person living there now; each
        stay with its ledger (see `_ledger_of`), written before the move-out as the ledger's rules require."""
        beds = self._beds()
        taken = set(BedAssignment.objects.filter(bed__in=beds).values_list("bed_id", flat=True))
        year_ago = self.today - timedelta(days=365)
        added = 0
        for index, bed in enumerate(beds):
            if bed.pk in taken:
                continue
            earlier = self.shape.past_residents // len(beds) + (index < self.shape.past_residents % len(beds))
            current_move_in = self.today - timedelta(days=5 + index * 37 % 116)  # 5 to 120 days ago
            stretch = (current_move_in - year_ago).days // max(1, earlier)
            with transaction.atomic():
                for past in range(earlier):
                    move_in = year_ago + timedelta(days=past * stretch)
                    move_out = move_in + timedelta(days=max(1, stretch - 1))
                    stay = self._admit(bed, move_in=move_in, number=index * 10 + past + 1)
                    self._ledger_of(stay, until=move_out, behind=False)
                    stays.move_out(stay=stay, on=move_out, reason="independent_living", destination="Own apartment")
                    added += 1
                stay = self._admit(bed, move_in=current_move_in, number=index * 10)
                self._ledger_of(stay, until=self.today, behind=index % 3 == 2)
                added += 1
        return added

    def _admit(self, bed: Bed, *, move_in, number: int) -> Stay:
        first_name, last_name = _person_name(number)
        return stays.admit_resident(
            first_name=first_name,
            last_name=last_name,
            bed=bed,
            move_in=move_in,
            expected_move_out=move_in + timedelta(days=180),
        )

    def _current_stays(self):
        return Stay.objects.filter(move_out__isnull=True).select_related("resident").order_by("pk")

    def resident_accounts(self) -> int:
        """Everyone living in a home now signs in as a resident (the first is resident1@…, and so on)."""
        current = [stay for stay in self._current_stays() if stay.resident.user_id is None]
        if not current:
            return 0
        start = Resident.objects.filter(user__isnull=False).count() + 1
        specs = [
            (f"resident{start + offset}@{self.domain}", stay.resident.first_name, stay.resident.last_name)
            for offset, stay in enumerate(current)
        ]
        users = _ensure_users(specs, self.password_hash)
        _ensure_members(list(users.values()), Role.RESIDENT)
        for (email, *_), stay in zip(specs, current, strict=True):
            Resident.objects.filter(pk=stay.resident_id).update(user=users[email])
        return len(current)

    def mentorships(self) -> int:
        """Each coach mentors residents living in a home now, up to the mentoring service's limit."""
        mentored = set(Mentorship.objects.values_list("mentee_id", flat=True))
        coaches = list(Membership.objects.filter(role=Role.COACH).order_by("pk"))
        added = 0
        for index, stay in enumerate(self._current_stays()[: MENTEES_PER_COACH * len(coaches)]):
            if stay.resident_id in mentored:
                continue
            on = max(stay.move_in, self.today - timedelta(days=20))
            coach = coaches[index // MENTEES_PER_COACH]
            mentor_services.start_mentorship(mentee=stay.resident, on=on, by=None, coach=coach)
            added += 1
        return added

    # --- money --------------------------------------------------------------------------------------------------

    def _ledger_of(self, stay: Stay, *, until, behind: bool) -> None:
        """The stay signs its fee disclosure, pays a deposit, is charged rent for each period it lives until `until`
        and pays each charge two days later; a resident `behind` leaves their last two charges unpaid."""
        residence = residence_of_stay(stay)
        signed_at = datetime.combine(stay.move_in, clock_time(10, 0), tzinfo=timezone.get_current_timezone())
        disclosure = ledger.prepare_fee_disclosure(
            stay=stay,
            rent_amount=residence.rent_amount,
            rent_period=residence.rent_period,
            deposit_amount=DEPOSIT,
            fee_schedule="Replacement key: $10.00",
            refund_policy=ledger.DEFAULT_REFUND_POLICY,
        )
        ledger.sign_fee_disclosure(
            disclosure=disclosure,
            signed_name=f"{stay.resident.first_name} {stay.resident.last_name}",
            agreed=True,
            by=None,
            now=signed_at,
        )
        ledger.post_charge(
            stay=stay, category=EntryCategory.DEPOSIT, amount=DEPOSIT, posted_on=stay.move_in, description="Deposit"
        )
        ledger.record_payment(stay=stay, amount=DEPOSIT, method=PaymentMethod.MONEY_ORDER, posted_on=stay.move_in)
        last_day = min(until, self.today)
        day, charges = stay.move_in, []
        while day <= last_day:
            entry, outcome = ledger.post_rent_for_stay(stay=stay, on=day)
            if outcome == "posted":
                charges.append(entry)
            day = ledger.rent_period_containing(rent_period=residence.rent_period, day=day).ends_on
        for entry in charges[:-2] if behind else charges:
            paid_on = min(entry.posted_on + timedelta(days=2), self.today)
            ledger.record_payment(stay=stay, amount=entry.amount, method=PaymentMethod.CASH, posted_on=paid_on)

    # --- what grows with use: bulk --------------------------------------------------------------------------------

    def check_ins(self) -> int:
        """A check-in for most days of every stay (one day in nine missed), as the check-in form stores them."""
        if CheckIn.objects.exists():
            return 0
        added, rows = 0, []
        assignments = BedAssignment.objects.select_related("stay__resident", "bed__room__residence").order_by("pk")
        for assignment in assignments:
            stay = assignment.stay
            ends = min(assignment.ends_on or self.today, stay.move_out or self.today, self.today)
            day = assignment.starts_on
            while day < ends:  # today is left for the resident to check in themselves
                if (day.toordinal() + stay.resident_id) % 9 != 4:
                    feeling = 2 + (day.toordinal() + stay.resident_id) % 4
                    rows.append(
                        CheckIn(
                            resident=stay.resident,  # related objects, not ids: the tenant check needs no query
                            residence=assignment.bed.room.residence,
                            day=day,
                            feeling=feeling,
                            craving=(day.toordinal() * 7 + stay.resident_id) % 6,
                            slept=Slept.POOR if feeling <= 2 else Slept.OK,
                            went_to_meeting=day.toordinal() % 3 == 0,
                            goal_today=GOALS[(day.toordinal() + stay.resident_id) % len(GOALS)],
                            share_with_house=True,
                        )
                    )
                day += timedelta(days=1)
                if len(rows) >= BATCH:
                    added += len(CheckIn.objects.bulk_create(rows))
                    rows = []
        added += len(CheckIn.objects.bulk_create(rows))
        return added

    def notifications(self) -> int:
        """Check-in reminders and alerts over the past year, spread over everyone with a membership, up to the target;
        all but the last week's are read."""
        missing = self.shape.notifications - Notification.objects.count()
        if missing <= 0:
            return 0
        users = list(Membership.objects.order_by("pk").values_list("user_id", flat=True))
        now = timezone.now()
        added = 0
        for start in range(0, missing, BATCH):
            rows = []
            for number in range(start, min(missing, start + BATCH)):
                created = now - timedelta(minutes=(number * 1_753) % (365 * 24 * 60))
                rows.append(
                    Notification(
                        recipient_id=users[number % len(users)],
                        kind="check_in.reminder" if number % 3 else "check_in.missed",
                        title="Time for your check-in" if number % 3 else "A resident has not checked in",
                        url="/peer-support/today/",
                        created_at=created,
                        read_at=created + timedelta(hours=1) if now - created > timedelta(days=7) else None,
                    )
                )
            added += len(Notification.objects.bulk_create(rows))
        return added

    def audit_events(self) -> int:
        """Staff opening residents' records over the past year (the reads `recovery.audit.reads` writes), up to the
        target; what the steps above wrote counts toward it."""
        organization = Organization.objects.get(slug=self.slug)
        missing = self.shape.audit_events - AuditEvent.objects.filter(organization=organization).count()
        if missing <= 0:
            return 0
        readers = list(Membership.objects.exclude(role=Role.RESIDENT).order_by("pk").values_list("user_id", flat=True))
        residents = list(Resident.objects.order_by("pk").values_list("pk", flat=True))
        now = timezone.now()
        added = 0
        for start in range(0, missing, BATCH):
            rows = []
            for number in range(start, min(missing, start + BATCH)):
                resident_id = residents[(number * 7) % len(residents)]
                rows.append(
                    AuditEvent(
                        organization=organization,
                        actor_id=readers[number % len(readers)],
                        actor_kind=AuditEvent.ActorKind.PERSON,
                        action=AuditEvent.Action.VIEW,
                        object_type="residents.resident",
                        object_id=str(resident_id),
                        resident_id=resident_id,
                        path=f"/residents/{resident_id}/",
                        created_at=now - timedelta(seconds=(number * 15_773) % (365 * 24 * 3600)),
                    )
                )
            added += len(AuditEvent.objects.bulk_create(rows))
        return added
