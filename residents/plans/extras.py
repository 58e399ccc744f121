"""Other parts add to each goal of the plan pages without residents importing them: a part registers a function
that annotates the plan's goals (in a fixed number of queries) and a template shown under each goal."""

from collections.abc import Callable

_EXTRAS: list[tuple[Callable, str]] = []


def register(*, annotate: Callable, template: str) -> None:
    if all(existing != template for _fn, existing in _EXTRAS):
        _EXTRAS.append((annotate, template))


def templates() -> list[str]:
    return [template for _fn, template in _EXTRAS]


def annotate(plan) -> None:
    """Let each registered part annotate the plan's (prefetched) goals."""
    if plan is None:
        return
    goals = list(plan.goals.all())
    for function, _template in _EXTRAS:
        function(goals)
