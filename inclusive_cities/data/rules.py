"""Permissions for local data.

Everyone, signed in or not, may read the catalogue, observations, profiles, the map and the API: it is open
data. Importing changes figures for every place at once (one publisher's file covers the whole country), so it
is a network-wide job: facilitators and admins import; place officers do not (they ask a facilitator), so one
place's upload can never overwrite another place's figures. The import history (who imported what, with the
problems found) is visible to the people who may import and to researchers.
"""

import rules

from inclusive_cities.accounts.rules import is_network_staff, is_researcher

rules.add_perm("data.view_catalogue", rules.always_allow)
rules.add_perm("data.view_observations", rules.always_allow)
rules.add_perm("data.import_data", is_network_staff)
rules.add_perm("data.view_imports", is_network_staff | is_researcher)
