"""The pathological-input benchmark runs its stages and reads its own numbers right."""

from __future__ import annotations

import logging

import pytest

from benchmarks import pathological


def test_it_times_a_case_at_two_sizes_and_prints_one_row(capsys) -> None:
    """...and leaves logging as it found it: the build stage silences it while it runs."""
    args = ["--stages", "capture,html,markup,excerpt", "--cases", "capitals", "--size", "500"]
    assert pathological.main(args) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| capitals")]
    assert [row.split("|")[2].strip() for row in rows] == ["capture", "html", "markup", "excerpt"]
    for row in rows:
        small, large = (float(cell) for cell in row.split("|")[3:5])
        assert small >= 0 and large >= 0  # numbers, printed as measured
    assert logging.root.manager.disable == logging.NOTSET


@pytest.mark.parametrize(
    ("small", "large", "expected"),
    [
        (0.01, 0.02, "fast"),  # under the floor, whatever the ratio
        (1.0, 2.1, "linear"),
        (1.0, 4.0, "**grows faster than the input**"),
        (1.0, None, "**over the limit**"),
    ],
)
def test_verdict(small: float, large: float | None, expected: str) -> None:
    assert pathological.verdict(small, large, 0.3) == expected


def test_a_measurement_past_the_limit_is_none() -> None:
    def forever(run: str) -> None:
        while True:
            pass

    assert pathological.timed(forever, "x", 0.2) is None


def test_an_unknown_stage_or_case_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit):
        pathological.main(["--stages", "nope"])
    with pytest.raises(SystemExit):
        pathological.main(["--cases", "nope"])
    assert "unknown" in capsys.readouterr().err
