"""docker-compose.yml describes the production shape: PostgreSQL, Redis, and one image for web, worker, beat."""

import yaml
from django.conf import settings


def load_compose():
    return yaml.safe_load((settings.BASE_DIR / "docker-compose.yml").read_text())


def test_compose_defines_the_five_services():
    assert set(load_compose()["services"]) == {"db", "redis", "web", "worker", "beat"}


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
