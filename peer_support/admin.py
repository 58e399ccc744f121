"""Django admin for peer_support: each part registers its models in its own module, imported here."""

from peer_support.community import admin as community_admin  # noqa: F401
