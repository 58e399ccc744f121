"""Hearth's platform core: settings, urls, the Celery app, accounts and (soon) tenancy, audit, notifications."""

# Load the Celery app with Django so that @shared_task binds to it.
from recovery.celery import app as celery_app

__all__ = ("celery_app",)
