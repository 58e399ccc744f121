"""The outcomes page's charts, drawn on the server as SVG: no script, no style attribute (the CSP allows neither),
each with a title and a description for screen readers; the page puts a table of the same numbers beside each."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 320
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, TOP = 16, 6, 130, 6
LINE_HEIGHT, LEFT, RIGHT, BOTTOM = 160, 34, 10, 24
INK, MUTED, GRID = "#2f6f5e", "#555", "#ddd"


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _open(chart_id: str, title: str, summary: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" role="img" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="outcomes-chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>',
    ]


def bar_chart(*, chart_id: str, title: str, rows, unit: str = "") -> SafeString:
    """Horizontal bars, one per (label, value) row (values are numbers, None drawn as no bar), scaled to the largest.

    `chart_id` makes the title's and description's ids unique on the page; `unit` follows each value ("%")."""
    rows = list(rows)
    largest = max((value for _, value in rows if value), default=0)
    height = TOP * 2 + len(rows) * (BAR_HEIGHT + BAR_GAP)
    summary = "; ".join(f"{label}: {'none' if value is None else _number(value)}{unit}" for label, value in rows)
    parts = _open(chart_id, title, summary or "Nothing to show.", height)
    span = WIDTH - LABEL_WIDTH - 52  # room for the value after the longest bar
    for n, (label, value) in enumerate(rows):
        y = TOP + n * (BAR_HEIGHT + BAR_GAP)
        length = span * float(value) / float(largest) if value and largest else 0
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 12}" text-anchor="end" font-size="10" fill="{MUTED}">'
            f"{escape(label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{INK}"/>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 12}" font-size="10" fill="#222">'
            f"{'' if value is None else escape(_number(value))}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def line_chart(*, chart_id: str, title: str, points, maximum, unit: str = "") -> SafeString:
    """A line over (label, value) points in order (a value of None breaks the line), from 0 to `maximum` (at least
    1), with the first and last labels under the axis."""
    points = list(points)
    maximum = max(maximum or 0, 1, *(value for _, value in points if value is not None))
    values = [value for _, value in points if value is not None]
    if values:
        summary = (
            f"{len(points)} points from {points[0][0]} to {points[-1][0]}; lowest {_number(min(values))}{unit}, "
            f"highest {_number(max(values))}{unit}, last {_number(values[-1])}{unit}."
        )
    else:
        summary = "Nothing to show."
    parts = _open(chart_id, title, summary, LINE_HEIGHT)
    bottom, span = LINE_HEIGHT - BOTTOM, WIDTH - LEFT - RIGHT

    def y(value) -> float:
        return bottom - (bottom - TOP) * float(value) / float(maximum)

    for mark in (0, maximum / 2, maximum):
        parts.append(
            f'<line x1="{LEFT}" y1="{y(mark):.1f}" x2="{WIDTH - RIGHT}" y2="{y(mark):.1f}" stroke="{GRID}"/>'
            f'<text x="{LEFT - 4}" y="{y(mark) + 3:.1f}" text-anchor="end" font-size="9" fill="{MUTED}">'
            f"{escape(_number(round(float(mark), 1)))}{escape(unit)}</text>"
        )
    step = span / (len(points) - 1) if len(points) > 1 else 0

    def flush(run: list[str]) -> None:
        # A run of two points or more is a line; a point alone between gaps is a dot.
        if len(run) > 1:
            parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{INK}" stroke-width="2"/>')
        elif run:
            x, y1 = run[0].split(",")
            parts.append(f'<circle cx="{x}" cy="{y1}" r="3" fill="{INK}"/>')

    run: list[str] = []
    for n, (_, value) in enumerate(points):
        if value is None:
            flush(run)
            run = []
        else:
            run.append(f"{LEFT + n * step:.1f},{y(value):.1f}")
    flush(run)
    if points:
        parts.append(
            f'<text x="{LEFT}" y="{LINE_HEIGHT - 6}" font-size="9" fill="{MUTED}">{escape(points[0][0])}</text>'
            f'<text x="{WIDTH - RIGHT}" y="{LINE_HEIGHT - 6}" text-anchor="end" font-size="9" fill="{MUTED}">'
            f"{escape(points[-1][0])}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def charts_for(outcomes) -> dict[str, SafeString]:
    """The page's charts for an `Outcomes` (governance.outcomes.selectors), by name."""
    occupancy, stays, engagement = outcomes.occupancy, outcomes.stays, outcomes.engagement
    charts = {
        "occupancy": line_chart(
            chart_id="occupancy",
            title="Beds filled each night",
            points=[(f"{day:%b} {day.day}", filled) for day, filled in occupancy.by_day],
            maximum=occupancy.beds,
        ),
        "lengths": bar_chart(chart_id="lengths", title="Length of completed stays", rows=stays.length_bands),
        "reasons": bar_chart(
            chart_id="reasons", title="Why stays ended", rows=[row for row in stays.reasons if row[1]]
        ),
        "engagement": line_chart(
            chart_id="engagement",
            title="Check-ins per resident-day, by week",
            points=[(f"{monday:%b} {monday.day}", rate) for monday, rate in engagement.by_week],
            maximum=100,
            unit="%",
        ),
        "step_ups": bar_chart(
            chart_id="step-ups",
            title="Steps up, by the phase reached",
            rows=[(f"Phase {position}", count) for position, count in outcomes.step_ups],
        ),
        "money": bar_chart(
            chart_id="money",
            title="Charged and collected",
            rows=[("Charged", outcomes.money.charged), ("Collected", outcomes.money.collected)],
        ),
    }
    return charts
