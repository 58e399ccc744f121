"""The compliance checklist of each residence (NARR-style domains, from its level), with status, evidence and
uploaded policy documents; and the record of certification reminders already sent.

The checklist's template is `CHECKLIST_REQUIREMENTS` below: each requirement applies from a minimum level, so a
level-3 home is asked everything a level-1 home is and more. The wording is Hearth's own, in the spirit of the
NARR standard's domains; it is a working list for an operator, not the certifier's official text.
"""

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel
from residences.homes.models import Level


class ComplianceDomain(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("Administrative and operational")
    PHYSICAL = "physical", _("Physical environment")
    RECOVERY_SUPPORT = "recovery_support", _("Recovery support")
    GOOD_NEIGHBOR = "good_neighbor", _("Good neighbor")


class ComplianceStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    MET = "met", _("Met")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


@dataclass(frozen=True)
class Requirement:
    code: str
    domain: str
    min_level: int
    text: str


_PEER, _SUPERVISED, _CLINICAL = Level.PEER_RUN, Level.SUPERVISED, Level.CLINICALLY_MANAGED

_TEMPLATE = {
    ComplianceDomain.ADMINISTRATIVE: [
        ("ADM-01", _PEER, "The home's mission and values are written down and shared with every resident."),
        (
            "ADM-02",
            _PEER,
            "Before moving in, residents receive the house rules, fees and refund terms in writing, "
            "and acknowledge them.",
        ),
        ("ADM-03", _PEER, "A written, fair process for broken rules and for a return to use, with a way to appeal."),
        ("ADM-04", _PEER, "Resident records are kept confidential: locked away on paper, behind sign-in in Hearth."),
        ("ADM-05", _SUPERVISED, "A named house manager with a written role and an emergency contact at all hours."),
        (
            "ADM-06",
            _SUPERVISED,
            "A written drug- and alcohol-screening policy, including how results are handled and shared.",
        ),
        ("ADM-07", _CLINICAL, "Staff credentials and trainings for their roles are on file and current."),
        (
            "ADM-08",
            _CLINICAL,
            "Policies for recovery plans, progress reviews and medication records, reviewed for "
            "quality at least yearly.",
        ),
    ],
    ComplianceDomain.PHYSICAL: [
        ("PHY-01", _PEER, "Working smoke detectors in every bedroom and on every floor, tested monthly."),
        (
            "PHY-02",
            _PEER,
            "Carbon monoxide detectors on every floor with fuel-burning equipment or an attached garage.",
        ),
        (
            "PHY-03",
            _PEER,
            "Fire extinguishers in the kitchen and on every floor, serviced yearly; evacuation routes posted.",
        ),
        ("PHY-04", _PEER, "The home is clean, in good repair, and meets local building, fire and occupancy codes."),
        (
            "PHY-05",
            _SUPERVISED,
            "Each resident has their own bed and storage, and there is shared space for the house to gather.",
        ),
        ("PHY-06", _SUPERVISED, "Evacuation drills are held and recorded at least every quarter."),
        ("PHY-07", _CLINICAL, "Medications are stored locked, with a log of who handled them and when."),
        ("PHY-08", _CLINICAL, "A private room for counseling and clinical conversations."),
    ],
    ComplianceDomain.RECOVERY_SUPPORT: [
        ("REC-01", _PEER, "House meetings are held regularly and residents share in running the house."),
        ("REC-02", _PEER, "Residents are linked with peer support, mutual-aid meetings and community resources."),
        ("REC-03", _PEER, "Naloxone is on hand, and residents know where it is and how to use it."),
        (
            "REC-04",
            _PEER,
            "People on medication for addiction treatment (MAT) are welcomed and supported, by written policy.",
        ),
        ("REC-05", _SUPERVISED, "Each resident has a personal recovery plan with goals, reviewed with them regularly."),
        (
            "REC-06",
            _SUPERVISED,
            "Life-skills learning (budgeting, job readiness, time management) is offered or linked to.",
        ),
        ("REC-07", _CLINICAL, "Clinical services are delivered by credentialed staff and documented."),
        ("REC-08", _CLINICAL, "Progress reviews happen on schedule, and planning for moving on starts early."),
    ],
    ComplianceDomain.GOOD_NEIGHBOR: [
        ("NEI-01", _PEER, "A named person neighbors can reach about the house, at a number that is answered."),
        ("NEI-02", _PEER, "Parking, noise, smoking and trash are covered by the house rules and kept."),
        ("NEI-03", _PEER, "Neighbors' complaints are logged and answered promptly."),
        ("NEI-04", _PEER, "The outside of the home is kept tidy and in good repair."),
        ("NEI-05", _SUPERVISED, "Residents learn how the house is a good neighbor during orientation."),
        ("NEI-06", _SUPERVISED, "The house takes part in or hosts a community activity at least yearly."),
        (
            "NEI-07",
            _CLINICAL,
            "Working relationships with local emergency services and treatment providers are documented.",
        ),
        ("NEI-08", _CLINICAL, "The operator reviews the good-neighbor log every quarter and acts on patterns."),
    ],
}

CHECKLIST_REQUIREMENTS: tuple[Requirement, ...] = tuple(
    Requirement(code=code, domain=domain, min_level=min_level, text=text)
    for domain, rows in _TEMPLATE.items()
    for code, min_level, text in rows
)

# The checklist each level asks for: everything from its own level down.
CHECKLIST_BY_LEVEL: dict[int, tuple[Requirement, ...]] = {
    level: tuple(requirement for requirement in CHECKLIST_REQUIREMENTS if requirement.min_level <= level)
    for level in Level.values
}

# --- Uploaded documents ----------------------------------------------------------------------------------------

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# The first bytes each allowed type starts with: an extension alone is only a claim.
DOCUMENT_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
}
DOCUMENT_TYPES_TEXT = "a PDF, PNG, JPG or Word (.docx) file"


def validate_compliance_document(file) -> None:
    """A PDF, PNG, JPG or .docx file of at most 10 MB whose contents match its name."""
    extension = PurePath(file.name or "").suffix.lower()
    if extension not in DOCUMENT_SIGNATURES:
        raise ValidationError(
            f"Upload {DOCUMENT_TYPES_TEXT}. Other kinds of files cannot be kept as evidence.", code="document_type"
        )
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            f"This file is {file.size / (1024 * 1024):.1f} MB; a document can be at most 10 MB. "
            "Save or scan it smaller, or split it into parts.",
            code="document_size",
        )
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    looks_right = head.startswith(DOCUMENT_SIGNATURES[extension])
    if looks_right and extension == ".docx":
        try:
            with zipfile.ZipFile(file) as archive:
                looks_right = "word/document.xml" in archive.namelist()
        except zipfile.BadZipFile:
            looks_right = False
        file.seek(0)
    if not looks_right:
        raise ValidationError(
            f"This file's name ends in {extension}, but its contents are not {DOCUMENT_TYPES_TEXT}. "
            "Save it again from the program that made it, and upload that.",
            code="document_contents",
        )


def compliance_document_path(item, filename: str) -> str:
    """A random name under residences/compliance/: the original name (which may name a person) stays in the DB."""
    extension = PurePath(filename).suffix.lower()
    return f"residences/compliance/{item.organization_id}/{item.residence_id}/{uuid.uuid4().hex}{extension}"


class ComplianceItem(TenantModel):
    """One requirement of a residence's checklist, with where the house stands on it and the evidence."""

    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="compliance_items")
    code = models.CharField(max_length=20, help_text=_("The requirement's code in the checklist template."))
    domain = models.CharField(max_length=20, choices=ComplianceDomain.choices)
    requirement = models.TextField(max_length=1000)
    min_level = models.PositiveSmallIntegerField("applies from level", choices=Level.choices)
    status = models.CharField(max_length=20, choices=ComplianceStatus.choices, default=ComplianceStatus.NOT_STARTED)
    evidence_notes = models.TextField(max_length=4000, blank=True)
    document = models.FileField(
        upload_to=compliance_document_path, max_length=200, blank=True, validators=[validate_compliance_document]
    )
    document_name = models.CharField("document's original name", max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["residence", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "residence", "code"], name="compliance_item_once_per_home"),
            models.CheckConstraint(
                condition=models.Q(domain__in=ComplianceDomain.values), name="compliance_domain_is_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ComplianceStatus.values), name="compliance_status_is_known"
            ),
            models.CheckConstraint(condition=models.Q(min_level__in=[1, 2, 3]), name="compliance_level_1_to_3"),
        ]

    def __str__(self):
        return self.code


class CertificationReminder(TenantModel):
    """A reminder sent about a residence's certification lapsing: the unique key that makes sending idempotent."""

    residence = models.ForeignKey(
        "residences.Residence", on_delete=models.CASCADE, related_name="certification_reminders"
    )
    expires_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "residence", "expires_on", "days_before"],
                name="one_certification_reminder_per_step",
            ),
        ]

    def __str__(self):
        return f"Certification reminder {self.days_before} days before {self.expires_on:%Y-%m-%d}"
