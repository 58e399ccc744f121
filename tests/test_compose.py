"""docker-compose.yml describes the production shape: PostgreSQL, Redis, and one image for web, worker, beat."""

import yaml
from django.conf import settings


def load_compose():
    return yaml.safe_load((settings.BASE_DIR / "docker-compose.yml").read_text())


def test_compose_defines_the_services():
    assert set(load_compose()["services"]) == {"db", "redis", "migrate", "web", "worker", "beat"}


def test_web_worker_and_beat_share_one_image_and_the_same_settings():
    services = load_compose()["services"]
    app = [services[name] for name in ("web", "worker", "beat")]
    assert len({service["image"] for service in app}) == 1
    assert len({tuple(sorted(service["environment"].items())) for service in app}) == 1
    environment = app[0]["environment"]
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert "@db:" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"].startswith("redis://redis:")


def test_every_service_has_a_health_check_and_the_database_keeps_a_volume():
    compose = load_compose()
    for name, service in compose["services"].items():
        if service.get("restart") == "no":
            continue  # a one-off (migrate) is judged by its exit status
        assert "healthcheck" in service, f"{name} has no health check"
    assert any(str(volume).endswith("/var/lib/postgresql/data") for volume in compose["services"]["db"]["volumes"])
    assert compose.get("volumes"), "the database volume should be a named volume"


def test_app_services_wait_for_healthy_database_and_redis():
    services = load_compose()["services"]
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["db"]["condition"] == depends["redis"]["condition"] == "service_healthy"


def test_the_image_is_built_from_the_dockerfile_that_exists():
    services = load_compose()["services"]
    builds = [service["build"] for service in services.values() if "build" in service]
    assert builds
    assert (settings.BASE_DIR / "Dockerfile").is_file()


def test_migrations_run_once_in_their_own_service_before_web_worker_and_beat():
    """Issue 19: migrations at every web start raced between two web replicas."""
    services = load_compose()["services"]
    migrate = services["migrate"]
    assert migrate["restart"] == "no"
    assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert migrate["image"] == services["web"]["image"]
    assert migrate["environment"] == services["web"]["environment"]
    assert "migrate" not in migrate["depends_on"]
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert "migrate" not in " ".join(services[name]["command"])


def test_the_web_health_check_passes_with_only_the_public_name_allowed(client, db, settings):
    """The compose check asks http://127.0.0.1:8000/healthz; production's ALLOWED_HOSTS holds only the public name."""
    from recovery.heartbeat import record_beat

    record_beat()
    check = " ".join(load_compose()["services"]["web"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/healthz" in check
    settings.ALLOWED_HOSTS = ["hearth.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    # Every other page still refuses a host it does not know.
    assert client.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400


def test_uploads_keep_a_volume_shared_by_web_and_worker():
    compose = load_compose()
    for name in ("web", "worker"):
        assert "media:/app/var/media" in compose["services"][name]["volumes"]
    assert "media" in compose["volumes"]
