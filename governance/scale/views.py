"""The benchmark's yardsticks: pages that do nothing, served only by the benchmark's URLs (`bench_urls`), never by
Hearth's own. A key page's throughput is read as a share of theirs, measured in the same run."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def trivial(request):
    """Nothing at all, for anyone: the cost of Django, the middleware and gunicorn for a visitor without a session."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
@login_required
def signed_in_trivial(request):
    """Nothing, for a signed-in person: adds what every signed-in request costs (session, membership, tenant)."""
    return HttpResponse("ok", content_type="text/plain")
