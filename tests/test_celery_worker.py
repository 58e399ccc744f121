"""A real Celery worker process runs Hearth's tasks: through Redis when configured, through files when not."""

import subprocess
import sys

import pytest
from django.conf import settings

from recovery.tasks import ping
from tests.conftest import PROJECT_DIR, hearth_env


@pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set; CI sets it")
def test_worker_runs_a_task_sent_through_redis(start_celery_worker):
    queue = start_celery_worker()
    result = ping.apply_async(args=["through-redis"], queue=queue)
    assert result.get(timeout=30) == "pong:through-redis"


def test_worker_runs_a_task_queued_without_redis(start_celery_worker, tmp_path):
    """The embedded default: a web process queues work in files under var/ and a worker process runs it."""
    embedded = {"REDIS_URL": None, "HEARTH_VAR_DIR": str(tmp_path)}
    queue = start_celery_worker(**embedded)
    sender = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from recovery.tasks import ping; "
            f"print(ping.apply_async(args=['through-files'], queue='{queue}').get(timeout=30))",
        ],
        cwd=PROJECT_DIR,
        env=hearth_env(**embedded),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert sender.returncode == 0, sender.stderr
    assert sender.stdout.strip().endswith("pong:through-files")


def test_tasks_are_acknowledged_late_and_retry_with_backoff_by_default():
    assert ping.acks_late is True
    assert ping.retry_backoff is True
    assert ping.max_retries and ping.max_retries > 0
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
