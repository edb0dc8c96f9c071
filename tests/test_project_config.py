"""The project's mkdocs.yml takes the published address and the repository from the
environment (the publish workflow sets them), with placeholders for local builds; the
publish workflow itself is a valid GitHub Actions workflow that runs README's commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "mkdocs.yml"
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def test_site_url_and_edit_uri_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REGKB_SITE_URL", "https://owner.github.io/kb/")
    monkeypatch.setenv("REGKB_EDIT_URI", "https://github.com/owner/kb/edit/main/docs/")
    config = load_config(str(CONFIG))
    assert config.site_url == "https://owner.github.io/kb/"
    assert config.edit_uri == "https://github.com/owner/kb/edit/main/docs/"


def test_without_them_the_placeholders_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGKB_SITE_URL", raising=False)
    monkeypatch.delenv("REGKB_EDIT_URI", raising=False)
    config = load_config(str(CONFIG))
    assert config.site_url == "https://regkb.example.org/"
    assert config.edit_uri.startswith("https://github.com/")


def check_workflow(path: Path) -> subprocess.CompletedProcess[str]:
    """Validate ``path`` against GitHub's workflow schema (vendored in check-jsonschema, so
    no network): the workflow cannot run here, but a misspelt key or a step of the wrong
    shape would fail the first push on GitHub."""
    schema = ["--builtin-schema", "vendor.github-workflows"]
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_publish_workflow_is_a_valid_github_workflow() -> None:
    result = check_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "publish.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:"))
    result = check_workflow(broken)
    assert result.returncode != 0 and "runs-on" in result.stdout


def test_the_publish_workflow_runs_the_readme_commands() -> None:
    """README.md's two commands are what CI and the published site rely on."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line.split("#")[0].strip() for line in readme.split("```sh", 1)[1].splitlines()]
    assert "make site" in commands and "make test" in commands
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    runs = {step.get("run") for job in jobs.values() for step in job["steps"]}
    assert {"make test", "make site"} <= runs
