"""The ledger's pages: a stay's ledger and its forms, the fee disclosure, a printable statement, the resident's
own balance, and who is behind in a home.

Every view looks its object up through the tenant-scoped manager before it checks permission, so another
organization's id is a 404 for everyone. The forms live here because they serve only these pages.
"""

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.exports import requested_format
from recovery.lookups import object_or_404
from recovery.network import client_ip
from recovery.pdf import render_pdf, wants_pdf
from recovery.permissions import member_required, permission_required
from recovery.tenancy import home_today
from recovery.widgets import DateInput
from residences.homes.lookups import residence_or_404
from residences.homes.models import RentPeriod, RentRule
from residences.ledger import selectors, services
from residences.ledger.exports import LEDGER
from residences.ledger.models import MONEY, EntryCategory, EntryKind, PayerKind, PaymentMethod
from residences.models import FeeDisclosure, LedgerEntry

# --- Forms -----------------------------------------------------------------------------------------------------


def money_field(label="Amount", *, minimum=Decimal("0.01"), **kwargs):
    return forms.DecimalField(
        label=label,
        min_value=minimum,
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        error_messages={
            "invalid": "Enter an amount in dollars and cents, for example 150.00.",
            "max_decimal_places": "Use at most two digits after the point (cents).",
            "min_value": "Enter an amount above zero." if minimum else "The amount cannot be negative.",
            "max_digits": "That amount is too large for the ledger.",
        },
        **kwargs,
    )


def posted_on_field():
    return forms.DateField(
        label="Date", widget=DateInput(), error_messages={"invalid": "Enter a date, for example 2026-11-24."}
    )


class ChargeForm(forms.Form):
    category = forms.ChoiceField(label="What it is for", choices=EntryCategory.choices)
    amount = money_field()
    posted_on = posted_on_field()
    description = forms.CharField(label="Description (optional)", max_length=200, required=False)


class PaymentForm(forms.Form):
    amount = money_field()
    method = forms.ChoiceField(label="How it was paid", choices=PaymentMethod.choices)
    payer_kind = forms.ChoiceField(label="Who paid", choices=PayerKind.choices, initial=PayerKind.RESIDENT)
    payer_name = forms.CharField(
        label="Payer's name",
        max_length=200,
        required=False,
        help_text="Needed when family, an agency or someone else pays.",
    )
    reference = forms.CharField(label="Check or receipt number (optional)", max_length=60, required=False)
    posted_on = posted_on_field()
    description = forms.CharField(label="Note (optional)", max_length=200, required=False)


class CreditForm(forms.Form):
    amount = money_field()
    description = forms.CharField(label="What the credit is for", max_length=200)
    category = forms.ChoiceField(
        label="Against (optional)", choices=[("", "—"), *EntryCategory.choices], required=False
    )
    posted_on = posted_on_field()


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label="Reason for the correction",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="It shows on the ledger and on the resident's statement.",
    )


class DisclosureForm(forms.Form):
    rent_amount = money_field("Rent", minimum=Decimal("0"))
    rent_period = forms.ChoiceField(label="Rent is due", choices=RentPeriod.choices)
    rent_rule = forms.ChoiceField(
        label="Part periods (the first and the last) are charged",
        choices=RentRule.choices,
        initial=RentRule.BY_DAY,
        help_text="The disclosure spells out the rule for the resident. Match the refund policy to it.",
    )
    deposit_amount = money_field("Deposit", minimum=Decimal("0"))
    fee_schedule = forms.CharField(
        label="Other fees (one per line, with the amount)",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    refund_policy = forms.CharField(label="Refund policy", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class SignDisclosureForm(forms.Form):
    agreed = forms.BooleanField(
        label="I have read the rent, the fees and the refund policy above, and I agree to them.",
        error_messages={"required": "Tick the box to say you have read the fees and the refund policy."},
    )
    signed_name = forms.CharField(label="Type your full name to sign", max_length=200)


class StatementForm(forms.Form):
    starts_on = forms.DateField(label="From", widget=DateInput())
    ends_on = forms.DateField(label="To", widget=DateInput())

    MAX_DAYS = 366 * 5

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on:
            if ends_on < starts_on:
                raise forms.ValidationError("The end date comes before the start date; swap them.")
            if (ends_on - starts_on).days > self.MAX_DAYS:
                raise forms.ValidationError("A statement covers at most five years; choose a shorter period.")
        return cleaned


# --- Helpers ---------------------------------------------------------------------------------------------------


def _stay(request, stay_pk, permission):
    return object_or_404(request, selectors.stay_with_resident(), permission, pk=stay_pk)


# The same amount of the same kind on the same stay within this time is asked about before it is posted again: the
# browser's Back and a second "send" carry a fresh one-time token, so only the amount can tell (issue 14, item 5).
SAME_AGAIN_WITHIN = timedelta(minutes=15)


def _post_form(request, *, stay, form_class, post, title, submit, kind, initial=None):
    """The charge, payment and credit pages differ only in their form, the service they call and the entry `kind`.

    An entry just like one posted in the last SAME_AGAIN_WITHIN (same stay, kind and amount) is posted only when
    the person ticks "this is another one": a form sent again from the browser's history is not money twice."""
    today = home_today(selectors.residence_of_stay(stay))
    form = form_class(request.POST or None, initial={"posted_on": today, **(initial or {})})
    ask_same_again = False
    if request.method == "POST" and form.is_valid():
        amount, again = form.cleaned_data["amount"], request.POST.get("same_again") == "yes"
        if not again and selectors.same_entry_lately(stay, kind=kind, amount=amount, within=SAME_AGAIN_WITHIN):
            ask_same_again = True
            form.add_error(
                None,
                f"A {kind} of {amount} was posted for {stay.resident.display_name} a few minutes ago. If this is "
                "another one, tick the box below and send it again; if not, go back to the ledger.",
            )
        else:
            try:
                post(form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{title} is posted.")
                return redirect("residences:ledger", stay_pk=stay.pk)
    context = {"stay": stay, "form": form, "title": title, "submit": submit, "ask_same_again": ask_same_again}
    return render(request, "residences/ledger/entry_form.html", context)


# --- Staff pages ------------------------------------------------------------------------------------------------


@member_required
@require_safe
def ledger(request, stay_pk):
    stay = _stay(request, stay_pk, "residences.manage_ledger")
    fmt = requested_format(request)
    if fmt:
        return LEDGER.response(request, selectors.ledger_rows(stay), fmt)
    record_view(stay, detail="ledger")
    context = {
        "stay": stay,
        "page": selectors.ledger_page(stay, page_number=request.GET.get("page")),
        "summary": selectors.ledger_summary(stay),
    }
    return render(request, "residences/ledger/ledger.html", context)


@member_required
def post_charge(request, stay_pk):
    stay = _stay(request, stay_pk, "residences.manage_ledger")
    return _post_form(
        request,
        stay=stay,
        form_class=ChargeForm,
        title="The charge",
        submit="Post the charge",
        initial={"category": EntryCategory.RENT},
        kind=EntryKind.CHARGE,
        post=lambda data: services.post_charge(stay=stay, by=request.user, **data),
    )


@member_required
def record_payment(request, stay_pk):
    stay = _stay(request, stay_pk, "residences.manage_ledger")
    return _post_form(
        request,
        stay=stay,
        form_class=PaymentForm,
        title="The payment",
        submit="Record the payment",
        kind=EntryKind.PAYMENT,
        post=lambda data: services.record_payment(stay=stay, by=request.user, **data),
    )


@member_required
def post_credit(request, stay_pk):
    stay = _stay(request, stay_pk, "residences.manage_ledger")
    return _post_form(
        request,
        stay=stay,
        form_class=CreditForm,
        title="The credit",
        submit="Post the credit",
        kind=EntryKind.CREDIT,
        post=lambda data: services.post_credit(stay=stay, by=request.user, **data),
    )


@member_required
def correct_entry(request, pk):
    entry = object_or_404(
        request,
        LedgerEntry.objects.select_related("stay__resident", "correction"),
        "residences.manage_ledger",
        pk=pk,
        checked_on="stay",
    )
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_entry(entry=entry, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The entry is reversed. If a different amount is due, post it as a new entry."))
            return redirect("residences:ledger", stay_pk=entry.stay_id)
    context = {"entry": entry, "stay": entry.stay, "form": form}
    return render(request, "residences/ledger/correct.html", context)


@member_required
def prepare_disclosure(request, stay_pk):
    stay = _stay(request, stay_pk, "residences.manage_ledger")
    form = DisclosureForm(request.POST or None, initial=selectors.disclosure_defaults(stay))
    if request.method == "POST" and form.is_valid():
        try:
            disclosure = services.prepare_fee_disclosure(stay=stay, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "The disclosure is ready. The resident can sign it on their phone under “My balance”, "
                    "or here with you in person."
                ),
            )
            return redirect("residences:sign_disclosure", pk=disclosure.pk)
    context = {"stay": stay, "form": form}
    return render(request, "residences/ledger/disclosure_form.html", context)


@member_required
@require_safe
def behind(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "residences.view_balances")
    record_view(residence, detail="residents' balances")
    stays = selectors.residence_balances(residence, today=home_today(residence))
    context = {
        "residence": residence,
        "behind": [stay for stay in stays if stay.balance > 0],
        "others": [stay for stay in stays if stay.balance <= 0],
    }
    return render(request, "residences/ledger/behind.html", context)


# --- Pages for staff and the resident ------------------------------------------------------------------------


@member_required
def sign_disclosure(request, pk):
    disclosure = object_or_404(
        request,
        FeeDisclosure.objects.select_related("stay__resident"),
        "residences.sign_fee_disclosure",
        pk=pk,
        checked_on="stay",
    )
    stay = disclosure.stay
    is_resident = stay.resident.user_id == request.user.pk
    form = SignDisclosureForm(request.POST or None)
    if request.method == "POST" and not disclosure.is_signed and form.is_valid():
        try:
            services.sign_fee_disclosure(
                disclosure=disclosure,
                signed_name=form.cleaned_data["signed_name"],
                agreed=form.cleaned_data["agreed"],
                by=request.user,
                ip_address=client_ip(request),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Signed. Thank you: a copy stays with the ledger."))
            if is_resident:
                return redirect("residences:my_balance")
            return redirect("residences:ledger", stay_pk=stay.pk)
    context = {"disclosure": disclosure, "stay": stay, "form": form, "is_resident": is_resident}
    return render(request, "residences/ledger/sign_disclosure.html", context)


@member_required
@require_safe
def statement(request, stay_pk):
    stay = _stay(request, stay_pk, "residences.view_ledger")
    residence = selectors.residence_of_stay(stay)
    today = home_today(residence)
    # This month so far unless the period is given (a PDF link may ask with `?format=pdf` alone).
    form = StatementForm({"starts_on": today.replace(day=1), "ends_on": today} | request.GET.dict())
    context = {"stay": stay, "form": form, "statement": None, "residence": residence}
    if form.is_valid():
        record_view(stay, detail="statement")
        context["statement"] = selectors.statement(
            stay, starts_on=form.cleaned_data["starts_on"], ends_on=form.cleaned_data["ends_on"]
        )
        if wants_pdf(request):
            return render_pdf(
                request, "residences/ledger/statement.html", context, filename=f"statement-{today:%Y-%m-%d}.pdf"
            )
    return render(request, "residences/ledger/statement.html", context)


@permission_required("residences.view_own_balance")
@require_safe
def my_balance(request):
    stay = selectors.own_stay(request.user)
    context = {"stay": stay, "process": selectors.nonpayment_process()}
    if stay is not None:
        record_view(stay, detail="own ledger")
        today = home_today(selectors.residence_of_stay(stay))
        context |= {
            "summary": selectors.ledger_summary(stay, for_resident=True),
            "page": selectors.ledger_page(stay, page_number=request.GET.get("page"), per_page=20),
            "statement_from": today - timedelta(days=30),
            "today": today,
        }
    return render(request, "residences/ledger/my_balance.html", context)
