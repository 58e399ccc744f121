"""The Celery app: broker and results from REDIS_URL, or a file queue under var/ when there is no Redis."""

import os

from celery import Celery, Task
from celery.signals import worker_init
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery.settings")


class HearthTask(Task):
    """Every task retries passing trouble (a database or broker that blinked) with backoff, a few times.

    Programming errors are not retried: they would only fail again.
    """

    autoretry_for = (OperationalError, InterfaceError, BrokerError, ConnectionError, TimeoutError)
    retry_backoff = True
    retry_backoff_max = 10 * 60
    retry_jitter = True
    max_retries = 5
    acks_late = True


@worker_init.connect
def refuse_to_start_without_a_secret_key(**kwargs):
    from recovery.startup import require_secret_key

    require_secret_key()


app = Celery("recovery", task_cls=HearthTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
