"""Tests that need ../shared skip without it, but fail where CI says it must be there."""

from __future__ import annotations

import pytest

from tests.shared_data import skip_without_shared


def test_without_the_requirement_a_missing_corpus_skips(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGKB_REQUIRE_SHARED", raising=False)
    with pytest.raises(pytest.skip.Exception, match="corpus not found"):
        skip_without_shared("corpus not found")


def test_with_the_requirement_a_missing_corpus_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGKB_REQUIRE_SHARED", "1")
    with pytest.raises(pytest.fail.Exception, match="REGKB_REQUIRE_SHARED is set, but corpus"):
        skip_without_shared("corpus not found")
