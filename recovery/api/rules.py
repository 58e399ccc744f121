"""Who may keep API tokens: every member, for themselves (a token never gives more than its owner's role)."""

import rules

from recovery.rules import is_member

rules.add_perm("api.manage_own_tokens", is_member)
