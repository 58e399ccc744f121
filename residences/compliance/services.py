"""Compliance's verbs: create a home's checklist from its level, update an item with its evidence, build the
certification packet, and remind admins before a certification lapses (once per step)."""

import io
import zipfile
from datetime import date, timedelta
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify

from recovery.errors import DomainError
from recovery.models import Membership, Role
from recovery.notifications.services import notify
from recovery.tenancy import home_today
from residences.compliance.models import CHECKLIST_BY_LEVEL, ComplianceStatus, validate_compliance_document
from residences.compliance.selectors import checklist
from residences.house_rules.selectors import acknowledgement_counts, current_rules
from residences.models import CertificationReminder, ComplianceItem, Residence
from residences.operations.selectors import good_neighbor_contact, neighbor_complaints, safety_inspections

# Days before a certification lapses that the organization's admins are reminded, furthest first.
REMINDER_DAYS = (60, 14)
REMINDER_KIND = "residences.certification_expiring"


class ComplianceProblem(DomainError):
    pass


def create_checklist_for(*, residence: Residence) -> int:
    """Add the requirements of the home's level that it does not have yet; returns how many were added.

    Safe to run again (and after raising a home's level, to add what the new level asks): items already there,
    and their status and evidence, are left as they are.
    """
    with transaction.atomic():
        residence = Residence.objects.select_for_update().get(pk=residence.pk)
        existing = set(ComplianceItem.objects.filter(residence=residence).values_list("code", flat=True))
        missing = [
            ComplianceItem(
                residence=residence,
                code=requirement.code,
                domain=requirement.domain,
                requirement=requirement.text,
                min_level=requirement.min_level,
            )
            for requirement in CHECKLIST_BY_LEVEL[residence.level]
            if requirement.code not in existing
        ]
        ComplianceItem.objects.bulk_create(missing)
    return len(missing)


def _document_name(uploaded) -> str:
    name = get_valid_filename(PurePath(uploaded.name).name) or "document"
    stem, suffix = PurePath(name).stem, PurePath(name).suffix.lower()
    return f"{stem[: 200 - len(suffix)]}{suffix}"


def update_compliance_item(
    *,
    item: ComplianceItem,
    status: str,
    evidence_notes: str = "",
    document=None,
    remove_document: bool = False,
    by=None,
) -> ComplianceItem:
    """Set where the home stands on one requirement, with its evidence.

    A document must be a PDF, PNG, JPG or .docx file of at most 10 MB. "Met" needs evidence: a note or a
    document. A replaced or removed document's file is deleted once the change is saved.
    """
    if status not in ComplianceStatus.values:
        raise ComplianceProblem("Choose a status: not started, in progress, met, or not applicable.")
    if document is not None:
        try:
            validate_compliance_document(document)
        except ValidationError as error:
            raise ComplianceProblem(" ".join(error.messages)) from error
    evidence_notes = evidence_notes.strip()
    with transaction.atomic():
        item = ComplianceItem.objects.select_for_update().get(pk=item.pk)
        old_file = item.document.name if item.document and (document is not None or remove_document) else ""
        keeps_document = document is not None or (bool(item.document) and not remove_document)
        if status == ComplianceStatus.MET and not evidence_notes and not keeps_document:
            raise ComplianceProblem("To mark this met, add evidence: a note on how it is met, or a document.")
        item.status, item.evidence_notes, item.updated_by = status, evidence_notes, by
        if document is not None:
            item.document_name = _document_name(document)
            item.document.save(document.name, document, save=False)
        elif remove_document:
            item.document, item.document_name = "", ""
        item.save()
        if old_file:
            storage = item.document.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return item


# --- The certification packet ---------------------------------------------------------------------------------


def packet_filename(residence: Residence, *, today: date, extension: str = "zip") -> str:
    """The packet's file name: the home and the day (a home's name is not a person's)."""
    return f"certification-packet-{slugify(residence.name) or residence.pk}-{today:%Y-%m-%d}.{extension}"


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        path = PurePath(name)
        candidate, n = f"{path.parent}/{path.stem}-{n}{path.suffix}", n + 1
    taken.add(candidate)
    return candidate


def packet_index_context(*, residence: Residence, today: date | None = None) -> dict:
    """What the packet's index shows (`residences/compliance/packet_index.html`): the home, its level and
    certification, every checklist item with status and evidence (each document's name inside the ZIP as
    `item.packet_path`), the last 12 months of safety inspections, the current house rules with how many living
    there have acknowledged them, the good-neighbor log's counts. Names no resident: acknowledgements are counted,
    not listed. `today` is the home's day (default: `home_today`)."""
    today = today or home_today(residence)
    since = today - timedelta(days=365)
    rules = current_rules(residence)
    the_checklist = checklist(residence)
    complaints = list(neighbor_complaints(residence, since=since))

    taken: set[str] = {"index.html"}
    for item in the_checklist.items:
        item.packet_path = ""
        if item.document:
            label = item.document_name or f"document{PurePath(item.document.name).suffix}"
            item.packet_path = _unique(f"documents/{item.code} {label}", taken)
    return {
        "residence": residence,
        "today": today,
        "since": since,
        "checklist": the_checklist,
        "inspections": list(safety_inspections(residence, since=since)),
        "rules": rules,
        "rules_file": _unique(f"house-rules-v{rules.version}.txt", taken) if rules else "",
        "acknowledgements": acknowledgement_counts(residence, rules, today=today),
        "contact": good_neighbor_contact(residence),
        "complaint_count": len(complaints),
        "answered_count": sum(1 for complaint in complaints if complaint.response),
    }


def build_certification_packet(*, residence: Residence, today: date | None = None) -> bytes:
    """A ZIP to hand to a certifier: the index (`packet_index_context`) and every uploaded document.

    Names no resident: acknowledgements are counted, not listed.
    """
    context = packet_index_context(residence=residence, today=today)
    index = render_to_string("residences/compliance/packet_index.html", context)
    rules, rules_file, the_checklist = context["rules"], context["rules_file"], context["checklist"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", index)
        if rules:
            archive.writestr(rules_file, rules.text)
        for item in the_checklist.items:
            if item.packet_path:
                try:
                    with item.document.open("rb") as stored:
                        archive.writestr(item.packet_path, stored.read())
                except FileNotFoundError:
                    archive.writestr(f"{item.packet_path}.missing.txt", "This document's file could not be found.")
    return buffer.getvalue()


# --- Certification reminders ----------------------------------------------------------------------------------


def reminder_step_due(*, expires_on: date, today: date) -> int | None:
    """The reminder step due today for a certification lapsing on `expires_on`: the nearest step already reached
    (so a home whose expiry is first entered 10 days out gets the 14-day reminder, not the 60-day one too), or
    None when it is further out than every step, or has already lapsed."""
    days_left = (expires_on - today).days
    if days_left < 0:
        return None
    reached = [days for days in REMINDER_DAYS if days_left <= days]
    return min(reached) if reached else None


def send_certification_reminder(*, residence: Residence, today: date | None = None, now=None) -> int:
    """Remind the organization's admins that the home's certification lapses soon; returns how many were notified.

    Once per residence, expiry date and step: the step's `CertificationReminder` row is the unique key, written in
    the same transaction as the notifications, so running twice (or in two workers at once) notifies once.
    """
    today = today or home_today(residence)
    expires_on = residence.certification_expires_on
    if expires_on is None:
        return 0
    days_before = reminder_step_due(expires_on=expires_on, today=today)
    if days_before is None:
        return 0
    with transaction.atomic():
        try:
            with transaction.atomic():
                CertificationReminder.objects.create(
                    residence=residence, expires_on=expires_on, days_before=days_before, sent_at=now or timezone.now()
                )
        except IntegrityError:
            return 0  # this step was already sent
        admins = [
            membership.user
            for membership in Membership.objects.filter(
                role=Role.ADMIN, is_active=True, user__is_active=True
            ).select_related("user")
        ]
        days_left = (expires_on - today).days
        for admin in admins:
            notify(
                recipient=admin,
                kind=REMINDER_KIND,
                title=f"{residence.name}: certification lapses in {days_left} days",
                body=(
                    f"The certification of {residence.name} lapses on {expires_on:%B %-d, %Y}. The compliance "
                    "checklist and the certification packet are ready when you are."
                ),
                url=reverse("residences:compliance", kwargs={"residence_pk": residence.pk}),
            )
    return len(admins)
