"""Fill a development database with Hearth's demo: safe to run again, it only adds what is missing."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from recovery.models import User

DEMO_PASSWORD = "hearth-demo"
PLATFORM_ADMIN_EMAIL = "platform@hearth.example"


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


class Command(BaseCommand):
    help = "Create Hearth's demo data (idempotent). Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even though DEBUG is off. Demo accounts share a published password.",
        )

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password, so it runs only with DEBUG on. "
                "Use --force if this really is a demo database."
            )
        ensure_user(
            email=PLATFORM_ADMIN_EMAIL,
            first_name="Platform",
            last_name="Administrator",
            is_staff=True,
            is_superuser=True,
        )
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in with any of these:"))
        self.stdout.write(f"  {PLATFORM_ADMIN_EMAIL:<28} password {DEMO_PASSWORD}   (Django admin, /admin/)")
