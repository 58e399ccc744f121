"""Phases answer the homes' stay events (the registry's "stay_events" key): a new stay is welcomed into the home's
first phase, and a stay that ends closes its phase (and a good exit is celebrated)."""

from recovery.registry import stay_event
from residents.phases import services


@stay_event("admitted")
def welcome(*, stay) -> None:
    services.welcome(stay=stay, on=stay.move_in)


@stay_event("moved_out")
def farewell(*, stay) -> None:
    services.farewell(stay=stay)
