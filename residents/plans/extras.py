"""What other features show under each goal of a plan, read from the registry's "plan_goal_extras" key (see
recovery.registry): residents imports none of them."""

from recovery.registry import registry


def templates() -> list[str]:
    """The templates to include under each goal, in the order the features registered them."""
    return [extra.template for extra in registry["plan_goal_extras"]]


def annotate(plan) -> None:
    """Let each registered feature annotate the plan's (prefetched) goals; nothing when there is no plan."""
    if plan is None:
        return
    goals = list(plan.goals.all())
    for extra in registry["plan_goal_extras"]:
        extra.annotate(goals)
