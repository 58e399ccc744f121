"""The platform core's models: people (User), operators (Organization, the tenant), who belongs where and in
which role (Membership), and how people are asked in (Invitation)."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from timezone_field import TimeZoneField

from recovery.tenancy import TenantModel


class HearthUserManager(UserManager):
    """Users are found by email; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        """The account of `email` whatever its letter case (addresses are unique regardless of case)."""
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person who signs in to Hearth: operator staff, a coach or a resident."""

    username = None
    email = models.EmailField("email address", unique=True)
    # The language this person reads Hearth in (issue 18); blank follows the browser. See recovery/languages.py.
    language = models.CharField(
        "language", max_length=8, blank=True, default="", choices=[("en", "English"), ("es", "Español")]
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = HearthUserManager()

    class Meta:
        ordering = ["email"]
        constraints = [
            # Sam@Example.org and sam@example.org reach the same inbox: one account, whatever the letter case.
            models.UniqueConstraint(
                Lower("email"),
                name="one_account_per_email_in_any_case",
                violation_error_message="An account with this email address already exists.",
            )
        ]

    def __str__(self):
        return self.get_full_name() or self.email


class Organization(models.Model):
    """An operator of recovery residences: the tenant. Everything a house records belongs to exactly one."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    time_zone = TimeZoneField(default="America/New_York", use_pytz=False)
    is_part2_program = models.BooleanField(
        "42 CFR Part 2 program",
        default=True,
        help_text=_("Whether this operator is a federally assisted SUD program under 42 CFR Part 2."),
    )
    require_mfa_for_staff = models.BooleanField(
        "require two-step sign-in for admins, house managers, staff and coaches",
        default=True,
        help_text=_("Off only for demo organizations, whose accounts share a published password."),
    )
    staff_idle_minutes = models.PositiveSmallIntegerField(
        "sign staff out after this many idle minutes",
        default=30,
        help_text=_("Applies to admins, house managers, staff and coaches."),
    )
    resident_idle_minutes = models.PositiveIntegerField(
        "sign residents out after this many idle minutes",
        default=60 * 24 * 14,
        help_text=_("Residents use their own phones; a long default keeps the daily check-in quick."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(staff_idle_minutes__gte=5), name="staff_idle_at_least_5_minutes"),
            models.CheckConstraint(
                condition=models.Q(resident_idle_minutes__gte=5), name="resident_idle_at_least_5_minutes"
            ),
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    HOUSE_MANAGER = "house_manager", _("House manager")
    STAFF = "staff", _("Staff")
    COACH = "coach", _("Coach")
    RESIDENT = "resident", _("Resident")


# Roles whose work reaches many residents' records.
STAFF_ROLES = frozenset({Role.ADMIN, Role.HOUSE_MANAGER, Role.STAFF})
# Roles that see other people's records (staff across the house, a coach across their mentees): they sign in with a
# second step where the organization requires it, time out sooner and have an absolute session lifetime.
MFA_ROLES = STAFF_ROLES | {Role.COACH}
SHORT_SESSION_ROLES = MFA_ROLES


class Membership(TenantModel):
    """A person's place in an organization, with one role. A person may belong to several organizations."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_membership_per_person_and_organization"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_is_known"),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def needs_mfa(self) -> bool:
        """Whether this person must set up a second sign-in step: every role in MFA_ROLES (coaches too, issue 12),
        unless the organization switched the requirement off (demo organizations only)."""
        return self.role in MFA_ROLES and self.organization.require_mfa_for_staff

    @property
    def idle_minutes(self) -> int:
        if self.role in SHORT_SESSION_ROLES:
            return self.organization.staff_idle_minutes
        return self.organization.resident_idle_minutes


def invitation_expiry():
    return timezone.now() + timedelta(days=settings.HEARTH_INVITATION_DAYS)


# A short code is read off paper and typed on a phone: no letters or digits that look alike (0/O, 1/I/L).
INVITATION_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITATION_CODE_LENGTH = 8


class Invitation(TenantModel):
    """An expiring, single-use link that brings a person into an organization with a preset role: emailed, texted,
    or printed (then with a short code to type as well, for a person who has no email to receive it).

    Only hashes of the token and the code are stored: the link and the sheet are the one place each exists.
    """

    email = models.EmailField(blank=True, help_text=_("Blank when the invitation is handed over on paper."))
    role = models.CharField(max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="invitation_role_is_known"),
            # One open invitation per address and organization: inviting again replaces the old link.
            models.UniqueConstraint(
                Lower("email"),
                "organization",
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True) & ~models.Q(email=""),
                name="one_open_invitation_per_email",
            ),
        ]

    def __str__(self):
        return f"Invitation as {self.get_role_display()}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @staticmethod
    def new_code() -> str:
        return "".join(secrets.choice(INVITATION_CODE_ALPHABET) for _ in range(INVITATION_CODE_LENGTH))

    @staticmethod
    def hash_code(code: str) -> str:
        """The code's keyed hash, whatever its case, spaces or dashes. Keyed (with SECRET_KEY), because eight
        characters are few enough to try them all against a plain hash from a stolen database."""
        normalized = "".join(code.split()).replace("-", "").upper()
        return salted_hmac("hearth.invitation_code", normalized, algorithm="sha256").hexdigest()

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class FormSubmission(models.Model):
    """One sending of one rendered form, claimed by its one-time token, so that a form is acted on once however
    often it is sent (a second click on a slow connection, a reload that posts again; issue 14, item 5).

    Not tenant-owned: the row holds a random token, the path posted to and the address the first answer sent the
    browser to, nothing of a resident. The unique token is the claim: PostgreSQL, not the cache, decides which of
    two sendings is first, so it holds while Redis is down. `recovery.middleware.OneSubmitMiddleware` claims,
    settles and replays; old rows are forgotten by `recovery.forget_old_form_submissions`.
    """

    token = models.UUIDField()
    path = models.CharField(max_length=300)
    # Where the first sending's answer sent the browser; empty while it is being saved.
    answered_with = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token"], name="one_submission_per_form_token")]

    def __str__(self):
        return f"form sent to {self.path}"
