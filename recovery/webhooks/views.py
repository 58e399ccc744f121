"""The webhook pages, for the organization's administrators: endpoints, their secrets (shown once), test events
and the delivery log."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from recovery.lookups import object_or_404
from recovery.pagination import page_of
from recovery.permissions import member_required, permission_required
from recovery.webhooks import events, selectors, services
from recovery.webhooks.forms import EndpointForm
from recovery.webhooks.models import WebhookEndpoint

PERMISSION = "webhooks.manage_webhooks"
DELIVERIES_PAGE_SIZE = 25


def _secret_session_key(pk: int) -> str:
    # A new secret waits here, in the server-side session, for the one page that shows it, which removes it.
    return f"hearth_webhook_secret_{pk}"


def _endpoint(request, pk) -> WebhookEndpoint:
    return object_or_404(request, WebhookEndpoint, PERMISSION, pk=pk)


@permission_required(PERMISSION)
@require_safe
def endpoint_list(request):
    page = page_of(request, selectors.endpoints())
    return render(request, "recovery/webhooks/endpoint_list.html", {"page": page})


@permission_required(PERMISSION)
def endpoint_add(request):
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = services.create_endpoint(
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data["description"],
                by=request.user,
            )
        except services.WebhookProblem as problem:
            form.add_error(None, str(problem))
        else:
            request.session[_secret_session_key(endpoint.pk)] = secret
            messages.success(request, _("The endpoint is added. Copy its secret now: it is shown only this once."))
            return redirect("webhooks:endpoint_detail", pk=endpoint.pk)
    return render(request, "recovery/webhooks/endpoint_form.html", {"form": form, "endpoint": None})


@member_required
@require_safe
def endpoint_detail(request, pk):
    endpoint = _endpoint(request, pk)
    context = {
        "endpoint": endpoint,
        "secret": request.session.pop(_secret_session_key(endpoint.pk), None),
        "event_list": [events.EVENTS[kind] for kind in endpoint.events if kind in events.EVENTS],
        "page": page_of(request, selectors.deliveries_of(endpoint), DELIVERIES_PAGE_SIZE),
    }
    return render(request, "recovery/webhooks/endpoint_detail.html", context)


@member_required
def endpoint_edit(request, pk):
    endpoint = _endpoint(request, pk)
    initial = {"url": endpoint.url, "description": endpoint.description, "events": endpoint.events}
    form = EndpointForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_endpoint(
                endpoint=endpoint,
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data["description"],
            )
        except services.WebhookProblem as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, _("The endpoint is saved."))
            return redirect("webhooks:endpoint_detail", pk=endpoint.pk)
    return render(request, "recovery/webhooks/endpoint_form.html", {"form": form, "endpoint": endpoint})


@member_required
@require_POST
def endpoint_disable(request, pk):
    endpoint = _endpoint(request, pk)
    services.disable_endpoint(endpoint=endpoint)
    messages.success(request, _("The endpoint is turned off. Nothing more is sent to it until you turn it on."))
    return redirect("webhooks:endpoint_detail", pk=endpoint.pk)


@member_required
@require_POST
def endpoint_enable(request, pk):
    endpoint = _endpoint(request, pk)
    try:
        services.enable_endpoint(endpoint=endpoint)
    except services.WebhookProblem as problem:
        messages.error(request, f"{problem} Edit the endpoint's address, then turn it on.")
    else:
        messages.success(request, _("The endpoint is on again. New events are sent to it."))
    return redirect("webhooks:endpoint_detail", pk=endpoint.pk)


@member_required
@require_POST
def endpoint_rotate_secret(request, pk):
    endpoint = _endpoint(request, pk)
    request.session[_secret_session_key(endpoint.pk)] = services.rotate_secret(endpoint=endpoint)
    messages.success(
        request, _("The endpoint has a new secret, shown below only this once. The old one also signs for 24 hours.")
    )
    return redirect("webhooks:endpoint_detail", pk=endpoint.pk)


@member_required
@require_POST
def endpoint_test(request, pk):
    endpoint = _endpoint(request, pk)
    try:
        services.send_test_event(endpoint=endpoint)
    except services.WebhookProblem as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, _("A test event is on its way. Its delivery shows in the log below."))
    return redirect("webhooks:endpoint_detail", pk=endpoint.pk)
