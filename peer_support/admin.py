"""Django admin for peer_support: each part registers its models in its own module, imported here."""

from . import (
    community_admin,  # noqa: F401
    mentor_admin,  # noqa: F401
)
