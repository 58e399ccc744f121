"""Django admin for governance: each part registers its models in its own module, imported here."""

from governance.incidents import admin as accountability_admin  # noqa: F401
