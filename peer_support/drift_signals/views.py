"""A home's signal thresholds, for its house manager or an admin."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from peer_support.drift_signals.forms import SignalSettingsForm
from peer_support.drift_signals.services import settings_of
from recovery.permissions import member_required
from residences.homes.lookups import residence_or_404


@member_required
def signal_settings(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "peer_support.change_signal_settings")
    form = SignalSettingsForm(request.POST or None, instance=settings_of(residence))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The home's signal thresholds are saved."))
        return redirect("peer_support:signal_settings", residence_pk=residence.pk)
    return render(request, "peer_support/drift_signals/signal_settings.html", {"residence": residence, "form": form})
