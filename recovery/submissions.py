"""A form is acted on once however often it is sent (issue 14, item 5).

Every POST form carries a one-time token: `{% csrf_token %}` renders it beside the CSRF token
(`recovery/templatetags/forms.py`), so no template can forget it. The first request carrying a token claims it with
a row whose token is unique in PostgreSQL (`FormSubmission`); a second request with the same token (a second
click on a slow connection, a reload that posts again) does not reach the view: it is sent where the first one's
answer went, with a calm "already saved". A first sending that came back without a redirect (the form with its
errors, a download) or failed releases its token, so correcting the form and sending it again works. The
button is disabled after the first click as well (`recovery/static/js/forms.js`), but the server is what guarantees it.
"""

import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from recovery.models import FormSubmission

FIELD = "form_token"
ALREADY_SAVED = "This was already sent, so it was not saved a second time."
STILL_SAVING = "This was already sent and is still being saved. Check the page in a moment before sending it again."
# How long a second sending waits for the first one's answer before it is sent back to the page.
WAIT_SECONDS = 5.0
_POLL_SECONDS = 0.2


def new_token() -> str:
    """A fresh one-time token for one rendered form (a random UUID4, as text)."""
    return str(uuid.uuid4())


def token_of(request) -> uuid.UUID | None:
    """The one-time token a POST request carries, or None when it carries none or a malformed one (such a request
    is handled as a form without a token: the view decides, as before the tokens)."""
    if request.method != "POST":
        return None
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except (ValueError, TypeError, AttributeError):
        return None


def claim(token: uuid.UUID, *, path: str) -> FormSubmission | None:
    """The new claim of `token` for a request to `path`, or None when another request claimed it first.

    Runs in its own transaction (a savepoint inside an outer one) and commits at once outside one, so a concurrent
    second sending sees the claim while the first is still being saved.
    """
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(token=token, path=path[:300])
    except IntegrityError:
        return None


def settle(submission: FormSubmission, response) -> None:
    """Keep the claim of a sending whose answer was a redirect (the form was taken), with where it went; release
    it otherwise (the form came back with its errors, a file was downloaded, the person was refused)."""
    if response.status_code in (301, 302, 303, 307, 308) and response.get("Location"):
        FormSubmission.objects.filter(pk=submission.pk).update(answered_with=response["Location"][:2000])
    else:
        release(submission)


def release(submission: FormSubmission) -> None:
    """Forget a claim, so the same form can be sent again."""
    FormSubmission.objects.filter(pk=submission.pk).delete()


def replay(request, token: uuid.UUID):
    """The answer to a sending of a form already sent: claim the token after all when the first sending released
    it (then None: the view runs), else a redirect to where the first answer went, waiting up to WAIT_SECONDS for
    a first sending still being saved, then back to the page it came from."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        first = FormSubmission.objects.filter(token=token).only("answered_with").first()
        if first is None:
            request.form_submission = claim(token, path=request.path)
            if request.form_submission is not None:
                return None
            continue  # claimed again in between: look at that claim
        if first.answered_with:
            messages.info(request, ALREADY_SAVED)
            return redirect(first.answered_with)
        if time.monotonic() >= deadline:
            messages.info(request, STILL_SAVING)
            return redirect(_page_it_came_from(request))
        time.sleep(_POLL_SECONDS)


def _page_it_came_from(request) -> str:
    referer = request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return referer
    return settings.LOGIN_REDIRECT_URL


class OneSubmitMiddleware:
    """Claim each POST's one-time token before its view runs; answer a second sending without running the view.

    Last in MIDDLEWARE, so that only the view's own answer settles a claim: a request the session or second-step
    middleware turned away never reached a view and claims nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.form_submission = None
        response = self.get_response(request)
        if request.form_submission is not None:
            settle(request.form_submission, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        token = token_of(request)
        if token is None:
            return None
        request.form_submission = claim(token, path=request.path)
        if request.form_submission is not None:
            return None
        return replay(request, token)

    def process_exception(self, request, exception):
        """A view that raised (a 404, a refusal, a fault) took nothing: the form may be sent again."""
        if getattr(request, "form_submission", None) is not None:
            release(request.form_submission)
            request.form_submission = None
