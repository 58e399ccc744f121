"""The signed-in home page is made of cards that features register under the registry's "dashboard" key
(`recovery.registry.dashboard_card`), so the platform core imports none of them."""

from recovery.registry import registry


def cards_for(request) -> list[tuple[str, dict]]:
    """The cards this person sees, in order: (template, context) for each card whose context is not None."""
    shown = []
    for card in registry["dashboard"]:
        data = card.context(request)
        if data is not None:
            shown.append((card.template, data))
    return shown
