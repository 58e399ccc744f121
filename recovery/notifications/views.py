"""The notification centre's pages: a person's own inbox and preferences, never anyone else's."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recovery.lookups import found_or_404
from recovery.notifications import push, selectors, services
from recovery.notifications.forms import NotificationPreferenceForm, PushSubscriptionForm
from recovery.notifications.models import Notification, is_in_app_path
from recovery.pagination import page_of
from recovery.permissions import member_required


@member_required
@require_safe
def inbox(request):
    page = page_of(request, selectors.inbox(request.user))
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "unread_count": selectors.unread_count(request.user)},
    )


@member_required
@require_POST
def open_notification(request, pk):
    # Looked up by recipient too: another person's notification, or another organization's, is simply not found.
    notification = found_or_404(request, Notification, pk=pk, recipient=request.user)
    services.mark_read(notification=notification, user=request.user)
    if notification.url and is_in_app_path(notification.url):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@member_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:inbox")


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    time_zone = request.organization.time_zone
    if request.method == "POST":
        form = NotificationPreferenceForm(request.POST, time_zone=time_zone)
        if form.is_valid():
            services.update_preferences(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
    else:
        form = NotificationPreferenceForm(instance=selectors.current_preference(request.user), time_zone=time_zone)
    context = {"form": form, "push_key": settings.HEARTH_VAPID_PUBLIC_KEY if push.is_configured() else ""}
    return render(request, "notifications/preferences.html", context)


@member_required
@require_POST
def push_subscription(request):
    """Turn push on (`action=subscribe`, the default) or off (`action=unsubscribe`) for this device. Answers 204, or
    400 with a sentence for the page to show."""
    form = PushSubscriptionForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": "This browser's push subscription is incomplete. Try again."}, status=400)
    if request.POST.get("action") == "unsubscribe":
        services.unsubscribe_push(user=request.user, endpoint=form.cleaned_data["endpoint"])
        return HttpResponse(status=204)
    try:
        services.subscribe_push(user=request.user, **form.cleaned_data)
    except services.InvalidPushSubscription as error:
        return JsonResponse({"error": str(error)}, status=400)
    return HttpResponse(status=204)
