"""The API's contract, tested from its own OpenAPI schema with schemathesis (property-based: Hypothesis draws
requests from the schema) against a live server, with real tokens of two organizations in several roles.

For every operation and every token: no answer is a 5xx; every answer's status, content type and body conform to
the schema; no answer of another organization's token carries organization A's data (its rows are marked with
MARKER, and its ids are asked for directly as well); and no operation answers without credentials. Examples are
few per operation (CONTRACT_EXAMPLES) so the test stays under a minute; raise it locally to search harder.
"""

import os

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from recovery.models import Role
from tests.api.builders import make_token
from tests.isolation_routes import API_OBJECTS
from tests.recovery.builders import MARKER, make_member

EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "5"))
# Organization A's tokens see its (marked) rows, so their answers exercise the response schemas on real data; B's
# tokens, in a staff and a resident role, must never see any of them.
TOKENS = {"harbor-light": (Role.ADMIN, Role.RESIDENT), "cedar-path": (Role.HOUSE_MANAGER, Role.RESIDENT, Role.ADMIN)}


def _schema(live_server):
    response = requests.get(f"{live_server.url}/api/schema/?format=json", timeout=30)
    response.raise_for_status()
    schema = schemathesis.openapi.from_dict(response.json())
    schema.config.update(base_url=live_server.url)
    return schema


def _no_server_error(response, case):
    assert response.status_code < 500, f"{case.method} {case.formatted_path} answered {response.status_code}"


@pytest.mark.django_db(transaction=True)
def test_every_operation_keeps_the_contract_for_two_organizations_and_several_roles(live_server, harbor, cedar):
    harbor_ids = {basename: make(harbor) for basename, make in API_OBJECTS.items()}
    tokens = {}
    for org in (harbor, cedar):
        for role in TOKENS[org.slug]:
            tokens[(org.slug, role)] = make_token(make_member(org, role), org)
    schema = _schema(live_server)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the schema has no operations"
    session = requests.Session()

    for operation in operations:
        # Without credentials: never an answer (401 problem), whatever the operation.
        anonymous = session.request(
            operation.method.upper(),
            live_server.url + operation.path.replace("{id}", str(next(iter(harbor_ids.values())))),
            json={},
            timeout=30,
        )
        assert anonymous.status_code == 401, f"{operation.method} {operation.path} without credentials"

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_the_contract(case):
            for (slug, _role), secret in tokens.items():
                headers = {"Authorization": f"Bearer {secret}"}
                response = case.call(session=session, headers=headers)
                _no_server_error(response, case)
                case.validate_response(
                    response,
                    checks=[status_code_conformance, content_type_conformance, response_schema_conformance],
                    headers=headers,
                )
                if slug != harbor.slug:
                    assert MARKER not in response.text, f"{case.method} {case.formatted_path} leaked to {slug}"

        keeps_the_contract()

    # Organization A's own ids, asked for by B's tokens: never found.
    for operation in operations:
        if "{id}" not in operation.path or operation.method.upper() != "GET":
            continue
        basename = operation.path.split("/")[3]
        url = live_server.url + operation.path.replace("{id}", str(harbor_ids[basename]))
        for (slug, role), secret in tokens.items():
            if slug == cedar.slug:
                answer = session.get(url, headers={"Authorization": f"Bearer {secret}"}, timeout=30)
                assert answer.status_code in (403, 404), f"{url} as {role} of {slug}: {answer.status_code}"
                assert MARKER not in answer.text
