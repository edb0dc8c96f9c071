"""The material beside the repository (``../shared``: the corpus, the readability test
pages) that some tests read: without it they are skipped, and where it must be there
(``REGKB_REQUIRE_SHARED=1``, as ``.ci/run`` sets) they fail, so that CI cannot pass
without running them."""

from __future__ import annotations

import os

import pytest


def skip_without_shared(reason: str) -> None:
    """Skip the test for ``reason`` (the material is missing), or fail it when required."""
    if os.environ.get("REGKB_REQUIRE_SHARED"):
        pytest.fail(f"REGKB_REQUIRE_SHARED is set, but {reason}")
    pytest.skip(reason)
