"""Who may look after the organization's webhook endpoints: its administrators, and nobody else."""

import rules

from recovery.rules import is_admin

rules.add_perm("webhooks.manage_webhooks", is_admin)
