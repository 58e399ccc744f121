"""Community partners under each goal of a recovery plan (the registry's "plan_goal_extras" key): a goal can
point to the partner organizations that help with it."""

from peer_support.community.selectors import attach_partners
from recovery.registry import plan_goal_extra

plan_goal_extra(template="peer_support/community/_goal_extra.html")(attach_partners)
