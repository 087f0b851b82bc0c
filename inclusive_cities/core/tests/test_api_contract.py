"""The read API keeps its contract: the OpenAPI document validates, and a property-based run of schemathesis
against a live server finds no failure (allowed requests are answered, forbidden ones refused, every status
documented). A few examples per operation keep it quick; `schemathesis run` goes deeper by hand."""

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.generation.modes import GenerationMode

pytestmark = pytest.mark.django_db(transaction=True)


def test_openapi_document_validates(client):
    document = yaml.safe_load(client.get("/api/v1/schema/").content)
    validate(document)
    for path, operations in document["paths"].items():
        for operation in operations.values():
            assert {"200", "400", "429"} <= set(operation["responses"]), path


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_conforms_to_its_schema(live_server, framework, place, mode):
    # schemathesis's own pytest plugin does not load under pytest 9, so the operations are driven through its
    # Python API: each operation's strategy, a few hypothesis examples each, every built-in check.
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    for operation in operations:

        @given(operation.as_strategy(generation_mode=mode))
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def check(case):
            case.call_and_validate()

        check()
