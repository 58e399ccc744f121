"""Signals' verbs: a coach acknowledges a signal with a note; a house manager changes the home's thresholds."""

from peer_support.drift_signals.models import SignalAcknowledgement, SignalKind, SignalSettings
from recovery.errors import DomainError


class SignalProblem(DomainError):
    pass


def acknowledge(*, resident, kind: str, evidence: str, note: str, by) -> SignalAcknowledgement:
    """The coach saw the signal and says what they did; it stays hidden until its evidence changes."""
    if kind not in SignalKind.values:
        raise SignalProblem("That signal is not one Hearth knows. Reload the page and try again.")
    if not note.strip():
        raise SignalProblem("Add a short note: what did you do, or what will you do?")
    return SignalAcknowledgement.objects.create(
        resident=resident, kind=kind, evidence=evidence[:60], note=note.strip(), acknowledged_by=by
    )


def settings_of(residence) -> SignalSettings:
    return SignalSettings.objects.filter(residence=residence).first() or SignalSettings(residence=residence)
