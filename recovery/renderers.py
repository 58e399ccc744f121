"""The site's form renderer: every field on every page is drawn by one template, `recovery/forms/field.html`."""

from django.forms.renderers import TemplatesSetting


class HearthFormRenderer(TemplatesSetting):
    """Django's renderer through the site's template settings, so `{{ form }}`, `{{ form.as_div }}` and
    `{{ field.as_field_group }}` all draw a field the house way: its label, the input, help text and errors,
    with the ids the input's `aria-describedby` names."""

    field_template_name = "recovery/forms/field.html"
