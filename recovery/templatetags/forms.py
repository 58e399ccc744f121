"""`{% csrf_token %}` renders the form's one-time token beside the CSRF token (issue 14, item 5).

Every POST form already renders the CSRF token (Django refuses one that does not), so drawing the one-time token
there puts it into every form, allauth's included, with no template to remember it. Loaded as a template builtin
(settings.TEMPLATES "builtins"), after Django's own, so this tag takes the name's place. See recovery/submissions.py.
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html

from recovery.submissions import FIELD, new_token

register = template.Library()


class CsrfAndOneTimeTokenNode(template.Node):
    def render(self, context):
        csrf = CsrfTokenNode().render(context)
        if not csrf:
            return csrf  # rendered outside a request (an email, a test of a bare template): no form to protect
        return csrf + format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())


@register.tag
def csrf_token(parser, token):
    """The CSRF token's hidden field, then a fresh one-time token's."""
    return CsrfAndOneTimeTokenNode()
