"""Tests never take the server's date (UTC) for a house's today: they failed every night between midnight UTC and
midnight in the organizations' time zone (eight of them at once on 2026-12-01). They use `tests.clock.house_today()`
or the organization's own clock (`recovery.tenancy.organization_today`)."""

import re
from pathlib import Path

SERVER_DATE = re.compile(r"\bdate\.today\(\)|\btimezone\.localdate\(\)|\blocaldate\(\)")
TESTS = Path(__file__).parent


def test_no_test_reads_the_servers_date_as_the_houses_today():
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.name in {"clock.py", "test_house_today.py"}:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if SERVER_DATE.search(line):
                offenders.append(f"{path.relative_to(TESTS)}:{number}: {line.strip()}")
    assert not offenders, "use tests.clock.house_today() for the house's today:\n" + "\n".join(offenders)
