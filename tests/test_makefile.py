"""`make run` serves on PORT and tells the worker's emails to link there: a newcomer who picks another port gets links
that open. The Makefile's recipe runs with stand-ins for the venv's programs, which print what they were given."""

import os
import subprocess
from pathlib import Path

from tests.conftest import PROJECT_DIR

STAND_IN = """#!/bin/sh
echo "$(basename "$0") $* base_url=$HEARTH_BASE_URL debug=$DEBUG"
"""


def _venv_of_stand_ins(folder: Path) -> Path:
    venv = folder / "venv"
    (venv / "bin").mkdir(parents=True)
    for program in ("python", "honcho"):
        path = venv / "bin" / program
        path.write_text(STAND_IN)
        path.chmod(0o755)
    (venv / ".installed").touch()  # newer than pyproject.toml: nothing to install
    return venv


def _make_run(tmp_path, **variables) -> str:
    venv = _venv_of_stand_ins(tmp_path)
    environment = {key: value for key, value in os.environ.items() if key not in ("HEARTH_BASE_URL", "DEBUG")}
    arguments = [f"{name}={value}" for name, value in {"VENV": venv, **variables}.items()]
    result = subprocess.run(
        ["make", "--no-print-directory", "run", *arguments],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_make_run_serves_on_port_8000_and_links_there_by_default(tmp_path):
    output = _make_run(tmp_path)
    assert "honcho start --procfile Procfile --port 8000 base_url=http://127.0.0.1:8000 debug=true" in output
    assert "python manage.py seed_demo base_url=http://127.0.0.1:8000" in output


def test_make_run_on_another_port_links_emails_to_that_port(tmp_path):
    output = _make_run(tmp_path, PORT="8123")
    assert "honcho start --procfile Procfile --port 8123 base_url=http://127.0.0.1:8123" in output
    assert "Hearth is starting on http://127.0.0.1:8123/" in output
