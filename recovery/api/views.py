"""The API's pages: a person's tokens (make one, its secret shown once; list; revoke), and the operators' guide at
/api/ (how to make a token, the errors, idempotency, ETags, and the webhooks' signature and events)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST, require_safe

from recovery.api import selectors, services
from recovery.api.errors import KINDS, PROBLEM_BASE
from recovery.api.forms import TokenForm
from recovery.api.models import ApiToken
from recovery.lookups import found_or_404
from recovery.pagination import page_of
from recovery.permissions import permission_required, require


@permission_required("api.manage_own_tokens")
def tokens(request):
    """GET: the person's tokens and the form; POST: make a token and show its secret, this once."""
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.create_token(membership=request.membership, **form.cleaned_data)
        except services.TokenRefused as refused:
            form.add_error(None, str(refused))
        else:
            form = TokenForm()
    context = {
        "form": form,
        "secret": secret,
        "tokens": page_of(request, selectors.tokens_of(request.user)),
        "needs_second_factor": services.needs_second_factor(request.membership),
    }
    return render(request, "api/tokens.html", context)


@require_safe
@permission_required("api.oversee_tokens")
def organization_tokens(request):
    """For the organization's administrators: every token that still works, whoever made it, to revoke any."""
    tokens = page_of(request, selectors.tokens_in_organization())
    return render(request, "api/organization_tokens.html", {"tokens": tokens})


@require_POST
@permission_required("api.manage_own_tokens")
def revoke(request, pk):
    """Revoke one of the person's own tokens, or, for an administrator, anyone's in the organization (another
    organization's is not found; another person's, for anyone else, is refused and the refusal audited)."""
    token = found_or_404(request, ApiToken.objects.select_related("user"), pk=pk)
    require(request, "api.revoke_token", token)
    services.revoke_token(token=token)
    owner = "" if token.user_id == request.user.pk else f" of {token.user.get_full_name() or token.user.email}"
    messages.success(request, f"The token {token.prefix}…{owner} no longer works.")
    back = "recovery:api_tokens_everyone" if request.POST.get("back") == "everyone" else "recovery:api_tokens"
    return redirect(back)


def _webhooks_url() -> str | None:
    try:
        return reverse("webhooks:endpoints")
    except NoReverseMatch:
        return None


@require_safe
def guide(request):
    """The operators' guide to the API, open to anyone (it describes the API, never data)."""
    problems = [(PROBLEM_BASE + slug, status, title) for status, (slug, title) in sorted(KINDS.items())]
    context = {"problems": problems, "webhooks_url": _webhooks_url(), "max_days": services.MAX_DAYS}
    return render(request, "api/guide.html", context)
