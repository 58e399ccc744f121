"""Peer support: Celery tasks, one import per feature (Celery's autodiscovery looks here)."""

from peer_support.checkins import tasks as checkins_tasks  # noqa: F401
