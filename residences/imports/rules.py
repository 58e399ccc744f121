"""Who may import homes and residents from a spreadsheet: the organization's administrators, who set the homes up
(the same people who may add a home)."""

import rules

from recovery.rules import is_admin

rules.add_perm("residences.import_spreadsheets", is_admin)
