"""Who may open the home pages: anyone signed in has a home; the network dashboard is for network staff
(facilitators and administrators), the same people who follow every place's plan and taskforce."""

import rules

from inclusive_cities.accounts.rules import is_network_staff, is_signed_in

rules.add_perm("home.view_home", is_signed_in)
rules.add_perm("home.view_network_dashboard", is_network_staff)
