"""Fill a development database with the scale operator (issue 20): `manage.py seed_scale --size 0.1`.

What it builds, and how, is in `governance.scale.seed`; the benchmark (`manage.py bench`) measures pages on it.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from governance.scale.seed import SCALE_PASSWORD, SCALE_SLUG, ScaleSeeder, email_domain


class Command(BaseCommand):
    help = (
        "Build a large operator for the benchmark: at --size 1, 50 homes, 600 current residents, about 2,000 over a "
        "year, 200k check-ins, 300k notifications, 26k ledger entries, 2M audit events. Idempotent. DEBUG only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", type=float, default=0.1, help="1 is the large operator; 0.1 a tenth (default).")
        parser.add_argument("--force", action="store_true", help="Seed even though DEBUG is off.")

    def handle(self, *args, size, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_scale creates accounts with a published password, so it runs only with DEBUG on. "
                "Use --force if this really is a benchmark database."
            )
        if size <= 0:
            raise CommandError("--size must be more than 0 (1 is the large operator, 0.1 a tenth).")
        started = time.monotonic()
        self.stdout.write(f"Seeding the scale operator at size {size:g}:")
        ScaleSeeder(size=size, report=self.stdout.write).run()
        self.stdout.write(self.style.SUCCESS(f"Scale data is ready in {time.monotonic() - started:.1f} s."))
        self.stdout.write(
            f"  Sign in as admin@{email_domain(SCALE_SLUG)}, manager1@…, coach1@…, resident1@… "
            f"(password {SCALE_PASSWORD})."
        )
