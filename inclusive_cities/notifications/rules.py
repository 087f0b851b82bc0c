"""Anyone signed in has their own notifications (a person sees only their own: selectors filter by recipient)."""

import rules

from inclusive_cities.accounts.rules import is_signed_in

rules.add_perm("notifications.view_notifications", is_signed_in)
