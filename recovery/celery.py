"""The Celery app: broker and results from REDIS_URL, or a file queue under var/ when there is no Redis; the base
every task runs on (`HearthTask`), and the one door a task about a tenant's row enters by (`tenant_task`)."""

import inspect
import logging
import os
from functools import wraps

from celery import Celery, Task, shared_task
from celery.signals import beat_init, worker_init
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)
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


def tenant_task(
    *,
    name: str,
    model: str,
    related: tuple[str, ...] = (),
    row: str | None = None,
    actor: str = "",
    if_gone=None,
    **options,
):
    """Register a Celery task about one tenant-owned row, as pretix's `EventTask` is about one event.

    The task is queued and called with the row's id; its body is called with the row itself (found with
    scopes disabled, its organization and `related` joined; `model` is "app_label.Model"), inside that
    organization's tenant scope and acting for the audit log as `actor` (default: the task's name). When the
    row is gone the body is not called and the task returns `if_gone`. The row is the body's parameter named
    `row`, by default its first (after `self` for a bound task). `name` and `options` go to `shared_task`.
    """

    def decorator(body):
        signature = inspect.signature(body)
        parameters = list(signature.parameters)
        row_parameter = row or parameters[1 if options.get("bind") else 0]

        @wraps(body)
        def run(*args, **kwargs):
            from django.apps import apps

            from recovery.audit.recorder import acting_as, task_actor
            from recovery.tenancy import row_for_task, tenant_scope

            arguments = signature.bind(*args, **kwargs)
            found = row_for_task(apps.get_model(model), arguments.arguments[row_parameter], *related)
            if found is None:
                return if_gone
            arguments.arguments[row_parameter] = found
            with tenant_scope(found.organization), acting_as(task_actor(actor or name)):
                return body(*arguments.args, **arguments.kwargs)

        run.__signature__ = signature  # Celery checks the arguments a task is queued with against this
        return shared_task(name=name, **options)(run)

    return decorator


@worker_init.connect
def refuse_to_start_without_a_secret_key(**kwargs):
    from recovery.startup import require_secret_key

    require_secret_key()


@beat_init.connect
def record_the_first_beat(**kwargs):
    """Beat's first heartbeat as it starts, so /healthz counts the scheduler from its start (recovery/heartbeat.py);
    a store that is down then must not keep beat from starting: the periodic heartbeat catches up."""
    from recovery.heartbeat import record_beat

    try:
        record_beat()
    except Exception as error:  # any store failure: /healthz reports the missing beat
        logger.warning("beat could not record its first heartbeat: %s", type(error).__name__)


app = Celery("recovery", task_cls=HearthTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
