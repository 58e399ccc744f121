"""The OpenAPI schema is valid, covers every registered API route, and its reference page loads no inline script."""

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

from recovery.registry import registry

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_warnings(tmp_path):
    schema_file = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema_file))
    schema = yaml.safe_load(schema_file.read_text())
    prefixes = {path.split("/")[3] for path in schema["paths"]}
    assert {route.prefix for route in registry["api_routes"]} <= prefixes


def test_every_operation_documents_its_problem_answers(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("401", "403", "404", "429"):
                content = operation["responses"][status]["content"]
                assert "application/problem+json" in content, f"{method} {path} {status}"


def test_the_reference_page_runs_only_script_files_from_this_site(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>" not in page and "<style>" not in page
    assert "cdn" not in page.lower()
    script = client.get(reverse("api:docs") + "?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()
    assert "'unsafe-inline'" not in response.get("Content-Security-Policy", "")
