"""Measure Hearth's key pages on the scale operator (issue 20): `manage.py bench` (or `make bench`).

How it measures is in `governance.scale.bench`; seed the data first with `manage.py seed_scale --size 0.1`.
ApacheBench does the load: on Debian or Ubuntu, `apt-get install apache2-utils`.
"""

from django.core.management.base import BaseCommand, CommandError

from governance.scale.bench import BenchProblem, format_report, run_benchmark
from governance.scale.dispatch import NoOneToRemind, time_reminders
from governance.scale.profile import profile_pages
from governance.scale.seed import SCALE_SLUG
from peer_support.checkins.models import CheckIn
from recovery.audit.models import AuditEvent
from recovery.models import Organization
from recovery.tenancy import tenant_scope
from residences.models import Residence, Stay


class Command(BaseCommand):
    help = (
        "Load each key page on a production-shaped server (gunicorn, 2 sync workers, DEBUG off) at 16 connections; "
        "print req/s, p50/p95/p99, the share of a trivial view's throughput and the query count per page."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organization", default=SCALE_SLUG, help="The seeded organization's slug.")
        parser.add_argument("--requests", type=int, default=400, help="Requests per page (default 400).")
        parser.add_argument("--concurrency", type=int, default=16, help="Connections at once (default 16).")
        parser.add_argument("--quick", action="store_true", help="A few requests on the yardsticks and one page.")
        parser.add_argument(
            "--profile",
            metavar="PAGE",
            help="Instead of the load: profile one key page (part of its name; `all`: every page) in this process.",
        )
        parser.add_argument(
            "--reminders",
            type=int,
            metavar="N",
            help="Instead of the pages: time N check-in reminders against N no-op tasks (eager, rolled back).",
        )
        parser.add_argument("--sort", default="cumulative", help="With --profile: cProfile's sort key.")
        parser.add_argument("--callers", default="", help="With --profile: list who calls the functions matching this.")

    def handle(self, *args, organization, requests, concurrency, quick=False, profile=None, **options):
        found = Organization.objects.filter(slug=organization).first()
        if found is None:
            raise CommandError(f"No organization {organization!r}: run `manage.py seed_scale --size 0.1` first.")
        if options["reminders"]:
            try:
                timing = time_reminders(found, tasks=options["reminders"])
            except NoOneToRemind as problem:
                raise CommandError(str(problem)) from problem
            for line in timing.lines():
                self.stdout.write(line)
            return
        if profile:
            try:
                report = profile_pages(
                    found, profile, requests=min(requests, 50), sort=options["sort"], callers=options["callers"]
                )
            except BenchProblem as problem:
                raise CommandError(str(problem)) from problem
            self.stdout.write(report)
            return
        if quick:
            requests = min(requests, 32)
        with tenant_scope(found):
            self.stdout.write(
                f"Data: {Residence.objects.count():,} homes, {Stay.objects.filter(move_out__isnull=True).count():,} "
                f"current stays, {Stay.objects.count():,} stays, {CheckIn.objects.count():,} check-ins, "
                f"{AuditEvent.objects.filter(organization=found).count():,} audit events."
            )
        self.stdout.write(
            f"Load: {requests} requests per page at {concurrency} connections (ApacheBench); times in ms."
        )
        try:
            results = run_benchmark(found, requests=requests, concurrency=concurrency, quick=quick)
        except BenchProblem as problem:
            raise CommandError(str(problem)) from problem
        for line in format_report(results):
            self.stdout.write(line)
