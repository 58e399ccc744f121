"""Settings of the benchmark's server (`manage.py bench` starts gunicorn with them): Hearth's, from the same
environment, with the yardstick pages routed (`bench_urls`). Nothing else differs, so what is measured is Hearth."""

from recovery.settings import *  # noqa: F403 - the production settings, unchanged but for the URLs below

ROOT_URLCONF = "governance.scale.bench_urls"
