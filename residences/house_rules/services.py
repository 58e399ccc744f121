"""House rules' verbs: publish a new version of a home's rules, and a resident's acknowledgement of them."""

import re
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from recovery.errors import DomainError
from recovery.notifications.services import notify
from recovery.tenancy import home_today
from residences.homes.selectors import home_of, residents_living_in
from residences.models import HouseRuleVersion, Residence, RuleAcknowledgement
from residents.profiles.models import Resident

NOTIFICATION_KIND = "house_rules.new_version"


class HouseRulesProblem(DomainError):
    pass


def _normalized(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def names_match(typed: str, resident: Resident) -> bool:
    """Loosely: case and extra spaces do not matter; the first or preferred name with the last name both count."""
    typed = _normalized(typed)
    accepted = {_normalized(f"{resident.first_name} {resident.last_name}")}
    if resident.preferred_name:
        accepted.add(_normalized(f"{resident.preferred_name} {resident.last_name}"))
    return bool(typed) and typed in accepted


def _notify_residents(*, rule_version: HouseRuleVersion, today: date) -> int:
    """Ask everyone living in the house (who signs in to Hearth) to read and acknowledge the new version."""
    residence = rule_version.residence
    recipients = (
        residents_living_in(residence, on=today)
        .filter(
            user__is_active=True,
            user__memberships__organization_id=residence.organization_id,
            user__memberships__is_active=True,
        )
        .select_related("user")
    )
    url = reverse("residences:house_rules", kwargs={"residence_pk": residence.pk})
    count = 0
    for resident in recipients:
        notify(
            recipient=resident.user,
            kind=NOTIFICATION_KIND,
            title=f"New house rules for {residence.name}",
            body=f"Version {rule_version.version} of the house rules is out. Please read it and sign with your name.",
            url=url,
        )
        count += 1
    return count


def publish_rule_version(
    *, residence: Residence, text: str, effective_on: date, by=None, summary: str = "", now=None
) -> HouseRuleVersion:
    """Publish the next version of a home's rules; everyone living there is asked to acknowledge it again.

    Versions count up from 1 per home and are never edited. A version cannot take effect before the one it
    replaces, and must differ from it.
    """
    text = text.strip()
    if not text:
        raise HouseRulesProblem("Write the house rules before publishing them.")
    now = now or timezone.now()
    with transaction.atomic():
        # The residence's row lock makes two publishers take turns, so each gets its own version number.
        residence = Residence.objects.select_for_update().get(pk=residence.pk)
        previous = HouseRuleVersion.objects.filter(residence=residence).order_by("-version").first()
        if previous is not None:
            if text == previous.text.strip():
                raise HouseRulesProblem(
                    f"This is the same text as version {previous.version}. Change the rules before publishing."
                )
            if effective_on < previous.effective_on:
                raise HouseRulesProblem(
                    f"Version {previous.version} is in force from {previous.effective_on:%B %-d, %Y}; a new version "
                    "cannot take effect before it."
                )
        next_version = (previous.version if previous else 0) + 1
        try:
            with transaction.atomic():
                rule_version = HouseRuleVersion.objects.create(
                    residence=residence,
                    version=next_version,
                    text=text,
                    summary=summary.strip(),
                    effective_on=effective_on,
                    published_at=now,
                    published_by=by,
                )
        except IntegrityError as error:
            message = "Someone else just published a version of these rules. Reload the page and try again."
            raise HouseRulesProblem(message) from error
        _notify_residents(rule_version=rule_version, today=home_today(residence))
    return rule_version


def latest_version_number(residence: Residence) -> int:
    return HouseRuleVersion.objects.filter(residence=residence).aggregate(n=Max("version"))["n"] or 0


def acknowledge_rules(
    *,
    rule_version: HouseRuleVersion,
    resident: Resident,
    typed_name: str,
    ip_address: str | None = None,
    where: str = "",
    now=None,
) -> RuleAcknowledgement:
    """A resident signs that they read the current rules of the house they live in, by typing their name.

    Only the latest version can be acknowledged, only by someone living in that house, and only with their own
    name (loosely matched). Acknowledging again changes nothing and returns the first acknowledgement.
    """
    now = now or timezone.now()
    residence = rule_version.residence
    home = home_of(resident=resident, on=home_today(residence))
    if home is None or home.pk != residence.pk:
        raise HouseRulesProblem("You can sign only the rules of the house you live in.")
    if latest_version_number(residence) != rule_version.version:
        raise HouseRulesProblem("A newer version of these rules has been published. Read it, then sign that one.")
    existing = RuleAcknowledgement.objects.filter(rule_version=rule_version, resident=resident).first()
    if existing is not None:
        return existing
    if not names_match(typed_name, resident):
        raise HouseRulesProblem(
            "The name you typed does not match the name the house has for you. Type your first and last name."
        )
    try:
        with transaction.atomic():
            return RuleAcknowledgement.objects.create(
                rule_version=rule_version,
                resident=resident,
                typed_name=typed_name.strip()[:200],
                acknowledged_at=now,
                ip_address=ip_address or None,
                where=where[:60],
            )
    except IntegrityError:
        # The same person sent the form twice at once: the first acknowledgement stands.
        return RuleAcknowledgement.objects.get(rule_version=rule_version, resident=resident)
