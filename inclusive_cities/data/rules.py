"""Permissions for local data.

Everyone, signed in or not, may read the catalogue, observations, profiles, the map and the API: it is open
data. Only facilitators and administrators import figures that every place sees; a place's officer may open the
import form too, but `services.import_file` refuses any figure of theirs for another area than their own place
(their own place's local measures). Every row is validated, the same file twice changes nothing, and every
import is recorded with who made it. The import history is visible to the people who may import and to
researchers. Rolling an import back is for facilitators and administrators.
"""

import rules

from inclusive_cities.accounts.rules import is_network_staff, is_officer_somewhere, is_researcher

rules.add_perm("data.view_catalogue", rules.always_allow)
rules.add_perm("data.view_observations", rules.always_allow)
rules.add_perm("data.import_data", is_network_staff | is_officer_somewhere)
rules.add_perm("data.view_imports", is_network_staff | is_officer_somewhere | is_researcher)
rules.add_perm("data.import_network_data", is_network_staff)
rules.add_perm("data.rollback_import", is_network_staff)
