"""The verbs of drug and alcohol tests: the random draw (a recorded seed, pool and picks that anyone can re-run),
the rate check, recording results, whether a positive is a return to use (not when prescribed), and the home's
response steps after a positive or a refusal."""

import random
import secrets
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from governance.accountability.services import notify_once
from governance.drug_tests.models import (
    DrugTest,
    Outcome,
    RandomDraw,
    ResponseStepKind,
    TestingPolicy,
    TestReason,
    TestResponseStep,
    TestResult,
)
from governance.ladder.services import record_violation
from recovery.errors import DomainError
from residences.homes.selectors import house_managers_of, residents_living_in
from residents.medications.models import Medication

DAYS_PER_MONTH = Decimal("365") / Decimal("12")
MAX_TESTS_PER_WEEK_WITHOUT_REASON = 2

# The names a prescription goes by, for each substance a panel can report; MAT kinds match by their own value.
PRESCRIBED_AS = {
    "buprenorphine": ("buprenorphine", "suboxone", "subutex", "sublocade", "zubsolv", "brixadi"),
    "methadone": ("methadone", "methadose"),
    "benzodiazepines": ("alprazolam", "clonazepam", "diazepam", "lorazepam", "xanax", "klonopin", "valium", "ativan"),
    "amphetamines": ("amphetamine", "adderall", "vyvanse", "lisdexamfetamine", "dexedrine"),
    "opioids": ("oxycodone", "hydrocodone", "morphine", "codeine", "tramadol", "hydromorphone"),
}


class TestingProblem(DomainError):
    pass


TestingProblem.__test__ = False  # not a pytest class, despite its name


# --- The rate and the random draw -------------------------------------------------------------------------------


def tests_per_week(rate_per_month) -> Decimal:
    return Decimal(rate_per_month) * Decimal("12") / Decimal("52")


def rate_needs_reason(rate_per_month) -> bool:
    """A rate that would test a resident more than twice a week on average needs a written reason."""
    return tests_per_week(rate_per_month) > MAX_TESTS_PER_WEEK_WITHOUT_REASON


def policy_of(residence) -> TestingPolicy:
    policy = TestingPolicy.objects.filter(residence=residence).first()
    if policy is None:
        try:
            with transaction.atomic():
                policy = TestingPolicy.objects.create(residence=residence)
        except IntegrityError:
            policy = TestingPolicy.objects.get(residence=residence)
    return policy


def set_random_rate(*, residence, rate_per_month, reason: str = "", ladder_on_positive=None, ladder_on_refusal=None):
    """Set the home's random-test rate. Above twice a week per resident, refuse without a reason."""
    rate = Decimal(rate_per_month)
    if rate < 0:
        raise TestingProblem("The rate cannot be below zero.")
    if rate_needs_reason(rate) and not reason.strip():
        raise TestingProblem(
            "This rate would test a resident more than twice a week. Write down why the home needs it, or choose "
            "a lower rate."
        )
    with transaction.atomic():
        policy = policy_of(residence)
        policy.high_rate_reason = reason.strip() if rate_needs_reason(rate) else policy.high_rate_reason
        if ladder_on_positive is not None:
            policy.ladder_on_positive = ladder_on_positive
        if ladder_on_refusal is not None:
            policy.ladder_on_refusal = ladder_on_refusal
        policy.save()
        residence.random_tests_per_month = rate
        residence.save(update_fields=["random_tests_per_month"])
    return policy


def pick(*, seed: str, pool: list[int], rate_per_month) -> list[int]:
    """The draw itself, a pure function: random.Random(seed) over the pool (ids in ascending order).

    Each day's expected number of tests is pool size x rate / days in a month; the whole part is always drawn
    and the fraction decides one more, so over many days each resident is tested `rate` times a month.
    """
    pool = sorted(pool)
    rng = random.Random(seed)  # noqa: S311 - a draw must be re-runnable from its seed; it is not a secret
    expected = len(pool) * float(rate_per_month) / float(DAYS_PER_MONTH)
    count = int(expected)
    if rng.random() < expected - count:
        count += 1
    return sorted(rng.sample(pool, min(count, len(pool))))


def verify_draw(draw: RandomDraw) -> bool:
    """Re-run the draw from its seed and pool: True when it gives the same picks."""
    return pick(seed=draw.seed, pool=draw.pool, rate_per_month=draw.rate_per_month) == draw.picks


def _pool(residence, *, day: date) -> list[int]:
    return sorted(residents_living_in(residence, on=day).values_list("pk", flat=True))


def draw_random_tests(*, residence, day: date, seed: str | None = None) -> RandomDraw:
    """Draw the home's random tests for `day`, once (a second call returns the first draw), and create a test
    for each pick, telling the home's managers in the same transaction. A rate above twice a week without a
    written reason is refused (TestingProblem)."""
    existing = RandomDraw.objects.filter(residence=residence, drawn_for=day).first()
    if existing is not None:
        return existing
    rate = residence.random_tests_per_month
    if rate_needs_reason(rate) and not policy_of(residence).high_rate_reason.strip():
        raise TestingProblem("This home's test rate is above twice a week and no reason is written down.")
    pool = _pool(residence, day=day)
    seed = seed or secrets.token_hex(16)
    picks = pick(seed=seed, pool=pool, rate_per_month=rate)
    # The draw (the day's unique key) and the notice to the managers commit together: when notifying fails the
    # draw is rolled back, so the next run draws and tells them instead of returning a draw nobody heard of.
    with transaction.atomic():
        try:
            with transaction.atomic():
                draw = RandomDraw.objects.create(
                    residence=residence, drawn_for=day, rate_per_month=rate, seed=seed, pool=pool, picks=picks
                )
                DrugTest.objects.bulk_create(
                    DrugTest(
                        resident_id=resident_id, residence=residence, reason=TestReason.RANDOM, draw=draw, due_on=day
                    )
                    for resident_id in picks
                )
        except IntegrityError:
            return RandomDraw.objects.get(residence=residence, drawn_for=day)
        if picks:
            url = reverse("governance:drug_test_draw", kwargs={"pk": draw.pk})
            for person in house_managers_of(residence):
                notify_once(
                    key=f"draw:{draw.pk}",
                    recipient=person,
                    kind="drug_test.drawn",
                    title="Today's random tests are drawn",
                    url=url,
                )
    return draw


# --- Tests and results ------------------------------------------------------------------------------------------


def schedule_test(*, resident, residence, due_on: date, kind: str, reason: str = TestReason.SCHEDULED) -> DrugTest:
    return DrugTest.objects.create(resident=resident, residence=residence, due_on=due_on, kind=kind, reason=reason)


def prescribed_substances(resident, *, on: date) -> set[str]:
    """The substances the resident's medications (MAT included) would explain on `on`."""
    medications = Medication.objects.filter(resident=resident).filter(
        Q(started_on__isnull=True) | Q(started_on__lte=on), Q(stopped_on__isnull=True) | Q(stopped_on__gte=on)
    )
    explained = set()
    for medication in medications:
        if medication.mat_kind:
            explained.add(medication.mat_kind)
        name = medication.name.lower()
        for substance, names in PRESCRIBED_AS.items():
            if any(known in name for known in names):
                explained.add(substance)
    return explained


def is_return_to_use(test: DrugTest) -> bool:
    """A positive for a substance the resident is not prescribed. A prescribed one (buprenorphine for a MAT
    patient) is not a return to use; a refusal is not a positive (it has its own response)."""
    positives = {r.substance for r in test.results.all() if r.outcome == Outcome.POSITIVE}
    if not positives:
        return False
    on = timezone.localdate(test.collected_at) if test.collected_at else test.due_on
    return bool(positives - prescribed_substances(test.resident, on=on))


def record_results(
    *,
    test: DrugTest,
    results: dict[str, str],
    by,
    observed_by_name: str = "",
    lab_confirmation: str = "",
    lab_reference: str = "",
    collected_at=None,
) -> DrugTest:
    """Record a test's results per substance. A positive that is not prescribed, or a refusal, starts the home's
    response steps (safety first, a plan review, a referral when needed, the ladder where the policy says)."""
    if not results:
        raise TestingProblem("Record at least one result (or that the test was refused).")
    with transaction.atomic():
        test = DrugTest.objects.select_for_update().get(pk=test.pk)
        if test.collected_at is not None:
            raise TestingProblem("Results for this test are already recorded. Ask an admin to correct them.")
        TestResult.objects.bulk_create(
            TestResult(test=test, substance=substance, outcome=outcome) for substance, outcome in results.items()
        )
        test.collected_at = collected_at or timezone.now()
        test.observed_by = by
        test.observed_by_name = observed_by_name
        if lab_confirmation:
            test.lab_confirmation = lab_confirmation
        test.lab_reference = lab_reference
        test.return_to_use = is_return_to_use(test)
        test.save()
        refused = any(outcome == Outcome.REFUSED for outcome in results.values())
        if test.return_to_use or refused:
            start_response(test=test, refused=refused, by=by)
    return test


def confirm_by_lab(*, test: DrugTest, lab_confirmation: str, lab_reference: str = "") -> DrugTest:
    test.lab_confirmation, test.lab_reference = lab_confirmation, lab_reference
    test.save(update_fields=["lab_confirmation", "lab_reference"])
    return test


def start_response(*, test: DrugTest, refused: bool, by) -> list[TestResponseStep]:
    """Open the response steps of a positive (not prescribed) or refused test; the ladder only if policy says."""
    policy = policy_of(test.residence)
    kinds = [ResponseStepKind.SAFETY, ResponseStepKind.PLAN_REVIEW, ResponseStepKind.REFERRAL]
    use_ladder = policy.ladder_on_refusal if refused else policy.ladder_on_positive
    steps = [TestResponseStep.objects.get_or_create(test=test, kind=kind)[0] for kind in kinds]
    if use_ladder:
        violation = record_violation(
            resident=test.resident,
            residence=test.residence,
            rule="Drug and alcohol testing" if refused else "Substance-free house",
            evidence=f"{'Refused' if refused else 'Positive'} {test.get_kind_display().lower()} test on "
            f"{test.due_on:%b %-d, %Y}.",
            occurred_on=test.due_on,
            by=by,
            source="drug_test",
        )
        step, _ = TestResponseStep.objects.get_or_create(test=test, kind=ResponseStepKind.LADDER)
        step.violation = violation
        step.save(update_fields=["violation"])
        steps.append(step)
    if test.resident.user_id is not None:
        notify_once(
            key=f"test-response:{test.pk}",
            recipient=test.resident.user,
            kind="drug_test.response",
            title="Your house would like to talk with you, and support you",
            url=reverse("governance:my_accountability"),
        )
    return steps


def finish_response_step(*, step: TestResponseStep, note: str = "") -> TestResponseStep:
    step.note, step.done_at = note, step.done_at or timezone.now()
    step.save(update_fields=["note", "done_at"])
    return step
