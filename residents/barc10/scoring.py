"""The BARC-10 (Brief Assessment of Recovery Capital): its statements, scoring, validation and trend chart.

Vilsaint, C. L., Kelly, J. F., Bergman, B. G., Groshkova, T., Best, D., & White, W. (2017). Development and
validation of a Brief Assessment of Recovery Capital (BARC-10) for alcohol and drug use disorder.
Drug and Alcohol Dependence, 177, 71-76.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.html import escape

from recovery.errors import DomainError

ITEMS = (
    "There are more important things to me in life than using substances.",
    "In general I am happy with my life.",
    "I have enough energy to complete the tasks I set for myself.",
    "I am proud of the community I live in and feel part of it.",
    "I get lots of support from friends.",
    "I regard my life as challenging and fulfilling without the need for using drugs or alcohol.",
    "My living space has helped to drive my recovery journey.",
    "I take full responsibility for my actions.",
    "I am happy dealing with a range of professional people.",
    "I am making good progress on my recovery journey.",
)

SCALE = (
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Somewhat disagree"),
    (4, "Somewhat agree"),
    (5, "Agree"),
    (6, "Strongly agree"),
)
LOWEST, HIGHEST = 1, 6
MIN_TOTAL, MAX_TOTAL = LOWEST * len(ITEMS), HIGHEST * len(ITEMS)


class IncompleteBarc10(DomainError):
    pass


def score(answers) -> int:
    """The total of ten answers, each 1 to 6; raises IncompleteBarc10 naming what to fix."""
    answers = list(answers)
    if len(answers) != len(ITEMS) or any(answer is None or answer == "" for answer in answers):
        missing = [str(n) for n, answer in enumerate(answers, 1) if answer is None or answer == ""]
        missing += [str(n) for n in range(len(answers) + 1, len(ITEMS) + 1)]
        raise IncompleteBarc10(f"Please answer every statement (still open: {', '.join(missing)}).")
    total = 0
    for n, answer in enumerate(answers, 1):
        if isinstance(answer, bool) or not isinstance(answer, int) or not LOWEST <= answer <= HIGHEST:
            raise IncompleteBarc10(f"Statement {n} needs an answer from 1 (strongly disagree) to 6 (strongly agree).")
        total += answer
    return total


@dataclass(frozen=True)
class Point:
    taken_on: date
    total: int


def change_since_first(points) -> int | None:
    points = list(points)
    return points[-1].total - points[0].total if len(points) >= 2 else None


# Chart geometry, in viewBox units; the SVG scales to its container.
WIDTH, HEIGHT = 320, 180
LEFT, RIGHT, TOP, BOTTOM = 34, 12, 14, 30


def _y(total: int) -> float:
    return TOP + (MAX_TOTAL - total) * (HEIGHT - TOP - BOTTOM) / (MAX_TOTAL - MIN_TOTAL)


def trend_svg(points, *, title="BARC-10 recovery capital over time") -> str:
    """The totals over time as an inline SVG line chart, readable without JavaScript (title, desc, labels)."""
    points = list(points)
    if points:
        readings = "; ".join(f"{p.taken_on:%b} {p.taken_on.day}, {p.taken_on.year}: {p.total}" for p in points)
        change = change_since_first(points)
        summary = f"{len(points)} assessments, totals from 10 to 60. {readings}."
        if change is not None:
            summary += f" Change since the first: {change:+d}."
    else:
        summary = "No assessments yet."
    span = WIDTH - LEFT - RIGHT
    step = span / (len(points) - 1) if len(points) > 1 else 0
    xs = [LEFT + (i * step if len(points) > 1 else span / 2) for i in range(len(points))]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="barc10-title barc10-desc" class="barc10-chart" width="100%">',
        f'<title id="barc10-title">{escape(title)}</title>',
        f'<desc id="barc10-desc">{escape(summary)}</desc>',
    ]
    for total in (10, 20, 30, 40, 50, 60):
        y = _y(total)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="10" fill="#555">{total}</text>'
        )
    if len(points) > 1:
        coordinates = " ".join(f"{x:.1f},{_y(p.total):.1f}" for x, p in zip(xs, points, strict=True))
        parts.append(f'<polyline points="{coordinates}" fill="none" stroke="#2f6f5e" stroke-width="2.5"/>')
    for x, p in zip(xs, points, strict=True):
        label = escape(f"{p.taken_on:%b} {p.taken_on.day}")
        y = _y(p.total)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#2f6f5e"/>'
            f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" font-size="10" fill="#222">{p.total}</text>'
            f'<text x="{x:.1f}" y="{HEIGHT - 10}" text-anchor="middle" font-size="9" fill="#555">{label}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
