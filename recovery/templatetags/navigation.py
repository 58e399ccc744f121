"""What the site's navigation shows on every page: the signed-in person's unread-message count."""

from django import template

from recovery.notifications import selectors as notification_selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_messages(context) -> int:
    """How many messages the signed-in person has not read (0 when signed out): one count query per page, shared
    with Today."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(request, "membership", None) is None:
        return 0
    return notification_selectors.request_unread_count(request)
