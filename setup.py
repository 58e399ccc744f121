"""What an installed Hearth (a wheel, the image) carries; the project's metadata is in pyproject.toml.

The layout keeps the site's own templates and static files at the top of the source tree (`templates/`, `static/`),
beside the apps; a wheel has no source tree, so they travel inside the recovery package as `recovery.site_templates`
and `recovery.site_static`, where `recovery.settings.site_folder()` looks when the top-level folders are absent.
Each app's own `templates/` and `static/` travel as its package data. `tests/test_packaging.py` builds a wheel and
checks that every template and static file is in it.
"""

from setuptools import find_packages, setup

SITE = {"recovery.site_templates": "templates", "recovery.site_static": "static"}
APPS = ["recovery", "residences", "residents", "peer_support", "governance"]

PACKAGES = find_packages(include=[pattern for app in APPS for pattern in (app, f"{app}.*")])

setup(
    packages=PACKAGES + list(SITE),
    package_dir=SITE,
    package_data={
        **{name: ["**/*"] for name in SITE},
        **{package: ["templates/**/*", "static/**/*", "locale/**/*"] for package in PACKAGES},
    },
)
