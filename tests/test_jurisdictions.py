"""Pages show jurisdictions by name; front matter keeps the code."""

from __future__ import annotations

import pytest

from plugins.jurisdictions import jurisdiction_label, jurisdiction_name


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("CN", "China (CN)"),
        ("KR", "South Korea (KR)"),  # ISO's common name, not "Korea, Republic of"
        ("GB", "United Kingdom (GB)"),
        ("EU", "European Union (EU)"),  # not a country: named here
        ("INT", "International (INT)"),
        ("US-NY", "New York, United States (US-NY)"),
        ("XX", "XX"),  # unassigned: shown as written
        ("US-ZZZ", "US-ZZZ"),
    ],
)
def test_labels(code: str, label: str) -> None:
    assert jurisdiction_label(code) == label


def test_codes_are_read_in_any_case() -> None:
    assert jurisdiction_name("cn") == jurisdiction_name("CN") == "China"
    assert jurisdiction_name("") is None
