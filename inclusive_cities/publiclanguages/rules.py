"""Who may choose a place's further languages and enter translations: the place's officers (as for the place's
plans and narrative) and administrators. Who may read a translation: whoever may read what it translates
(selectors)."""

import rules

from inclusive_cities.accounts.rules import is_admin, is_place_officer

# Object: the Place (or a translation, through its place).
rules.add_perm("publiclanguages.manage", is_place_officer | is_admin)
