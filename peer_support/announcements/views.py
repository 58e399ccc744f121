"""Announcement pages: the list of a person's homes' announcements (with the form, for those who may post)
and one announcement."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from peer_support.announcements import selectors, services
from peer_support.announcements.forms import AnnouncementForm
from peer_support.announcements.models import Announcement
from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.models import Role
from recovery.permissions import member_required, permission_required, require


@permission_required("peer_support.view_announcements")
def announcements(request):
    membership = request.membership
    homes = selectors.homes_to_post_in(request.user)
    allow_all_homes = membership.role in (Role.ADMIN, Role.STAFF)
    form = None
    if allow_all_homes or homes.exists():
        form = AnnouncementForm(request.POST or None, homes=homes, allow_all_homes=allow_all_homes)
    if request.method == "POST":
        if form is None:
            require(request, "peer_support.post_announcement")
        if form is not None and form.is_valid():
            residence = form.cleaned_data["residence"]
            if residence is not None:
                require(request, "peer_support.post_announcement", residence)
            try:
                services.post_announcement(
                    residence=residence,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    by=request.user,
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Posted. Everyone in the house gets it in their messages."))
                return redirect("peer_support:announcements")
    page = selectors.announcements_page(membership, page_number=request.GET.get("page"))
    return render(request, "peer_support/announcements/announcement_list.html", {"page": page, "form": form})


@member_required
@require_safe
def announcement_detail(request, pk):
    announcement = object_or_404(
        request, Announcement.objects.select_related("residence", "posted_by"), "peer_support.view_announcement", pk=pk
    )
    return render(request, "peer_support/announcements/announcement_detail.html", {"announcement": announcement})
