"""Django admin for governance: each part registers its models in its own module, imported here."""

from . import house_life_admin  # noqa: F401
