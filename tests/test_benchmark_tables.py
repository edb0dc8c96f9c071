"""The build benchmark's arithmetic: what it prints is what the runs measured."""

from __future__ import annotations

import pytest

from benchmarks.build import Result, Run, Variant, print_term_growth

PLAIN = Variant("plain-short", "plain Material", "short", ["search", "tags"], None)
REGKB = Variant("regkb", "regkb plugins", "short + listings", ["regkb-documents"], None)


def _result(variant: Variant, t: int, seconds: list[float], user: list[float]) -> Result:
    runs = [Run(s, 100 << 20, 0, s, u) for s, u in zip(seconds, user, strict=True)]
    return Result(1000, t, variant, runs)


def test_growth_with_t_is_the_change_in_added_time_per_extra_term(capsys) -> None:
    results = [
        _result(PLAIN, 20, [10.0, 11.0, 30.0], [9.0, 9.0, 9.5]),  # medians 11.0 / 9.0
        _result(REGKB, 20, [12.0, 12.5, 13.0], [10.0, 10.5, 10.0]),  # 12.5 / 10.0
        _result(PLAIN, 2000, [20.0, 20.0, 21.0], [18.0, 18.2, 18.1]),  # 20.0 / 18.1
        _result(REGKB, 2000, [23.0, 23.5, 22.0], [20.0, 20.1, 20.2]),  # 23.0 / 20.1
        _result(REGKB, 200, [1.0], [1.0]),  # no plain build at this T: not compared
    ]
    print_term_growth(results)
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| 1,000 |")]
    assert len(rows) == 1
    cells = [c.strip() for c in rows[0].strip("|").split("|")]
    assert cells[:3] == ["1,000", "20 → 2,000", "plain-short"]
    # plain: 20.0 - 11.0 = +9.00 s over 1,980 terms; added: (23.0-20.0) - (12.5-11.0) = +1.50
    assert cells[3] == "+9.00 (+4.55)"
    assert cells[4] == "+1.50 (+0.76)"
    # user CPU: plain 18.1 - 9.0 = +9.10; added (20.1-18.1) - (10.0-9.0) = +1.00
    assert cells[5] == "+9.10 (+4.60)"
    assert cells[6] == "+1.00 (+0.51)"


@pytest.mark.parametrize("ts", [[20], []])
def test_growth_with_t_needs_two_term_counts(capsys, ts: list[int]) -> None:
    results = [_result(v, t, [1.0], [1.0]) for t in ts for v in (PLAIN, REGKB)]
    print_term_growth(results)
    assert capsys.readouterr().out == ""


def test_call_counts_report_what_regkb_adds_and_how_it_grows_with_t(capsys) -> None:
    from collections import Counter

    from benchmarks.calls import print_report

    counts = {
        (1000, 20, "plain-short"): Counter({"a": 1_000_000, "b": 20_000}),
        (1000, 20, "regkb"): Counter({"a": 1_000_000, "b": 20_000, "ours": 100_000}),
        (1000, 2000, "plain-short"): Counter({"a": 1_000_000, "b": 2_000_000}),
        (1000, 2000, "regkb"): Counter({"a": 1_000_000, "b": 2_000_000, "ours": 496_000}),
        (5000, 200, "regkb"): Counter({"a": 7}),  # no plain build: listed, not compared
    }
    print_report(counts, top=1)
    out = capsys.readouterr().out
    assert "| 1,000 | 20 | regkb | 1.12 |" in out
    assert "| 5,000 | 200 | regkb | 0.00 |" in out
    # regkb adds 100,000 calls at T = 20 (+9.8 % of 1,020,000), 496,000 at T = 2,000
    assert "| 1,000 | 20 | +0.10 | +9.8% |" in out
    assert "| 1,000 | 2,000 | +0.50 | +16.5% |" in out
    assert "| 5,000 | 200 |" not in out.split("calls regkb adds")[1]
    # plain grows by 1,980,000 calls over 1,980 terms (1,000 a term); regkb adds 396,000
    # more over them (200 a term, +20 %), all of it in "ours"
    assert "plain Material makes 1,000 calls more per extra term" in out
    assert "regkb adds +200 calls per extra term (+20.0% of plain's)" in out
    assert "| 200.0 | `ours` |" in out


def test_instruction_counts_are_reported_in_billions_without_functions(capsys) -> None:
    from collections import Counter

    from benchmarks.calls import TOTAL, print_report

    counts = {
        (1000, 20, "plain-short"): Counter({TOTAL: 200_000_000_000}),
        (1000, 20, "regkb"): Counter({TOTAL: 220_000_000_000}),
        (1000, 2000, "plain-short"): Counter({TOTAL: 400_000_000_000}),
        (1000, 2000, "regkb"): Counter({TOTAL: 450_000_000_000}),
    }
    print_report(counts, top=0, unit="instructions")
    out = capsys.readouterr().out
    assert "| N | T | build | instructions (billions) |" in out
    assert "| 1,000 | 2,000 | regkb | 450.00 |" in out
    assert "| 1,000 | 20 | +20.00 | +10.0% |" in out
    # plain grows 200 billion over 1,980 terms; regkb adds 30 billion more (+15 %)
    assert "plain Material makes 101,010,101 instructions more per extra term" in out
    assert "regkb adds +15,151,515 instructions per extra term (+15.0% of plain's)" in out
    assert "function |" not in out


def test_cachegrind_total_is_read_from_the_summary_line(tmp_path) -> None:
    from benchmarks.calls import read_cachegrind_total

    out = tmp_path / "cachegrind.out"
    out.write_text(
        "desc: I1 cache: none\ncmd: python -m mkdocs build\nevents: Ir\n"
        "fl=???\nfn=0x0000000000001000\n0 3\nsummary: 22228365449\n",
        encoding="utf-8",
    )
    assert read_cachegrind_total(out) == 22_228_365_449
    out.write_text("events: Ir\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no 'summary:' line"):
        read_cachegrind_total(out)


def test_counting_instructions_without_valgrind_is_a_clear_error(
    tmp_path, monkeypatch, capsys
) -> None:
    import benchmarks.calls as calls

    monkeypatch.setattr(calls.shutil, "which", lambda name: None)
    with pytest.raises(SystemExit) as exit_info:
        calls.main([str(tmp_path), "--count", "instructions"])
    assert exit_info.value.code == 2
    assert "needs valgrind" in capsys.readouterr().err


def test_a_build_that_fails_is_named_and_the_others_are_still_counted(tmp_path, capsys) -> None:
    import benchmarks.calls as calls

    corpus = tmp_path / "n10-t2"
    (corpus / "docs").mkdir(parents=True)
    (corpus / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (corpus / "mkdocs-plain-short.yml").write_text(
        "site_name: t\ntheme: mkdocs\n", encoding="utf-8"
    )
    # as a kept corpus is after its folder was moved: docs_dir names the old place
    (corpus / "mkdocs-regkb.yml").write_text(
        f"site_name: t\ntheme: mkdocs\ndocs_dir: {tmp_path / 'moved' / 'docs'}\n",
        encoding="utf-8",
    )
    assert calls.main([str(tmp_path), "--top", "0"]) == 1
    captured = capsys.readouterr()
    log = corpus / "count-mkdocs-regkb.log"
    assert f"not counted N=10 T=2 regkb: {corpus / 'mkdocs-regkb.yml'}" in captured.err
    assert str(log) in captured.err and "moved" in log.read_text(encoding="utf-8")
    assert "counted N=10 T=2 plain-short" in captured.err
    assert "| 10 | 2 | plain-short |" in captured.out
    assert "| 10 | 2 | regkb |" not in captured.out


def test_extraction_counts_a_picture_by_any_address_it_names() -> None:
    from benchmarks.extraction import picture_addresses, picture_scores

    expected = picture_addresses(
        '<p><img src="a.jpg" srcset="a-480.jpg 480w, a-960.jpg 960w">'
        '<img src="data:image/gif;base64,R0l" data-src="/img/b%20c.png">'
        '<img src="data:,x"></p>'
    )
    assert expected == [
        {
            "http://fakehost/test/a.jpg",
            "http://fakehost/test/a-480.jpg",
            "http://fakehost/test/a-960.jpg",
        },
        {"http://fakehost/img/b c.png"},
    ]
    # the wider candidate of the first, the second by its quoted address, one of no article's
    assert picture_scores(
        ["http://fakehost/test/a-960.jpg", "/img/b%20c.png", "http://ads.example/x.gif"], expected
    ) == (2, 1)
    assert picture_scores([], expected) == (0, 0)
