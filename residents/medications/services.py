"""Medications and the MAT storage log: movements and counts, reconciled against what is expected."""

from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from recovery.errors import DomainError
from recovery.tenancy import organization_today  # noqa: F401 - one clock for every part; callers use services.organization_today()
from residences.ledger.selectors import residence_of_stay
from residents.medications.models import MatLogKind, MatStorageLog, Medication


class MedicationProblem(DomainError):
    pass


def add_medication(*, resident, name, prescriber, dose="", mat_kind="", stored_on_site=False, started_on=None):
    """Record a medication and its prescriber. MAT kept on site needs a home whose policy stores it on site."""
    from residences.models import MATStorage

    if stored_on_site:
        stay = resident.stays.filter(move_out__isnull=True).first()
        residence = residence_of_stay(stay) if stay else None
        if residence is not None and residence.mat_storage == MATStorage.OFF_SITE_ONLY:
            raise MedicationProblem(
                f"{residence.name} keeps no medication on site. Note where the resident keeps it instead "
                "(for example, at the clinic)."
            )
    return Medication.objects.create(
        resident=resident,
        name=name,
        prescriber=prescriber,
        dose=dose,
        mat_kind=mat_kind,
        stored_on_site=stored_on_site,
        started_on=started_on,
    )


def _locked(medication) -> Medication:
    medication = Medication.objects.select_for_update().get(pk=medication.pk)
    if not medication.stored_on_site:
        raise MedicationProblem("This medication is not kept in the house's locked storage, so it has no log here.")
    return medication


def expected_count(medication, *, at=None):
    """What should be in storage now (or at `at`): the last count, plus what came in, less what went out since."""
    log = MatStorageLog.objects.filter(medication=medication)
    if at is not None:
        log = log.filter(at__lte=at)
    last_count = log.filter(kind=MatLogKind.COUNT).order_by("-at", "-pk").first()
    expected = last_count.counted if last_count else Decimal("0")
    since = log.exclude(kind=MatLogKind.COUNT)
    if last_count is not None:
        since = since.filter(Q(at__gt=last_count.at) | Q(at=last_count.at, pk__gt=last_count.pk))
    for kind, quantity in since.values_list("kind", "quantity"):
        expected += quantity if kind == MatLogKind.RECEIVED else -quantity
    return expected


def record_mat_movement(*, medication, kind, quantity, by, at=None, observed_by_name="", note="") -> MatStorageLog:
    """Log medication into or out of locked storage; a self-administration needs who observed it."""
    if kind == MatLogKind.COUNT:
        raise ValueError("Use record_mat_count() for counts.")
    if quantity is None or quantity <= 0:
        raise MedicationProblem("Enter how much, above zero.")
    if kind == MatLogKind.SELF_ADMINISTERED and not observed_by_name.strip():
        raise MedicationProblem("Write who observed the self-administration.")
    with transaction.atomic():
        medication = _locked(medication)
        return MatStorageLog.objects.create(
            medication=medication,
            kind=kind,
            quantity=quantity,
            at=at or timezone.now(),
            recorded_by=by,
            observed_by_name=observed_by_name.strip(),
            note=note,
        )


def record_mat_count(*, medication, counted, by, witness_name="", at=None, note="") -> MatStorageLog:
    """Record a count of what is in storage, keeping what the log expected; one that differs is flagged."""
    if counted is None or counted < 0:
        raise MedicationProblem("Enter the number counted (zero or more).")
    with transaction.atomic():
        medication = _locked(medication)
        at = at or timezone.now()
        entry = MatStorageLog.objects.create(
            medication=medication,
            kind=MatLogKind.COUNT,
            counted=counted,
            expected=expected_count(medication, at=at),
            at=at,
            recorded_by=by,
            observed_by_name=witness_name.strip(),
            note=note,
        )
    return entry


def unreconciled_counts():
    """Counts that did not match the log, newest first: for the house manager's attention."""
    return (
        MatStorageLog.objects.filter(kind=MatLogKind.COUNT)
        .exclude(counted=F("expected"))
        .select_related("medication__resident")
        .order_by("-at")
    )
