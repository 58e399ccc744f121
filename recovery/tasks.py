"""Platform tasks."""

from celery import shared_task


@shared_task(name="recovery.ping")
def ping(token: str) -> str:
    """Echo a token back: proves that a worker takes work from the broker and reports the result."""
    return f"pong:{token}"
