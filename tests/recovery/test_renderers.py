"""The site's form renderer draws every field one way: label, input, help text and errors, described for
screen readers."""

import re

from django import forms

from recovery.renderers import HearthFormRenderer


class RentForm(forms.Form):
    amount = forms.DecimalField(label="Amount", help_text="In dollars, for example 150.00.")
    signed = forms.BooleanField(label="I have read the disclosure", help_text="Tick to sign.")
    method = forms.ChoiceField(
        label="Paid by", choices=[("cash", "Cash"), ("card", "Card")], widget=forms.RadioSelect, help_text="Pick one."
    )


def _bound():
    form = RentForm(data={"amount": "a lot"})
    form.is_valid()
    return form


def _attrs(html, tag, element_id):
    """The attributes of the `<tag ... id="element_id" ...>` in `html`."""
    (found,) = re.findall(rf'<{tag}\b[^>]*\bid="{element_id}"[^>]*>', html)
    return found


def test_the_site_renders_forms_with_the_house_renderer():
    assert isinstance(RentForm().renderer, HearthFormRenderer)


def test_a_field_shows_its_label_help_text_and_error_and_the_input_points_at_both():
    html = _bound()["amount"].as_field_group()

    assert '<label for="id_amount">Amount</label>' in html
    assert '<small id="id_amount_helptext">In dollars, for example 150.00.</small>' in html
    assert '<small id="id_amount_error" role="alert">Enter a number.</small>' in html
    input_tag = _attrs(html, "input", "id_amount")
    assert 'aria-describedby="id_amount_helptext id_amount_error"' in input_tag
    assert 'aria-invalid="true"' in input_tag


def test_a_checkbox_sits_inside_its_label_when_rendered():
    html = _bound()["signed"].as_field_group()

    assert re.search(r'<label for="id_signed"><input type="checkbox"[^>]*> I have read the disclosure</label>', html)
    assert '<small id="id_signed_helptext">Tick to sign.</small>' in html


def test_a_choice_of_several_is_a_fieldset_named_by_its_legend_and_described_by_its_help_and_error():
    html = _bound()["method"].as_field_group()

    assert '<fieldset aria-describedby="id_method_helptext id_method_error">' in html
    assert "<legend>Paid by</legend>" in html
    assert '<small id="id_method_error" role="alert">This field is required.</small>' in html


def test_a_whole_form_draws_each_field_with_the_same_template():
    html = str(_bound())

    assert '<label for="id_amount">Amount</label>' in html
    assert '<small id="id_amount_error" role="alert">Enter a number.</small>' in html
    assert "<legend>Paid by</legend>" in html
