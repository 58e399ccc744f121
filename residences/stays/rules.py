"""Who may see the stays list: the people who keep the homes (admins, staff, house managers); the rows are still the
ones `selectors.stays_for` gives each of them."""

import rules

from residences.homes.rules import is_house_staff

rules.add_perm("residences.view_stays", is_house_staff)
