"""The signed-in home page is made of cards that the domain apps register, so the platform core imports none
of them. A card is a template and a function of the request that returns the card's context — or None when the
card has nothing for this person (wrong role, nothing due)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Card:
    template: str
    context: Callable
    order: int


_CARDS: list[Card] = []


def register(template: str, *, context: Callable, order: int = 50) -> None:
    """Add a card (once per template: app registries may run twice in tests)."""
    if any(card.template == template for card in _CARDS):
        return
    _CARDS.append(Card(template, context, order))
    _CARDS.sort(key=lambda card: card.order)


def cards_for(request) -> list[tuple[str, dict]]:
    shown = []
    for card in _CARDS:
        data = card.context(request)
        if data is not None:
            shown.append((card.template, data))
    return shown
