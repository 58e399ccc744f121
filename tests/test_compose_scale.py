"""docker-compose.scale.yml is the scale plan's shape (issue 19; docs/scaling.md): two web replicas, two workers,
exactly one beat, PgBouncer in transaction mode before PostgreSQL, Redis, and migrations run once before any of
them. Compose has no engine on the test machine, so the file's shape is checked here."""

import yaml
from django.conf import settings

APP = ("web", "worker", "beat")


def load_scale():
    return yaml.safe_load((settings.BASE_DIR / "docker-compose.scale.yml").read_text())


def test_the_scale_file_defines_the_planned_services():
    assert set(load_scale()["services"]) == {"db", "pgbouncer", "redis", "migrate", "web", "worker", "beat"}


def test_two_web_replicas_two_workers_and_exactly_one_beat():
    services = load_scale()["services"]
    assert services["web"]["deploy"]["replicas"] == 2
    assert services["worker"]["deploy"]["replicas"] == 2
    assert services["beat"]["deploy"]["replicas"] == 1


def test_the_app_reaches_postgresql_through_pgbouncer_in_transaction_mode():
    services = load_scale()["services"]
    for name in APP:
        environment = services[name]["environment"]
        assert "@pgbouncer:" in environment["DATABASE_URL"], name
        assert environment["CONN_MAX_AGE"] == "0", f"{name} would hold a pooled connection between requests"
    assert services["pgbouncer"]["environment"]["POOL_MODE"] == "transaction"
    assert "@db:" in services["pgbouncer"]["environment"]["DATABASE_URL"]
    assert services["web"]["environment"]["REDIS_URL"].startswith("redis://redis:")


def test_migrations_run_once_straight_to_postgresql_before_web_workers_and_beat():
    services = load_scale()["services"]
    migrate = services["migrate"]
    assert migrate["command"][-2:] == ["migrate", "--noinput"]
    assert "@db:" in migrate["environment"]["DATABASE_URL"]
    assert migrate["restart"] == "no"
    for name in APP:
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert "migrate" not in " ".join(services[name]["command"]), f"{name} must not migrate at start"


def test_every_replica_shares_the_image_the_settings_and_the_uploaded_files():
    services = load_scale()["services"]
    app = [services[name] for name in APP]
    assert len({service["image"] for service in app} | {services["migrate"]["image"]}) == 1
    assert len({tuple(sorted(service["environment"].items())) for service in app}) == 1
    for service in app:
        (media,) = [volume for volume in service["volumes"] if volume.endswith(service["environment"]["MEDIA_ROOT"])]
        assert media.split(":")[0] in load_scale()["volumes"]


def test_every_long_running_service_has_a_health_check_and_the_data_keeps_volumes():
    compose = load_scale()
    for name, service in compose["services"].items():
        if name != "migrate":
            assert "healthcheck" in service, f"{name} has no health check"
    assert {"postgres-data", "redis-data", "media"} <= set(compose["volumes"])
