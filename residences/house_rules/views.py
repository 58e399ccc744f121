"""House rules pages. Staff who look after a home publish versions and see who has signed the current one; a
resident reads their own house's rules on their phone and signs them by typing their name."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.network import client_ip
from recovery.pagination import page_of
from recovery.permissions import member_required
from recovery.tenancy import home_today, viewer_today
from recovery.widgets import DateInput
from residences.homes import selectors as homes
from residences.homes.lookups import residence_or_404
from residences.house_rules import selectors, services
from residences.models import HouseRuleVersion


class PublishRulesForm(forms.Form):
    text = forms.CharField(
        label="The house rules",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Plain words, one rule per line or paragraph. Residents read this on their phones.",
    )
    summary = forms.CharField(label="What changed (optional)", required=False, max_length=300)
    effective_on = forms.DateField(label="In force from", widget=DateInput())


class AcknowledgeRulesForm(forms.Form):
    typed_name = forms.CharField(
        label="Type your first and last name", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    read_them = forms.BooleanField(label="I have read these house rules and agree to live by them.")


def _resident_page(request, residence, *, rules, form=None, status=200):
    resident = homes.resident_record_of(request.user)
    return render(
        request,
        "residences/house_rules/rules_resident.html",
        {
            "residence": residence,
            "rules": rules,
            "acknowledgement": selectors.acknowledgement_of(resident, rules),
            "form": form or AcknowledgeRulesForm(),
        },
        status=status,
    )


@member_required
@require_safe
def house_rules(request, residence_pk):
    """Staff: the current version, who has signed it, and the history. A resident: the rules, and signing them."""
    residence = residence_or_404(request, residence_pk, "residences.view_house_rules")
    rules = selectors.current_rules(residence)
    if not request.user.has_perm("residences.publish_house_rules", residence):
        return _resident_page(request, residence, rules=rules)
    return render(
        request,
        "residences/house_rules/rules_staff.html",
        {
            "residence": residence,
            "rules": rules,
            "roll": selectors.acknowledgement_roll(residence, rules, today=home_today(residence)),
            "page": page_of(request, selectors.rule_versions(residence), 10),
        },
    )


@member_required
@require_safe
def my_house_rules(request):
    """The resident's shortcut: the rules of the house they live in today."""
    home = homes.home_of(user=request.user, on=viewer_today(request))
    if home is None:
        return render(request, "residences/house_rules/rules_no_home.html")
    return redirect("residences:house_rules", residence_pk=home.pk)


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish_rules(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "residences.publish_house_rules")
    current = selectors.current_rules(residence)
    form = PublishRulesForm(
        request.POST or None,
        initial={"text": current.text if current else "", "effective_on": home_today(residence)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            rule_version = services.publish_rule_version(residence=residence, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"Version {rule_version.version} is published. Everyone living here is asked to sign it."
            )
            return redirect("residences:house_rules", residence_pk=residence.pk)
    return render(
        request, "residences/house_rules/rules_publish.html", {"residence": residence, "form": form, "current": current}
    )


@member_required
@require_POST
def acknowledge_rules(request, pk):
    rule_version = object_or_404(
        request,
        HouseRuleVersion.objects.select_related("residence__organization"),
        "residences.acknowledge_house_rules",
        pk=pk,
        checked_on="residence",
    )
    residence = rule_version.residence
    form = AcknowledgeRulesForm(request.POST)
    resident = homes.resident_record_of(request.user)
    if form.is_valid():
        try:
            services.acknowledge_rules(
                rule_version=rule_version,
                resident=resident,
                typed_name=form.cleaned_data["typed_name"],
                ip_address=client_ip(request),
                where="In Hearth, signed in",
            )
        except DomainError as error:
            form.add_error("typed_name", str(error))
        else:
            messages.success(request, _("Thank you. You have signed the house rules."))
            return redirect("residences:house_rules", residence_pk=residence.pk)
    return _resident_page(request, residence, rules=selectors.current_rules(residence), form=form, status=400)
