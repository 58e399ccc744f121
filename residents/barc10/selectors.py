"""The reads the BARC-10 pages need: a resident's assessments and their trend."""

from residents.barc10 import scoring as barc10
from residents.barc10.models import Barc10Assessment


def assessments_of(resident):
    """The resident's BARC-10 assessments, oldest first: an unevaluated queryset."""
    return Barc10Assessment.objects.filter(resident=resident).order_by("taken_on", "created_at", "pk")


def barc10_history(resident) -> list[Barc10Assessment]:
    return list(assessments_of(resident))


def barc10_trend(resident) -> dict:
    """What the timeline and the plan show: the chart (SVG), the latest total and the change since move-in."""
    history = barc10_history(resident)
    points = [barc10.Point(taken_on=a.taken_on, total=a.total) for a in history]
    baseline = next((a for a in history if a.occasion == "move_in"), history[0] if history else None)
    latest = history[-1] if history else None
    change = latest.total - baseline.total if latest and baseline and latest.pk != baseline.pk else None
    return {
        "history": history,
        "chart": barc10.trend_svg(points),
        "latest": latest,
        "baseline": baseline,
        "change": change,
    }
