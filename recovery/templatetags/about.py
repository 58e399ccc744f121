"""`{% hearth_version %}`: the running Hearth's version (pyproject.toml's), for the footer, so a person reporting a
problem can say which release they saw it on."""

from django import template

from recovery.backups import hearth_version as _hearth_version

register = template.Library()


@register.simple_tag
def hearth_version() -> str:
    return _hearth_version()
