"""Uploads through Django's storage API (issue 19): the file system by default, any S3-compatible store by setting.

The S3 test runs moto's S3 server in this process (ThreadedMotoServer on a free port) and sends a compliance document
up and down through Hearth's own pages; another organization's staff get 404 for it.
"""

import socket

import boto3
import pytest
from django.core.files.storage import storages
from django.urls import reverse

from recovery.models import Role
from recovery.tenancy import tenant_scope
from residences.compliance import services
from residences.compliance.models import ComplianceItem
from tests.recovery.builders import make_member
from tests.residences.builders import PDF_BYTES, make_home
from tests.test_settings import load_settings as production_settings  # noqa: F401 - a fixture: settings.py, evaluated

BUCKET = "hearth-test-uploads"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    """An S3-compatible server (moto) on loopback; yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_storage(s3_server, settings, production_settings):  # noqa: F811 - the imported fixture
    """Hearth's settings for HEARTH_STORAGE=s3 pointed at the test server, with an empty bucket; yields a client."""
    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}
    client = boto3.client("s3", endpoint_url=s3_server, **credentials)
    client.create_bucket(Bucket=BUCKET)
    storage = production_settings(  # recovery/settings.py as HEARTH_STORAGE=s3 makes it
        HEARTH_STORAGE="s3",
        HEARTH_S3_BUCKET=BUCKET,
        HEARTH_S3_ENDPOINT_URL=s3_server,
        HEARTH_S3_REGION="us-east-1",
        HEARTH_S3_ACCESS_KEY_ID="testing",
        HEARTH_S3_SECRET_ACCESS_KEY="testing",
        HEARTH_S3_PREFIX="uploads",
    )["STORAGES"]["default"]
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    yield client
    for stored in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=stored["Key"])
    client.delete_bucket(Bucket=BUCKET)


def test_the_file_system_is_the_embedded_default(settings):
    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_a_compliance_document_round_trips_through_s3_and_stays_in_its_organization(client, harbor, cedar, s3_storage):
    assert type(storages["default"]).__name__ == "S3Storage"
    home = make_home(harbor, name="Maple House", level=2)
    with tenant_scope(harbor):
        services.create_checklist_for(residence=home)
        item = ComplianceItem.objects.get(residence=home, code="ADM-01")
    client.force_login(make_member(harbor, Role.STAFF))
    response = client.post(
        reverse("residences:compliance_item", kwargs={"pk": item.pk}),
        {"status": "met", "evidence_notes": "Posted in the hall", "document": _upload("mission.pdf")},
    )
    assert response.status_code == 302

    keys = [stored["Key"] for stored in s3_storage.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert len(keys) == 1 and keys[0].startswith("uploads/")
    assert "mission" not in keys[0]  # stored under a random name; the original name is only on record
    stored = s3_storage.get_object(Bucket=BUCKET, Key=keys[0])
    assert stored["Body"].read() == PDF_BYTES
    assert stored["ServerSideEncryption"] == "AES256"

    url = reverse("residences:compliance_document", kwargs={"pk": item.pk})
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert 'filename="mission.pdf"' in download["Content-Disposition"]

    client.force_login(make_member(cedar, Role.STAFF))
    assert client.get(url).status_code == 404


def _upload(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def test_an_unknown_storage_is_refused_at_start(production_settings):  # noqa: F811 - the imported fixture
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="HEARTH_STORAGE"):
        production_settings(HEARTH_STORAGE="ftp")
