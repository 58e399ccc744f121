"""The base of every domain error: a sentence a person can act on, shown by the view as it is."""


class DomainError(Exception):
    """Raised by services when a rule of the house says no. `str(error)` is the message to show."""
