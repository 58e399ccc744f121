"""The homes tell the platform which one home a member belongs to, so the request shows that home's clock
(recovery.registry, "viewer_home")."""

from recovery.registry import viewer_home
from residences.homes import selectors

viewer_home(selectors.viewer_home)
