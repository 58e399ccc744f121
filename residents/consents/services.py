"""Granting and revoking consents, and disclosing under them (42 CFR Part 2, §§ 2.31 and 2.32).

A consent drafted by staff waits for a signature and allows nothing until then. Only two acts sign it: the
resident, signed in on their own account (`sign_consent`), or a staff member recording a signature the resident
gave in front of them (`record_in_person_signature`, with how it was made and who witnessed it).

Whether a consent allows anything is asked in one place, `consent_problem` (and `is_in_force` over it): every
disclosure and every consent-gated record reads it. Every expiry a consent can carry is enforced there through
`expiry_of` (issue 14, item 7): its date; an event Hearth knows (the end of the stay it was drafted in — move-out
or discharge — or the end of the phase they were in) by itself, on the day it comes; another event, which Hearth
cannot know, by staff confirming at each disclosure that it has not happened (`disclose(event_not_happened=True)`)
and marking it as happened when it does (`mark_expiry_event_happened`), which ends the consent.

Every disclosure goes through `disclose`: it refuses unless the consent is signed, unexpired, not revoked for that
recipient and covers every class disclosed; it writes the disclosure log and an audit EXPORT event. Every document
handed over is rendered by `render_disclosure_document`, which carries the redisclosure notice and says how the
consent was signed.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from recovery.audit import recorder
from recovery.audit.models import AuditEvent
from recovery.errors import DomainError
from recovery.exports import REDISCLOSURE_NOTICE
from recovery.tenancy import current_organization, organization_today
from residences.compliance.models import validate_compliance_document
from residences.homes.selectors import stay_has_ended
from residences.stays.selectors import open_stay_of
from residents.consents.models import (
    DEFAULT_REVOCATION_TERMS,
    STAY_EXPIRY_EVENTS,
    Consent,
    ConsentRecipient,
    Disclosure,
    DisclosureChannel,
    ExpiryEvent,
    InPersonMethod,
    SignatureMethod,
)
from residents.phases.services import current_step
from residents.sensitivity import InfoClass

# The notice of 42 CFR § 2.32(a)(1) lives with the exports (recovery.exports), which carry it too.

ACCOUNTING_YEARS = 3
# What `expiry_of` and `Consent.expiry_text` read: join them wherever consents are listed.
CONSENT_EXPIRY_JOINS = ("expiry_stay", "expiry_phase_step__phase")


class ConsentProblem(DomainError):
    """A consent cannot be granted, or does not allow this disclosure."""


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


MOVE_OUT_WORDS = re.compile(r"\bmov(e|es|ed|ing)\s+out\b|\bleav(e|es|ing)\s+the\s+(house|home|program)\b", re.I)
DISCHARGE_WORDS = re.compile(r"\bdischarg", re.I)


def _kind_for_words(words: str, resident) -> str:
    """The ExpiryEvent that typed words name: a move-out or discharge when they say so and the resident has a
    current stay to end; any other words, another event; no words, none."""
    if not words:
        return ""
    if MOVE_OUT_WORDS.search(words) and open_stay_of(resident) is not None:
        return ExpiryEvent.MOVE_OUT
    if DISCHARGE_WORDS.search(words) and open_stay_of(resident) is not None:
        return ExpiryEvent.DISCHARGE
    return ExpiryEvent.OTHER


def grant_consent(
    *,
    resident,
    discloser: str,
    information_classes: list[str],
    information_description: str,
    purpose: str,
    recipients: list[tuple[str, str]],
    expires_on: date | None = None,
    expiry_kind: str = "",
    expiry_event: str = "",
    revocation_terms: str = DEFAULT_REVOCATION_TERMS,
    by=None,
) -> Consent:
    """Draft a consent with every element § 2.31 asks for; `recipients` are (name, role) pairs.

    The expiry (§ 2.31(a)(6)) is a date (`expires_on`, a date in the organization's time zone, the last day the
    consent holds), an event (`expiry_kind`, an ExpiryEvent), or both, whichever comes first. A move-out or
    discharge is tied to the resident's current stay, the end of a phase to their current phase step: both must
    exist. Another event needs its words (`expiry_event`). Words given without a kind that name a move-out or a
    discharge, for a resident with a current stay, are that event (Hearth enforces it); any other words are another
    event (as migration 0010 read the consents drafted before kinds existed).

    The consent waits for the resident's signature and allows no disclosure until then: whoever drafts it cannot
    sign it (§ 2.31(a)(8): the signature is the patient's). Raises ConsentProblem when an element is missing."""
    classes = sorted(set(information_classes))
    if not classes or not set(classes) <= set(InfoClass.values):
        raise ConsentProblem("Choose which kinds of information the consent covers.")
    if not information_description.strip() or not purpose.strip() or not discloser.strip():
        raise ConsentProblem("Say who may disclose, exactly what information, and for what purpose.")
    recipients = [(name.strip(), role.strip()) for name, role in recipients if name.strip()]
    if not recipients:
        raise ConsentProblem("Name at least one recipient: the person or organization the information goes to.")
    expiry_event = expiry_event.strip()
    expiry_kind = expiry_kind or _kind_for_words(expiry_event, resident)
    if expiry_kind not in ("", *ExpiryEvent.values):
        raise ConsentProblem("Choose the event on which the consent expires from the list.")
    if expires_on is None and not expiry_kind:
        raise ConsentProblem("Give the date or the event on which the consent expires.")
    if expires_on is not None and expires_on < organization_today():
        raise ConsentProblem("The expiry date has already passed; choose a later date.")
    if expiry_kind == ExpiryEvent.OTHER and not expiry_event:
        raise ConsentProblem("Describe the event on which the consent expires, for example “the end of probation”.")
    expiry_stay = expiry_phase_step = None
    if expiry_kind in STAY_EXPIRY_EVENTS or expiry_kind == ExpiryEvent.PHASE_END:
        expiry_stay = open_stay_of(resident)
        if expiry_stay is None:
            raise ConsentProblem("They have no current stay to move out of; give a date or another event.")
    if expiry_kind == ExpiryEvent.PHASE_END:
        expiry_phase_step = current_step(expiry_stay)
        if expiry_phase_step is None:
            raise ConsentProblem("They are in no phase now; give a date or another event.")
        expiry_stay = None
    with transaction.atomic():
        consent = Consent.objects.create(
            resident=resident,
            discloser=discloser.strip(),
            information_classes=classes,
            information_description=information_description.strip(),
            purpose=purpose.strip(),
            revocation_terms=revocation_terms.strip() or DEFAULT_REVOCATION_TERMS,
            expires_on=expires_on,
            expiry_kind=expiry_kind,
            expiry_event=expiry_event,
            expiry_stay=expiry_stay,
            expiry_phase_step=expiry_phase_step,
            created_by=by,
        )
        for name, role in recipients:
            ConsentRecipient.objects.create(consent=consent, name=name, role=role)
    return consent


def sign_consent(*, consent: Consent, signed_name: str, agreed: bool, by, now=None) -> Consent:
    """The resident signs their consent, signed in on their own account: `by` must be the resident's own user.

    They read it, tick that they agree and type their name; the name, the account and the time are kept, and the
    signature is audited. Nobody else signs here, staff included: a signature given in front of staff is recorded
    with `record_in_person_signature`. Raises ConsentProblem with the reason when the consent cannot be signed.
    """
    if by is None or consent.resident.user_id is None or consent.resident.user_id != by.pk:
        raise ConsentProblem(
            "Only the resident can sign their consent here, signed in on their own account. If they signed in "
            "front of you, record an in-person signature on the consent's page instead."
        )
    if not agreed or not signed_name.strip():
        raise ConsentProblem("To sign, tick the box to say you agree and type your full name.")
    now = now or timezone.now()
    with transaction.atomic():
        consent = _consent_to_sign(consent, now=now)
        consent.signature_method, consent.signed_by = SignatureMethod.OWN_ACCOUNT, by
        consent.signed_name, consent.signed_at = " ".join(signed_name.split())[:200], now
        fields = ["signature_method", "signed_by", "signed_name", "signed_at"]
        consent.save(update_fields=fields)
        recorder.record(
            AuditEvent.Action.UPDATE, obj=consent, changed_fields=fields, detail="signed by the resident on own account"
        )
    return consent


def record_in_person_signature(
    *, consent: Consent, witness, method: str, witness_name: str = "", signature_file=None, now=None
) -> Consent:
    """Record that the resident signed this consent in person, in front of `witness` (the staff member recording
    it, who may not be the resident), made by `method` (an InPersonMethod), with an optional second witness's
    name and an optional captured signature (a scan or photo: PDF, PNG or JPG, checked as compliance documents
    are, stored under a random name apart from other uploads). The consent shows it as signed in person on every
    page and document. Audited. Raises ConsentProblem with the reason when it cannot be recorded.
    """
    if witness is None:
        raise ConsentProblem("An in-person signature needs a witness: the staff member who saw the resident sign.")
    if consent.resident.user_id is not None and consent.resident.user_id == witness.pk:
        raise ConsentProblem("The resident cannot witness their own signature; sign on your own consents page.")
    if method not in InPersonMethod.values:
        raise ConsentProblem("Choose how the resident signed: on paper, or on this device in front of you.")
    if signature_file is not None:
        try:
            validate_compliance_document(signature_file)
        except ValidationError as error:
            raise ConsentProblem(" ".join(error.messages)) from error
    now = now or timezone.now()
    with transaction.atomic():
        consent = _consent_to_sign(consent, now=now)
        consent.signature_method, consent.signed_at = SignatureMethod.IN_PERSON, now
        consent.witnessed_by, consent.witness_name = witness, " ".join(witness_name.split())[:200]
        consent.in_person_method = method
        fields = ["signature_method", "signed_at", "witnessed_by", "witness_name", "in_person_method"]
        if signature_file is not None:
            consent.signature_file.save(signature_file.name, signature_file, save=False)
            fields.append("signature_file")
        consent.save(update_fields=fields)
        detail = f"in-person signature recorded: {method}"
        recorder.record(AuditEvent.Action.UPDATE, obj=consent, changed_fields=fields, detail=detail)
    return consent


def _consent_to_sign(consent: Consent, *, now) -> Consent:
    """The consent, locked, once it is known to wait for a signature (call inside a transaction)."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.revoked_at is not None:
        raise ConsentProblem("This consent has been revoked; it cannot be signed. Ask staff for a new one.")
    if consent.is_signed:
        raise ConsentProblem("This consent is already signed.")
    expired = expiry_of(consent, today=timezone.localdate(now, _zone()))
    if expired.ended_on is not None:
        raise ConsentProblem(f"{expired.reason} before it was signed; ask staff for a new one.")
    return consent


def revoke_consent(*, consent: Consent, recipient: ConsentRecipient | None = None, by=None, now=None):
    """Revoke the consent for every recipient, or for one. Past disclosures stay in the log."""
    now = now or timezone.now()
    with transaction.atomic():
        if recipient is not None:
            recipient = ConsentRecipient.objects.select_for_update().get(pk=recipient.pk, consent=consent)
            if recipient.revoked_at is None:
                recipient.revoked_at, recipient.revoked_by = now, by
                recipient.save(update_fields=["revoked_at", "revoked_by"])
            return recipient
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.revoked_at is None:
            consent.revoked_at, consent.revoked_by = now, by
            consent.save(update_fields=["revoked_at", "revoked_by"])
        return consent


@dataclass(frozen=True)
class Expiry:
    """Whether a consent has expired on a day, and how it reads.

    `ended_on`: the day it stopped allowing anything (its date passed: the day after; an event: the day of the
    event), or None while it holds. `reason`: a sentence saying why, empty while it holds. `to_confirm`: the event
    staff must confirm has not happened before each disclosure (another event, not yet marked), else "".
    """

    ended_on: date | None
    reason: str = ""
    to_confirm: str = ""


def expiry_of(consent: Consent, *, today: date) -> Expiry:
    """Every expiry the consent carries, read on `today` (a date in the organization's time zone): its date, and
    its event (ExpiryEvent; see the model). Whichever comes first ends it. Reads the consent's stay or phase step
    (one query each unless joined). Raises nothing; an unknown kind is refused by the database."""
    ended = []
    if consent.expires_on is not None and consent.expires_on < today:
        reason = f"This consent expired on {long_date(consent.expires_on)}"
        ended.append((consent.expires_on + timedelta(days=1), reason))
    kind, to_confirm = consent.expiry_kind, ""
    if kind in STAY_EXPIRY_EVENTS and stay_has_ended(consent.expiry_stay, today):
        ending = "move-out" if kind == ExpiryEvent.MOVE_OUT else "discharge"
        day = consent.expiry_stay.move_out
        ended.append((day, f"This consent expired with their {ending} on {long_date(day)}"))
    elif kind == ExpiryEvent.PHASE_END:
        step = consent.expiry_phase_step
        if step.ended_on is not None and step.ended_on <= today:
            ended.append((step.ended_on, f"This consent expired when their phase ended on {long_date(step.ended_on)}"))
    elif kind == ExpiryEvent.OTHER:
        happened = consent.event_happened_on
        if happened is not None and happened <= today:
            reason = f"This consent expired when {consent.expiry_event} happened, on {long_date(happened)}"
            ended.append((happened, reason))
        else:
            to_confirm = consent.expiry_event
    if not ended:
        return Expiry(ended_on=None, to_confirm=to_confirm)
    day, reason = min(ended)
    return Expiry(ended_on=day, reason=reason)


def consent_problem(consent: Consent, recipient: ConsentRecipient | None = None, info_classes=(), *, today=None):
    """Why this consent does not allow a disclosure to `recipient` of `info_classes`, or None when it does.

    The one predicate for "is this consent in force": every disclosure (`disclose`) and every record kept only
    under a consent (`officer_consent`) asks it, so a consent waiting for its signature allows nothing anywhere.
    """
    today = today or organization_today()
    if not consent.is_signed:
        return "This consent is not signed yet; nothing may be disclosed under it until the resident signs it."
    if consent.revoked_at is not None:
        return "This consent has been revoked; nothing more may be disclosed under it."
    expired = expiry_of(consent, today=today)
    if expired.ended_on is not None:
        return f"{expired.reason}; ask the resident for a new one."
    if recipient is not None:
        if recipient.consent_id != consent.pk:
            return "That recipient is not named in this consent."
        if recipient.revoked_at is not None:
            return "The resident has revoked this consent for that recipient."
    uncovered = set(info_classes) - set(consent.information_classes)
    if uncovered:
        labels = dict(InfoClass.choices)
        names = ", ".join(sorted(labels.get(value, value).lower() for value in uncovered))
        return f"This consent does not cover {names}; disclose only what it names, or ask for a new consent."
    return None


def is_in_force(consent: Consent, *, today=None) -> bool:
    """`consent_problem` without a recipient or classes: signed, not revoked, not expired."""
    return consent_problem(consent, today=today) is None


def disclose(
    *,
    consent_recipient: ConsentRecipient,
    info_classes,
    channel: str,
    by,
    description: str = "",
    event_not_happened: bool = False,
    now=None,
) -> Disclosure:
    """Log a disclosure to one recipient, after checking the consent allows it; also audited as an EXPORT.

    A consent that expires on an event Hearth cannot know needs `event_not_happened=True`: the person disclosing
    confirms, each time, that the event has not happened (the audit event says so). Raises ConsentProblem."""
    classes = sorted(set(info_classes))
    if not classes:
        raise ConsentProblem("Choose which kinds of information you are disclosing.")
    if channel not in DisclosureChannel.values:
        raise ConsentProblem("Choose how the information is disclosed: report, export, print or other.")
    now = now or timezone.now()
    with transaction.atomic():
        recipient = ConsentRecipient.objects.select_for_update().select_related("consent").get(pk=consent_recipient.pk)
        consent = Consent.objects.select_for_update().get(pk=recipient.consent_id)
        today = timezone.localdate(now, _zone())
        problem = consent_problem(consent, recipient, classes, today=today)
        if problem:
            raise ConsentProblem(problem)
        to_confirm = expiry_of(consent, today=today).to_confirm
        if to_confirm and not event_not_happened:
            raise ConsentProblem(
                f"This consent expires when {to_confirm}. Confirm that this has not happened, or mark it as "
                "happened on the consent's page, which ends the consent."
            )
        disclosure = Disclosure.objects.create(
            consent=consent,
            recipient=recipient,
            resident_id=consent.resident_id,
            information_classes=classes,
            description=description.strip()[:300],
            channel=channel,
            disclosed_at=now,
            disclosed_by=by,
        )
        detail = f"disclosure by {channel}" + ("; expiry event confirmed as not happened" if to_confirm else "")
        recorder.record(AuditEvent.Action.EXPORT, obj=disclosure, detail=detail)
    return disclosure


def mark_expiry_event_happened(*, consent: Consent, on: date, by, now=None) -> Consent:
    """Staff mark that the event a consent expires on (another event, one Hearth cannot know) happened on `on`, a
    date in the organization's time zone, not after today: from that day the consent allows nothing. Audited as a
    change of the consent. Raises ConsentProblem when the consent has no such event, it is marked already, or the
    day is in the future."""
    now = now or timezone.now()
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.expiry_kind != ExpiryEvent.OTHER:
            raise ConsentProblem("Only an event Hearth cannot know is marked by hand; this consent's expiry is kept.")
        if consent.event_happened_on is not None:
            raise ConsentProblem(f"The event was marked as happened on {long_date(consent.event_happened_on)}.")
        if on > timezone.localdate(now, _zone()):
            raise ConsentProblem("Mark the event when it has happened: the day cannot be after today.")
        consent.event_happened_on, consent.event_marked_by, consent.event_marked_at = on, by, now
        fields = ["event_happened_on", "event_marked_by", "event_marked_at"]
        consent.save(update_fields=fields)
        recorder.record(
            AuditEvent.Action.UPDATE, obj=consent, changed_fields=fields, detail="expiry event marked as happened"
        )
    return consent


def _zone():
    organization = current_organization()
    return organization.time_zone if organization else None


def consent_scope_summary(consent: Consent) -> str:
    """One paragraph a recipient can read: what the consent allows, to whom, for what, until when."""
    recipients = "; ".join(str(recipient) for recipient in consent.recipients.all() if recipient.revoked_at is None)
    until = consent.expiry_text
    return (
        f"{consent.discloser} may disclose {', '.join(label.lower() for label in consent.class_labels())} "
        f"({consent.information_description}) to {recipients or 'no remaining recipient'}, "
        f"for this purpose: {consent.purpose}. The consent expires {until}, and may be revoked earlier."
    )


def render_disclosure_document(*, disclosure: Disclosure) -> str:
    """The HTML document that goes to the recipient: what is disclosed, the consent's scope, and the notice."""
    consent = disclosure.consent
    return render_to_string(
        "residents/consents/disclosure_document.html",
        {
            "disclosure": disclosure,
            "consent": consent,
            "resident": consent.resident,
            "recipient": disclosure.recipient,
            "scope": consent_scope_summary(consent),
            "notice": REDISCLOSURE_NOTICE,
            "organization": disclosure.organization,
        },
    )


# --- Reads for the consent pages (kept beside the rules they reflect) ----------------------------------------


def consents_of(resident):
    return (
        Consent.objects.filter(resident=resident)
        .select_related("signed_by", "witnessed_by", *CONSENT_EXPIRY_JOINS)
        .prefetch_related("recipients")
    )


def consents_to_sign(resident):
    """The resident's consents that wait for their signature: not signed, not revoked, not expired (`expiry_of`).
    An unevaluated queryset (two queries when evaluated)."""
    today = organization_today()
    waiting = Consent.objects.filter(resident=resident, signed_at__isnull=True, revoked_at__isnull=True)
    waiting = waiting.exclude(expires_on__lt=today).select_related(*CONSENT_EXPIRY_JOINS).prefetch_related("recipients")
    unexpired = [consent.pk for consent in waiting if expiry_of(consent, today=today).ended_on is None]
    return waiting.filter(pk__in=unexpired)


def accounting_of_disclosures(resident, *, now=None):
    """Every disclosure of the resident's information in the last three years, newest first."""
    now = now or timezone.now()
    since = now - timedelta(days=365 * ACCOUNTING_YEARS + 1)
    return Disclosure.objects.filter(resident=resident, disclosed_at__gte=since).select_related("recipient", "consent")


def exports_holding(resident, *, now=None, limit: int = 20):
    """The latest `limit` list files staff downloaded in the last ACCOUNTING_YEARS years that held the resident's
    record (recovery.exports records each file once, with the ids of the residents in it), newest first."""
    from recovery.audit.models import ExportDisclosure

    now = now or timezone.now()
    since = now - timedelta(days=365 * ACCOUNTING_YEARS + 1)
    files = ExportDisclosure.objects.filter(exported_at__gte=since).order_by("-exported_at", "-pk")
    if connection.features.supports_json_field_contains:  # PostgreSQL: the database looks inside the id lists
        return list(
            files.filter(resident_ids__contains=[resident.pk]).only("export", "file_format", "exported_at")[:limit]
        )
    held = []  # SQLite (the embedded default) cannot: read the year's files and look in Python
    for file in files.only("export", "file_format", "exported_at", "resident_ids").iterator(chunk_size=500):
        if resident.pk in file.resident_ids:
            held.append(file)
            if len(held) == limit:
                break
    return held


def officer_consent(resident, officer_name: str, *, today=None) -> Consent | None:
    """The consent in force under which reports may go to this justice officer (a recipient of that name who has
    not been revoked), or None. Officer details are kept and shown only while such a consent holds."""
    wanted = " ".join(officer_name.split()).casefold()
    if not wanted:
        return None
    for consent in consents_of(resident):
        if not is_in_force(consent, today=today):
            continue
        for recipient in consent.recipients.all():
            if recipient.revoked_at is None and " ".join(recipient.name.split()).casefold() == wanted:
                return consent
    return None
