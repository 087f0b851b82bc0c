"""Permissions for local data.

Everyone, signed in or not, may read the catalogue, observations, profiles, the map and the API: it is open
data. Facilitators, admins and place officers import publishers' files (as the method asks of them). One file
usually covers the whole country, so an import is checked against the publisher's format, every row is
validated, only the publisher's own figures are stored, the same file twice changes nothing, and every import is
recorded with who made it. The import history is visible to the people who may import and to researchers.
"""

import rules

from inclusive_cities.accounts.rules import is_network_staff, is_officer_somewhere, is_researcher

rules.add_perm("data.view_catalogue", rules.always_allow)
rules.add_perm("data.view_observations", rules.always_allow)
rules.add_perm("data.import_data", is_network_staff | is_officer_somewhere)
rules.add_perm("data.view_imports", is_network_staff | is_officer_somewhere | is_researcher)
