"""An open-source project's papers (issue 19): the installed package carries its templates and static files, every
dependency is pinned in constraints.txt (which the image, the Makefile and CI install from), the version shows in
the footer, and the license is the AGPL's full text."""

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(settings.BASE_DIR)
APPS = ("recovery", "residences", "residents", "peer_support", "governance")


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def pinned() -> dict[str, str]:
    """{canonical name: version} of constraints.txt's `name==version` lines."""
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_every_dependency_and_dev_dependency_is_pinned_within_its_range_in_the_constraints():
    project = pyproject()["project"]
    requirements = [Requirement(text) for text in project["dependencies"] + project["optional-dependencies"]["dev"]]
    pins = pinned()
    unpinned = [str(r) for r in requirements if canonicalize_name(r.name) not in pins]
    assert not unpinned, f"Regenerate constraints.txt (the command is at its top): {unpinned} are not pinned"
    outside = [
        f"{r} (pinned {pins[canonicalize_name(r.name)]})"
        for r in requirements
        if not r.specifier.contains(pins[canonicalize_name(r.name)], prereleases=True)
    ]
    assert not outside, f"constraints.txt pins these outside pyproject.toml's range: {outside}"
    assert "hearth" not in pins, "the project itself is not a constraint"


def test_the_image_and_the_makefile_install_with_the_constraints():
    assert "-c constraints.txt" in (ROOT / "Dockerfile").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert makefile.count("-c constraints.txt") == 2, "both installs (make install, make install-dev) use them"


def test_a_built_wheel_carries_every_template_and_static_file(tmp_path):
    """A non-editable install has no source folder beside it: what is not in the wheel is missing from the site."""
    # Built from a copy: setuptools leaves build/ and *.egg-info in the folder it builds, and the source tree's
    # template scans would then find every template twice.
    source = tmp_path / "source"
    for app in APPS:
        shutil.copytree(ROOT / app, source / app, ignore=shutil.ignore_patterns("__pycache__"))
    for site in ("templates", "static"):
        shutil.copytree(ROOT / site, source / site)
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("hearth-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        path.relative_to(ROOT).as_posix()
        for app in APPS
        for folder in ("templates", "static")
        for path in (ROOT / app).rglob(f"{folder}/**/*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    # The site's top-level folders travel inside recovery (setup.py; recovery.settings.site_folder finds them).
    expected |= {
        f"recovery/site_{site}/{path.relative_to(ROOT / site).as_posix()}"
        for site in ("templates", "static")
        for path in (ROOT / site).rglob("*")
        if path.is_file()
    }
    assert {"recovery/site_templates/base.html", "recovery/site_static/css/hearth.css"} <= expected
    missing = sorted(expected - names)
    assert not missing, f"the wheel lacks {len(missing)} files, e.g. {missing[:5]}"
    assert f"hearth-{pyproject()['project']['version']}.dist-info/METADATA" in names


@pytest.mark.django_db
def test_every_page_names_the_version_in_its_footer(client):
    page = client.get("/accounts/login/").content.decode()
    assert f'<span class="version">Hearth {pyproject()["project"]["version"]}</span>' in page


def test_the_license_is_the_full_text_of_the_agpl_version_3():
    text = (ROOT / "LICENSE").read_text()
    assert text.lstrip().startswith("GNU AFFERO GENERAL PUBLIC LICENSE")
    assert "Version 3, 19 November 2007" in text and "13. Remote Network Interaction" in text
    assert "END OF TERMS AND CONDITIONS" in text
    assert pyproject()["project"]["license"] == {"text": "AGPL-3.0-or-later"}
