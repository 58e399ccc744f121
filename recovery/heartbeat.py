"""The scheduler's heartbeat: proof that Celery beat still runs, for /healthz.

Beat sends `recovery.heartbeat` every minute (settings.CELERY_BEAT_SCHEDULE); the worker that runs it writes the
time into the locks store (settings.CACHES["locks"]: its own Redis database, or files under var/ in the embedded
default), which a cache clear never empties. Beat also writes it once as it starts (recovery/celery.py). A heartbeat
older than settings.HEARTH_BEAT_STALE_SECONDS means beat, the broker or every worker has stopped: /healthz then
answers 503.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches

HEARTBEAT_KEY = "hearth:scheduler:last-beat"


def record_beat(at: datetime | None = None) -> None:
    """Store `at` (default now; an aware datetime) as the scheduler's last beat. Raises what the store raises."""
    at = at or datetime.now(tz=UTC)
    caches["locks"].set(HEARTBEAT_KEY, at.timestamp(), timeout=None)


def last_beat() -> datetime | None:
    """The scheduler's last beat (UTC), or None when none was ever recorded. Raises what the store raises."""
    stamp = caches["locks"].get(HEARTBEAT_KEY)
    return datetime.fromtimestamp(stamp, tz=UTC) if stamp is not None else None


def scheduler_status(now: datetime | None = None) -> tuple[str, datetime | None]:
    """("ok" | "stale" | "missing", the last beat or None). Stale: older than HEARTH_BEAT_STALE_SECONDS."""
    beat = last_beat()
    if beat is None:
        return "missing", None
    age = ((now or datetime.now(tz=UTC)) - beat).total_seconds()
    return ("ok" if age <= settings.HEARTH_BEAT_STALE_SECONDS else "stale"), beat
