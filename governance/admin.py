"""Django admin for governance: each part registers its models in its own module, imported here."""

from . import (
    accountability_admin,  # noqa: F401
    house_life_admin,  # noqa: F401
    meeting_admin,  # noqa: F401
)
