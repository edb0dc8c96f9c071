"""The project's mkdocs.yml takes the published address and the repository from the
environment (the publish workflow sets them), with placeholders for local builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

CONFIG = Path(__file__).resolve().parents[1] / "mkdocs.yml"


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
