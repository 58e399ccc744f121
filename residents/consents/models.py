"""Consents to disclose a resident's information (42 CFR § 2.31), their recipients, and the append-only log of
every disclosure made under them.

A consent is the resident's act: staff may draft one, but it allows nothing until it is signed, either by the
resident signed in on their own account or in person, recorded by the staff member who witnessed it (with how it
was signed and, where the house keeps one, a captured signature). Who signed, how and before whom is kept on the
consent. A consent names its recipients one by one, so the resident can revoke it for one recipient and keep it
for the others. A disclosure row is never changed or deleted (on PostgreSQL a trigger refuses it): it is the accounting
the resident may ask for.

A consent expires on a date, on an event, or on whichever of the two comes first (§ 2.31(a)(6)). The event is one
of `ExpiryEvent`: one Hearth knows (the end of the stay the consent was signed in — a move-out or discharge — or the
end of the phase they were in) ends the consent by itself; any other event is described in words, shown on every
disclosure for staff to confirm it has not happened, and ends the consent when staff mark it as happened.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel
from residents.sensitivity import InfoClass

__all__ = [
    "Consent",
    "ConsentRecipient",
    "Disclosure",
    "DisclosureChannel",
    "ExpiryEvent",
    "InPersonMethod",
    "SignatureMethod",
]

DEFAULT_REVOCATION_TERMS = (
    "You may revoke this consent at any time, for every recipient or for one, by telling staff in writing or by "
    "revoking it yourself on your “My consents” page. Revoking does not undo a disclosure already made under it."
)


class SignatureMethod(models.TextChoices):
    """How a consent came to be signed. Empty while it waits for a signature."""

    OWN_ACCOUNT = "own_account", _("Signed by the resident on their own account")
    IN_PERSON = "in_person", _("Signed in person")
    # Consents signed before Hearth recorded who signed: a typed name, with no record of who typed it.
    BEFORE_TRACKING = "before_tracking", _("Recorded before signer tracking")


class ExpiryEvent(models.TextChoices):
    """The event on which a consent expires. Empty when it expires on its date only.

    Hearth knows the first three and enforces them itself (`residents.consents.services.expiry_of`): a move-out and
    a discharge are the same record here, the end of the stay the consent was drafted in (`expiry_stay`), on its
    move-out day (a move-out planned for a later day is a plan until then); the end of a phase is the end of the
    phase step they were in (`expiry_phase_step`). OTHER is an event Hearth cannot know, described in
    `expiry_event`: confirmed as not happened at each disclosure, and ended when staff mark it as happened.
    """

    MOVE_OUT = "move_out", _("When they move out")
    DISCHARGE = "discharge", _("When they are discharged")
    PHASE_END = "phase_end", _("When their current phase ends")
    OTHER = "other", _("Another event (described below)")


# The events Hearth knows by itself, and the events tied to the stay.
KNOWN_EXPIRY_EVENTS = frozenset({ExpiryEvent.MOVE_OUT, ExpiryEvent.DISCHARGE, ExpiryEvent.PHASE_END})
STAY_EXPIRY_EVENTS = frozenset({ExpiryEvent.MOVE_OUT, ExpiryEvent.DISCHARGE})


class InPersonMethod(models.TextChoices):
    """How a signature given in person was made, as the witness records it."""

    PAPER = "paper", _("Wet ink on paper, kept on file or scanned")
    DEVICE = "device", _("Signed on this device in the witness's presence")


def consent_signature_path(consent, filename: str) -> str:
    """A random name in a folder of its own: the captured signature is kept apart from every other upload."""
    extension = PurePath(filename).suffix.lower()
    return f"residents/consent_signatures/{consent.organization_id}/{uuid.uuid4().hex}{extension}"


class Consent(TenantModel):
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="consents")
    discloser = models.CharField(
        "who may disclose", max_length=200, help_text=_("The program, or the people in it, allowed to disclose.")
    )
    information_classes = models.JSONField("classes of information", default=list)
    information_description = models.TextField(
        "what information, specifically", help_text=_("How much and what kind, for example “weekly test results”.")
    )
    purpose = models.TextField("purpose of the disclosure")
    revocation_terms = models.TextField("the right to revoke, and how", default=DEFAULT_REVOCATION_TERMS)
    expires_on = models.DateField("expires on", null=True, blank=True)
    expiry_kind = models.CharField("or expires on the event", max_length=20, choices=ExpiryEvent.choices, blank=True)
    expiry_event = models.CharField(
        "the event, in words", max_length=200, blank=True, help_text=_("Required for another event.")
    )
    expiry_stay = models.ForeignKey(
        "residences.Stay",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a move-out or discharge: the stay whose end ends the consent."),
    )
    expiry_phase_step = models.ForeignKey(
        "residents.PhaseStep",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For the end of a phase: the phase step whose end ends the consent."),
    )
    event_happened_on = models.DateField("the event happened on", null=True, blank=True)
    event_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who marked another event as happened."),
    )
    event_marked_at = models.DateTimeField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signature_method = models.CharField("how it was signed", max_length=20, choices=SignatureMethod.choices, blank=True)
    signed_name = models.CharField(
        "name the resident typed",
        max_length=200,
        blank=True,
        help_text=_("Only when the resident signed it themselves."),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The resident's own account they signed on."),
    )
    witnessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The staff member who saw the resident sign in person and recorded it."),
    )
    witness_name = models.CharField("another witness", max_length=200, blank=True)
    in_person_method = models.CharField(
        "how it was signed in person", max_length=20, choices=InPersonMethod.choices, blank=True
    )
    signature_file = models.FileField(
        "captured signature", upload_to=consent_signature_path, max_length=200, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=False) | ~Q(expiry_kind=""), name="consent_has_an_expiry_date_or_event"
            ),
            models.CheckConstraint(
                condition=Q(expiry_kind__in=["", *ExpiryEvent.values]), name="consent_expiry_event_known"
            ),
            models.CheckConstraint(
                condition=~Q(expiry_kind=ExpiryEvent.OTHER) | ~Q(expiry_event=""),
                name="consent_other_expiry_event_is_described",
            ),
            models.CheckConstraint(
                condition=~Q(expiry_kind__in=sorted(STAY_EXPIRY_EVENTS)) | Q(expiry_stay__isnull=False),
                name="consent_stay_expiry_names_its_stay",
            ),
            models.CheckConstraint(
                condition=~Q(expiry_kind=ExpiryEvent.PHASE_END) | Q(expiry_phase_step__isnull=False),
                name="consent_phase_expiry_names_its_step",
            ),
            models.CheckConstraint(
                condition=Q(event_happened_on__isnull=True) | Q(expiry_kind=ExpiryEvent.OTHER),
                name="consent_only_another_event_is_marked_as_happened",
            ),
            models.CheckConstraint(
                condition=Q(signature_method__in=["", *SignatureMethod.values]), name="consent_signature_method_known"
            ),
            models.CheckConstraint(
                condition=Q(signed_at__isnull=True, signature_method="")
                | (Q(signed_at__isnull=False) & ~Q(signature_method="")),
                name="consent_signed_at_goes_with_its_method",
            ),
            models.CheckConstraint(
                condition=~Q(signature_method=SignatureMethod.OWN_ACCOUNT)
                | (Q(signed_by__isnull=False, witnessed_by__isnull=True) & ~Q(signed_name="")),
                name="consent_signed_on_an_account_names_it",
            ),
            models.CheckConstraint(
                condition=~Q(signature_method=SignatureMethod.IN_PERSON)
                | (
                    Q(witnessed_by__isnull=False, signed_by__isnull=True, signed_name="")
                    & Q(in_person_method__in=InPersonMethod.values)
                ),
                name="consent_signed_in_person_names_witness_and_method",
            ),
            models.CheckConstraint(
                condition=~Q(signature_method=SignatureMethod.BEFORE_TRACKING) | ~Q(signed_name=""),
                name="consent_signed_before_tracking_keeps_the_name",
            ),
        ]

    def __str__(self):
        return f"Consent {self.pk}"

    @property
    def is_signed(self) -> bool:
        """Signed by one of the accepted methods (the database ties `signed_at` to a method). Whether it allows a
        disclosure is `residents.consents.services.consent_problem`'s question, not this one."""
        return self.signed_at is not None and self.signature_method != ""

    @property
    def signed_on_own_account(self) -> bool:
        return self.signature_method == SignatureMethod.OWN_ACCOUNT

    @property
    def signed_in_person(self) -> bool:
        return self.signature_method == SignatureMethod.IN_PERSON

    @property
    def signed_before_tracking(self) -> bool:
        return self.signature_method == SignatureMethod.BEFORE_TRACKING

    def class_labels(self) -> list[str]:
        labels = dict(InfoClass.choices)
        return [str(labels.get(value, value)) for value in self.information_classes]

    @property
    def expiry_text(self) -> str:
        """The expiry in words for every page and document: "June 1, 2027 or when they move out (planned for
        December 7, 2026), whichever comes first". Reads `expiry_stay` and `expiry_phase_step__phase` (join them)."""
        parts = []
        if self.expires_on is not None:
            parts.append(_long_date(self.expires_on))
        if self.expiry_kind:
            parts.append(self._event_text())
        text = " or ".join(parts)
        return f"{text}, whichever comes first" if len(parts) == 2 else text

    def _event_text(self) -> str:
        kind = ExpiryEvent(self.expiry_kind)
        if kind in STAY_EXPIRY_EVENTS:
            event = "when they move out" if kind == ExpiryEvent.MOVE_OUT else "when they are discharged"
            move_out = self.expiry_stay.move_out if self.expiry_stay is not None else None
            return f"{event} (on {_long_date(move_out)})" if move_out else event
        if kind == ExpiryEvent.PHASE_END:
            step = self.expiry_phase_step
            event = f"when their phase, {step.phase.name}, ends" if step else "when their current phase ends"
            return f"{event} (on {_long_date(step.ended_on)})" if step and step.ended_on else event
        event = f"when {self.expiry_event}" if not self.expiry_event.lower().startswith("when") else self.expiry_event
        if self.event_happened_on:
            return f"{event} (marked as happened on {_long_date(self.event_happened_on)})"
        return event


def _long_date(day) -> str:
    return f"{day:%B} {day.day}, {day.year}"


class ConsentRecipient(TenantModel):
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="recipients")
    name = models.CharField("recipient's name", max_length=200)
    role = models.CharField(
        "role or organization", max_length=200, blank=True, help_text=_("For example “Probation officer, County”.")
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class DisclosureChannel(models.TextChoices):
    REPORT = "report", _("Report")
    EXPORT = "export", _("Export")
    PRINT = "print", _("Print")
    OTHER = "other", _("Other")


class Disclosure(TenantModel):
    """One disclosure: what, to whom, when, under which consent, by which channel. Append-only."""

    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="disclosures")
    recipient = models.ForeignKey(ConsentRecipient, on_delete=models.PROTECT, related_name="disclosures")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="disclosures")
    information_classes = models.JSONField("classes of information", default=list)
    description = models.CharField("what was disclosed", max_length=300, blank=True)
    channel = models.CharField(max_length=20, choices=DisclosureChannel.choices)
    disclosed_at = models.DateTimeField()
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-disclosed_at", "-pk"]
        indexes = [models.Index(fields=["resident", "disclosed_at"], name="disclosure_accounting")]
        constraints = [
            models.CheckConstraint(condition=Q(channel__in=DisclosureChannel.values), name="disclosure_channel_known"),
        ]

    def __str__(self):
        return f"Disclosure {self.pk}"

    def class_labels(self) -> list[str]:
        labels = dict(InfoClass.choices)
        return [str(labels.get(value, value)) for value in self.information_classes]
