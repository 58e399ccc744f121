"""Demo recovery plans: each resident with a stay gets a plan with goals, milestones, progress, comments and
case notes (idempotent: a stay that has a plan is left alone). Call inside the organization's tenant scope."""

from datetime import timedelta

from django.utils import timezone

from recovery.models import Membership, Role
from recovery.registry import demo_seeder
from residences.models import Stay
from residents.models import Domain, GoalStatus, RecoveryPlan, SelfCategory
from residents.plans import services

GOALS = [
    (
        Domain.SUBSTANCE_USE,
        "Go to three meetings a week",
        "Meetings keep me honest and connected.",
        SelfCategory.SAFETY,
        ["Find a home group", "Get a sponsor"],
    ),
    (
        Domain.WORK_EDUCATION,
        "Find steady work",
        "Paying my own way matters to me.",
        SelfCategory.FUTURE,
        ["Update my résumé", "Apply to five jobs"],
    ),
    (
        Domain.FAMILY,
        "Rebuild trust with my sister",
        "She is the family I want back.",
        SelfCategory.LOSS,
        ["Call her every Sunday"],
    ),
]


@demo_seeder(order=20)
def seed(organization):
    today = timezone.localdate(timezone=organization.time_zone)
    staff = Membership.objects.filter(role__in=[Role.ADMIN, Role.STAFF], is_active=True).select_related("user")
    author = staff.order_by("pk").first()
    author = author.user if author else None
    stays = (
        Stay.objects.filter(move_out__isnull=True)
        .select_related("resident")
        .exclude(pk__in=RecoveryPlan.objects.values("stay_id"))
    )
    for stay in stays:
        resident = stay.resident
        plan = services.start_plan(resident=resident, by=author)
        services.update_plan(
            plan=plan,
            by=author,
            exit_where_next="An apartment near work",
            exit_supports="Home group, sponsor, outpatient counselor",
        )
        for index, (domain, title, why, category, milestones) in enumerate(GOALS):
            goal = services.add_goal(
                plan=plan,
                by=author,
                domain=domain,
                title=title,
                why=why,
                self_category=category,
                status=GoalStatus.IN_PROGRESS,
            )
            for offset, milestone_title in enumerate(milestones):
                target = stay.move_in + timedelta(days=30 * (offset + 1))
                milestone = services.add_milestone(goal=goal, by=author, title=milestone_title, target_date=target)
                if index == 0 and offset == 0:
                    services.complete_milestone(milestone=milestone, by=author, on=min(today, milestone.target_date))
            if resident.user_id and index == 0:
                services.add_progress(goal=goal, by=resident.user, text="Went to four meetings this week.")
            if author and index == 0:
                services.add_comment(goal=goal, by=author, text="Great week. Keep it up.")
        if author and services.clinical_documentation_on(resident):
            services.add_case_note(
                resident=resident, by=author, text="Settling in well; sleeping better.", shared_with_resident=True
            )
            services.add_case_note(resident=resident, by=author, text="Discussed court date with the team.")
