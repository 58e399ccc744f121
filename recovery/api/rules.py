"""Who may keep API tokens: every member, for themselves (a token never gives more than its owner's role); and who
may see and revoke everyone's: the organization's administrators, who answer for what reaches other software (a
token left behind by someone who changed jobs must not wait for its owner to revoke it)."""

import rules

from recovery.rules import is_admin, is_member


@rules.predicate
def owns_token(user, token) -> bool:
    return token is not None and token.user_id == user.pk


rules.add_perm("api.manage_own_tokens", is_member)
rules.add_perm("api.oversee_tokens", is_admin)
rules.add_perm("api.revoke_token", is_member & (owns_token | is_admin))
