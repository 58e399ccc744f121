"""The homes' check-ins list, for the people who keep the homes: every check-in, newest first, one home or all;
`?format=csv|xlsx` exports it (recovery.exports). A resident's own check-ins are on today's pages."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from peer_support.checkins import selectors
from peer_support.checkins.exports import HOME_CHECK_INS
from recovery.exports import requested_format
from recovery.pagination import page_of
from recovery.permissions import permission_required
from residences.homes.lookups import residence_or_404
from residences.homes.selectors import visible_residences


@permission_required("peer_support.view_check_in_list")
@require_safe
def check_in_list(request):
    home = request.GET.get("home", "")
    residence = None
    if home.isdigit():
        residence = residence_or_404(request, int(home), "residences.view_residence")
    rows = selectors.check_ins_for(request.membership, residence=residence)
    fmt = requested_format(request)
    if fmt:
        return HOME_CHECK_INS.response(request, rows, fmt)
    context = {
        "page": page_of(request, rows),
        "homes": visible_residences(request.membership),
        "residence": residence,
        "query": f"home={residence.pk}" if residence else "",
    }
    return render(request, "peer_support/checkins/check_in_list.html", context)
