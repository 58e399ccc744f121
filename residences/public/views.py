"""Public pages, open without sign-in: an operator's application form and its published free beds.

Each finds the organization by the slug in its link and enters that organization's tenant scope itself. They
show only what the operator chose to publish, and never anything about residents. The form lives here, beside
its one view, because nothing else parses it.
"""

import time
from datetime import timedelta

from django import forms
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_http_methods, require_safe

from recovery.errors import DomainError
from recovery.models import Organization
from recovery.network import client_ip
from recovery.notifications.models import validate_phone_number
from recovery.tenancy import organization_today, tenant_scope
from recovery.widgets import DateInput
from residences.applications import services as intake
from residences.applications.selectors import published_availability
from residences.applications.services import submit_public_application
from residences.models import Application, Level, Population, Residence

# Spam and flood guards for the application form.
MIN_FILL_SECONDS = 3
MAX_FORM_AGE = timedelta(days=1)
MAX_BODY_BYTES = 64 * 1024  # every field at its longest, in any script, fits many times over
RATE_WINDOW_SECONDS = 60 * 60
MAX_PER_ADDRESS = 5  # per hour, from one network address
MAX_PER_ORGANIZATION = 50  # per hour, for one operator, from everywhere
STARTED_SALT = "residences.public_apply.started"


def _too_long(noun: str = "this") -> str:
    return f"Please keep {noun} to %(limit_value)d characters (it has %(show_value)d)."


def _length(name: str) -> int:
    return Application._meta.get_field(name).max_length


def started_token(organization, *, at: float | None = None) -> str:
    """A signed note of when the form was handed out, so a reply that comes back too soon is a robot's."""
    return signing.dumps({"org": organization.pk, "at": time.time() if at is None else at}, salt=STARTED_SALT)


class PublicApplicationForm(forms.Form):
    """Only what intake needs to reach a person and find them a bed; the rest comes after admission."""

    first_name = forms.CharField(
        label="First name",
        max_length=_length("first_name"),
        error_messages={"required": "Tell us your first name.", "max_length": _too_long("your first name")},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=_length("last_name"),
        error_messages={"required": "Tell us your last name.", "max_length": _too_long("your last name")},
    )
    preferred_name = forms.CharField(
        label="Name you go by (if different)",
        required=False,
        max_length=_length("preferred_name"),
        error_messages={"max_length": _too_long()},
    )
    pronouns = forms.CharField(
        label="Pronouns (optional)",
        required=False,
        max_length=_length("pronouns"),
        help_text="For example she/her, he/him, they/them.",
        error_messages={"max_length": _too_long()},
    )
    email = forms.EmailField(
        label="Email",
        required=False,
        max_length=_length("email"),
        error_messages={
            "invalid": "That email address does not look complete. Check it, or leave it empty and give a phone.",
            "max_length": _too_long("the email address"),
        },
    )
    phone = forms.CharField(
        label="Phone",
        required=False,
        max_length=_length("phone"),
        validators=[validate_phone_number],
        error_messages={"max_length": _too_long("the phone number")},
    )
    residence = forms.ModelChoiceField(
        label="Which home would you like?",
        queryset=Residence.objects.none(),
        required=False,
        empty_label="Any home / not sure",
        error_messages={"invalid_choice": "Choose one of the homes in the list, or “Any home”."},
    )
    hoped_move_in = forms.DateField(
        label="When would you hope to move in? (optional)",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Enter the date as year-month-day, for example 2025-06-01."},
    )
    on_mat = forms.TypedChoiceField(
        label="Do you take medication for addiction treatment (MAT)?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        help_text="Either answer is welcome; it helps us suggest a home that fits.",
        error_messages={"required": "Choose yes or no. Either answer is welcome."},
    )
    referral_source = forms.CharField(
        label="How did you hear about us? (optional)",
        required=False,
        max_length=_length("referral_source"),
        error_messages={"max_length": _too_long()},
    )
    message = forms.CharField(
        label="Anything we should know? (optional)",
        required=False,
        max_length=Application._meta.get_field("message").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Up to 2000 characters. You can tell us more when we talk.",
        error_messages={
            "max_length": "Please keep the message to %(limit_value)d characters (it has %(show_value)d). "
            "You can tell us more when we talk."
        },
    )
    # A field people never see (the page hides it); form-filling robots fill it in.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        # Only the homes the operator publishes are named to the public; with none, the question is not asked.
        published = Residence.objects.filter(organization=organization, publish_availability=True).order_by("name")
        if published.exists():
            self.fields["residence"].queryset = published
        else:
            del self.fields["residence"]
        today = timezone.localdate(timezone=organization.time_zone)
        self.fields["hoped_move_in"].widget.attrs.update(min=today.isoformat())
        self.today = today

    def clean_hoped_move_in(self):
        hoped = self.cleaned_data["hoped_move_in"]
        problem = intake.hoped_move_in_problem(hoped, today=self.today)
        if problem is not None:
            raise forms.ValidationError(problem)
        return hoped

    def clean(self):
        cleaned = super().clean()
        contact_given = cleaned.get("email") or cleaned.get("phone")
        if not contact_given and not self.has_error("email") and not self.has_error("phone"):
            self.add_error("email", intake.CONTACT_MISSING)
        # The robot guards are hidden fields, so their word goes at the top of the form.
        problem = self._robot_problem(cleaned)
        if problem is not None:
            self.add_error(None, problem)
            cleaned.pop("started", None)
        return cleaned

    def _robot_problem(self, cleaned) -> forms.ValidationError | None:
        if cleaned.get("website"):
            return forms.ValidationError(
                "This form could not be sent. Please try again, or call the house.", code="spam"
            )
        try:
            started = signing.loads(cleaned.get("started", ""), salt=STARTED_SALT, max_age=MAX_FORM_AGE.total_seconds())
        except signing.SignatureExpired:
            return forms.ValidationError(
                "This form was open for more than a day. Check your answers and send it again.", code="expired"
            )
        except signing.BadSignature:
            return forms.ValidationError(
                "This form could not be checked. Check your answers and send it again.", code="spam"
            )
        if not isinstance(started, dict) or started.get("org") != self.organization.pk:
            return forms.ValidationError(
                "This form belongs to another organization's page. Send it from this one.", code="spam"
            )
        if time.time() - float(started.get("at", 0)) < MIN_FILL_SECONDS:
            return forms.ValidationError(
                "That was quicker than a person can fill the form. Check your answers and send it again.", code="spam"
            )
        return None

    @property
    def looks_like_spam(self) -> bool:
        return self.has_error(NON_FIELD_ERRORS, "spam")

    def token_for_page(self) -> str:
        """The `started` value to send back: the same one while it is good, so a person fixing a typo
        need not wait; a fresh one otherwise."""
        if self.is_bound and "started" in getattr(self, "cleaned_data", {}):
            return self.cleaned_data["started"]
        return started_token(self.organization)


def _organization(org_slug: str) -> Organization:
    return get_object_or_404(Organization, slug=org_slug)


def _rate_keys(request, organization) -> dict[str, int]:
    """Cache keys of this hour's counters, with their limits. The address is kept only as a keyed hash."""
    window = int(time.time() // RATE_WINDOW_SECONDS)
    address = salted_hmac("residences.public_apply.address", client_ip(request) or "").hexdigest()[:32]
    return {
        f"public-apply:address:{address}:{window}": MAX_PER_ADDRESS,
        f"public-apply:organization:{organization.pk}:{window}": MAX_PER_ORGANIZATION,
    }


def _over_limit(keys: dict[str, int]) -> bool:
    counts = cache.get_many(list(keys))
    return any(counts.get(key, 0) >= limit for key, limit in keys.items())


def _count_submission(keys: dict[str, int]) -> None:
    for key in keys:
        cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # the counter expired between add and incr
            cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)


def _form_page(request, organization, form, *, status=200):
    context = {"organization": organization, "form": form, "started_token": form.token_for_page()}
    return render(request, "residences/public/public_apply.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def apply(request, org_slug):
    """The application form an operator shares. It creates an application and nothing else.

    Counted against this hour's limits: every application sent, and every reply that looks like a robot's
    (the hidden field filled, or sent back too fast). A person correcting a mistake is not counted.
    """
    organization = _organization(org_slug)
    with tenant_scope(organization):
        if request.method != "POST":
            if "sent" in request.GET:
                return render(request, "residences/public/public_thanks.html", {"organization": organization})
            return _form_page(request, organization, PublicApplicationForm(organization=organization))

        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
            return render(
                request,
                "residences/public/public_problem.html",
                {"organization": organization, "problem": "too_large"},
                status=413,
            )
        keys = _rate_keys(request, organization)
        if _over_limit(keys):
            response = render(
                request,
                "residences/public/public_problem.html",
                {"organization": organization, "problem": "too_many"},
                status=429,
            )
            response["Retry-After"] = str(RATE_WINDOW_SECONDS - int(time.time()) % RATE_WINDOW_SECONDS)
            return response

        form = PublicApplicationForm(request.POST, organization=organization)
        if form.is_valid():
            try:
                submit_public_application(organization=organization, data=form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                _count_submission(keys)
                return redirect(f"{reverse('public_apply', kwargs={'org_slug': organization.slug})}?sent=1")
        elif form.looks_like_spam:
            _count_submission(keys)
        return _form_page(request, organization, form, status=400)


@require_safe
def availability(request, org_slug):
    """Free beds today in the homes whose operator publishes them, with a link to apply."""
    organization = _organization(org_slug)
    with tenant_scope(organization):
        today = organization_today(organization)
        homes = list(published_availability(today=today))
    context = {"organization": organization, "homes": homes, "today": today}
    return render(request, "residences/public/public_availability.html", context)


@require_safe
def availability_feed(request, org_slug):
    """The same, as JSON for referrers' sites and directories. Homes only; never anything about residents."""
    organization = _organization(org_slug)
    with tenant_scope(organization):
        today = organization_today(organization)
        homes = [
            {
                "name": home.name,
                "city": home.city,
                "level": home.level,
                "level_label": Level(home.level).label,
                "serves": Population(home.population).label,
                "mat_welcoming": home.mat_welcoming,
                "free_beds": home.free_beds,
            }
            for home in published_availability(today=today)
        ]
    response = JsonResponse(
        {
            "organization": organization.name,
            "as_of": today.isoformat(),
            "apply_url": request.build_absolute_uri(reverse("public_apply", kwargs={"org_slug": organization.slug})),
            "residences": homes,
        }
    )
    response["Access-Control-Allow-Origin"] = "*"  # published on purpose, for any directory to show
    patch_cache_control(response, public=True, max_age=300)
    return response
