"""Saving the safety plan and the self-care plan, and reminding members when a self-care plan is due."""

import re
from datetime import date, timedelta

from django.db import transaction

from recovery.models import Membership
from recovery.notifications.services import notify
from recovery.tenancy import organization_today  # noqa: F401 - one clock for every part; callers use services.organization_today()
from residents.safety_plans.models import SafetyPlan, SelfCarePlan

SAFETY_PLAN_FIELDS = (
    "warning_signs",
    "coping_strategies",
    "people_and_places",
    "people_to_call",
    "professional_contacts",
    "naloxone_location",
    "safe_environment",
)


def save_safety_plan(*, resident, by, **fields) -> SafetyPlan:
    """Create or update the resident's one safety plan."""
    unknown = set(fields) - set(SAFETY_PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown safety plan fields: {sorted(unknown)}")
    with transaction.atomic():
        plan = SafetyPlan.objects.select_for_update().filter(resident=resident).first()
        plan = plan or SafetyPlan(resident=resident)
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.updated_by = by
        plan.save()
    return plan


_PHONE = re.compile(r"\+?[\d][\d\s().-]{5,}\d")


def phone_lines(text: str) -> list[dict]:
    """Each line of "Name: number" (or any line with a number) as a label and a tel: target, for tap-to-call."""
    lines = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        match = _PHONE.search(line)
        tel = ""
        if match:
            digits = re.sub(r"[^\d+]", "", match.group())
            tel = f"tel:{digits}"
        lines.append({"label": line, "tel": tel})
    return lines


def save_self_care_plan(*, user, today: date, **fields) -> SelfCarePlan:
    """Create or update a member's self-care plan; saving counts as reviewing it, so the next review moves on."""
    with transaction.atomic():
        plan = SelfCarePlan.objects.select_for_update().filter(user=user).first()
        plan = plan or SelfCarePlan(user=user)
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.next_review_on = today + timedelta(days=plan.review_every_days)
        plan.save()
    return plan


def remind_self_care_review(*, plan: SelfCarePlan, today: date) -> bool:
    """Remind the member once per review date that has come; True when a reminder went out."""
    with transaction.atomic():
        plan = SelfCarePlan.objects.select_for_update().get(pk=plan.pk)
        if plan.next_review_on > today or plan.reminded_for == plan.next_review_on:
            return False
        if not Membership.objects.filter(user=plan.user, is_active=True).exists():
            return False
        notify(recipient=plan.user, kind="self_care_review", title="Time to look at your self-care plan again")
        plan.reminded_for = plan.next_review_on
        plan.save(update_fields=["reminded_for"])
    return True
