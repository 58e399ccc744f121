"""Fill a development database with Hearth's demo: safe to run again, it only adds what is missing.

Each feature seeds its own part (its `demo.py`, registered under the registry's "demo" key with an order:
stays before plans, plans before reviews); this command iterates the registry and imports no app.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from recovery.audit.recorder import acting_as, command_actor
from recovery.models import Membership, Organization, Role, User
from recovery.registry import registry
from recovery.tenancy import tenant_scope

DEMO_PASSWORD = "hearth-demo"
PLATFORM_ADMIN_EMAIL = "platform@hearth.example"

# Each organization has its own people: no name appears in both.
DEMO_ORGANIZATIONS = [
    {
        "name": "Harbor Light Recovery Homes",
        "slug": "harbor-light",
        "time_zone": "America/New_York",
        "domain": "harbor.example",
        "people": [
            ("admin", Role.ADMIN, "Maya", "Thompson"),
            ("manager", Role.HOUSE_MANAGER, "Luis", "Ortega"),
            ("staff", Role.STAFF, "Priya", "Nair"),
            ("coach", Role.COACH, "Dana", "Brooks"),
            ("resident", Role.RESIDENT, "Jordan", "Reyes"),
            ("resident2", Role.RESIDENT, "Chris", "Wallace"),
            ("resident3", Role.RESIDENT, "Tasha", "Greene"),
            ("resident4", Role.RESIDENT, "Miguel", "Santos"),
        ],
    },
    {
        "name": "Cedar Path Sober Living",
        "slug": "cedar-path",
        "time_zone": "America/Denver",
        "domain": "cedar.example",
        "people": [
            ("admin", Role.ADMIN, "Grace", "Kim"),
            ("manager", Role.HOUSE_MANAGER, "Samuel", "Okafor"),
            ("staff", Role.STAFF, "Hannah", "Weiss"),
            ("coach", Role.COACH, "Marcus", "Bell"),
            ("resident", Role.RESIDENT, "Riley", "Parker"),
            ("resident2", Role.RESIDENT, "Andre", "Coleman"),
            ("resident3", Role.RESIDENT, "Erin", "Walsh"),
            ("resident4", Role.RESIDENT, "Noah", "Whitfield"),
        ],
    },
]


def ensure_user(*, email, first_name="", last_name="", is_staff=False, is_superuser=False) -> User:
    """The demo user with this email, created (with the demo password and a verified address) if missing."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "is_staff": is_staff,
            "is_superuser": is_superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def ensure_organization(spec) -> Organization:
    """A demo organization with its people. Demo accounts share a published password and have no
    authenticator app, so the demo organizations do not require a second sign-in step."""
    organization, _ = Organization.objects.get_or_create(
        slug=spec["slug"],
        defaults={"name": spec["name"], "time_zone": spec["time_zone"], "require_mfa_for_staff": False},
    )
    with tenant_scope(organization):
        for local_part, role, first_name, last_name in spec["people"]:
            user = ensure_user(email=f"{local_part}@{spec['domain']}", first_name=first_name, last_name=last_name)
            Membership.objects.get_or_create(user=user, defaults={"role": role})
    return organization


class Command(BaseCommand):
    help = "Create Hearth's demo data (idempotent). Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even though DEBUG is off. Demo accounts share a published password.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password, so it runs only with DEBUG on. "
                "Use --force if this really is a demo database."
            )
        with transaction.atomic(), acting_as(command_actor("seed_demo")):
            ensure_user(
                email=PLATFORM_ADMIN_EMAIL,
                first_name="Platform",
                last_name="Administrator",
                is_staff=True,
                is_superuser=True,
            )
            for spec in DEMO_ORGANIZATIONS:
                organization = ensure_organization(spec)
                with tenant_scope(organization):
                    for seeder in registry["demo"]:
                        seeder.seed(organization)

        self.stdout.write(self.style.SUCCESS(f"Demo data is ready. Every demo password is {DEMO_PASSWORD}"))
        self.stdout.write(f"  {PLATFORM_ADMIN_EMAIL:<26} Django admin at /admin/")
        for spec in DEMO_ORGANIZATIONS:
            people = ", ".join(f"{local}@{spec['domain']}" for local, *_ in spec["people"][:4])
            self.stdout.write(f"  {spec['name']}: {people}, resident@{spec['domain']} …")
