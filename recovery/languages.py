"""Each person's language: English or Spanish (issue 18).

A person's saved choice (`User.language`) wins; a person who has not chosen, or a visitor who is not signed in,
gets the browser's `Accept-Language` (Django's `LocaleMiddleware`, which runs first). The choice is made in the
footer of every page, so a visitor can choose before signing in; signed in, it is saved on the account.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def person_language(user) -> str:
    """The language a person reads Hearth in, for messages sent outside a request (email, SMS, push).

    Input: a User (or None). Output: a code from `settings.LANGUAGES`; the site's default when they never chose.
    """
    chosen = getattr(user, "language", "") or ""
    return chosen if chosen in LANGUAGE_CODES else settings.LANGUAGE_CODE


def in_every_language(render) -> str:
    """`render()` once in each language, English first, separated by a blank line: for a message to someone whose
    language Hearth does not know yet (an invitation to a person with no account)."""
    texts = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.append(str(render()))
    return "\n\n".join(dict.fromkeys(texts))


class PersonLanguageMiddleware:
    """After sign-in is known: activate the signed-in person's saved language, over the browser's.

    Runs after `AuthenticationMiddleware`; `LocaleMiddleware` (before it) has already chosen from the language
    cookie or `Accept-Language`, and adds `Content-Language` and `Vary: Accept-Language` to the answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        chosen = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if chosen in LANGUAGE_CODES:
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return self.get_response(request)


@require_POST
def choose_language(request):
    """Save a language choice: on the account when signed in, and in a cookie for this browser either way.

    POST `language` (a code from `settings.LANGUAGES`; anything else changes nothing) and `next` (a path on this
    site to go back to; the home page otherwise). Answers a redirect, never an error page.
    """
    code = request.POST.get("language", "")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=False):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if code in LANGUAGE_CODES:
        if request.user.is_authenticated and request.user.language != code:
            request.user.language = code
            request.user.save(update_fields=["language"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response
