"""How a page names a person who wrote, did or owns something.

Authors, reporters and owners are nullable (`on_delete=SET_NULL`: a person's account may be removed, what they
wrote stays), so a page must name "nobody" without failing. Django resolves a filter's *argument* strictly, so
`{{ note.author.get_full_name|default:note.author.email }}` answers 500 when the author is gone; `person` is the
one way templates name such a person.
"""

from django import template

register = template.Library()


@register.filter
def person(user, fallback="Someone"):
    """A user's full name, else their email address, else `fallback` (no user, or a removed one): a str."""
    if user is None:
        return fallback
    return user.get_full_name() or getattr(user, "email", "") or fallback
