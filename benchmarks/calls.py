"""Count the work of kept benchmark builds, in calls or instructions: costs noise cannot move.

On a shared machine, identical builds differ by up to 45 % in time (benchmarks/README.md),
which hides effects of a few percent, such as how the plugins' added cost grows with the
glossary's size T. The number of function calls a build makes does not depend on the
machine: the same corpus and code give the same count (within a few hundred calls in a
million, from set and dict order). It is a proxy, not a time: a call into a regular
expression over a whole page counts as one. Read it for how a cost grows (with N, with
T, between two commits), next to ``build.py``'s timings, not instead of them.

Each build runs once under ``cProfile``, in its own interpreter, two at a time (the count
does not care). It takes the corpora and configurations ``build.py --keep DIR`` left::

    benchmarks/build.py --sizes 1000 --terms 20,2000 --runs 1 --plain-nav none --keep /tmp/b
    benchmarks/calls.py /tmp/b

and prints, for each kept build, its calls; for each corpus, the calls regkb adds to plain
Material; and, between the smallest and the largest T of one N, the added calls per extra
term against plain Material's own calls per extra term, with the functions whose calls
grew most.

``--count instructions`` counts machine instructions instead, each build run once under
Valgrind's cachegrind (``--cache-sim=no``: it counts, it does not simulate caches). That is
the closest to CPU time a count gets: a regular expression over a whole page costs what it
costs, not one call. It is about twenty times slower than a build (a build of N = 1,000
takes 6 to 14 minutes under it) and does not say where the instructions went, so it gives
the totals; the calls say which functions grew. Both run with ``PYTHONHASHSEED=0``, so set
and dict order, the one thing that moved a count between runs, is the same each time.
"""

from __future__ import annotations

import argparse
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_CORPUS_RE = re.compile(r"n(\d+)-t(\d+)")
# A built-in's name holds its type's address, which differs between interpreters.
_ADDRESS_RE = re.compile(r" at 0x[0-9a-f]+")
PLAIN = "plain-short"
REGKB = "regkb"
# What cachegrind's output file says the whole run executed.
_SUMMARY_RE = re.compile(r"^summary:\s+(\d+)", re.MULTILINE)
TOTAL = "(all instructions)"


class BuildFailed(Exception):
    """A counted build did not finish: its count would be that of a part of a build."""

    def __init__(self, config: Path, code: int, log: Path) -> None:
        super().__init__(f"{config}: mkdocs build exited with {code}; its output is in {log}")


def _build(command: list[str], config: Path, site: Path) -> None:
    """Run one ``mkdocs build`` of ``config`` under ``command``, into ``site``; its output
    goes to ``count-<config>.log`` beside the config."""
    env = dict(os.environ, PYTHONHASHSEED="0", NO_MKDOCS_2_WARNING="1")
    log = config.with_name(f"count-{config.stem}.log")
    with log.open("w", encoding="utf-8") as output:
        done = subprocess.run(
            [*command, "-m", "mkdocs", "build", "-q", "-f", config.name, "-d", str(site)],
            cwd=config.parent,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    if done.returncode != 0:
        raise BuildFailed(config, done.returncode, log)


# ``python -m cProfile`` exits with 0 when the program it ran failed, which would count a
# build that stopped at its configuration as a (very cheap) build; this keeps the status.
_PROFILED = """
import cProfile, runpy, sys
out = sys.argv[1]  # then "-m mkdocs" as _build writes it, then mkdocs' own arguments
sys.argv = ["mkdocs", *sys.argv[sys.argv.index("mkdocs") + 1 :]]
profiler = cProfile.Profile()
try:
    profiler.runcall(runpy.run_module, "mkdocs", run_name="__main__", alter_sys=True)
finally:
    profiler.dump_stats(out)
"""


def profile(config: Path, out: Path, python: str) -> Counter[str]:
    """Calls per function of one ``mkdocs build`` of ``config``."""
    _build([python, "-c", _PROFILED, str(out)], config, out.with_suffix(".site"))
    calls: Counter[str] = Counter()
    for (path, line, name), (primitive, *_rest) in pstats.Stats(str(out)).stats.items():  # type: ignore[attr-defined]
        where = path.split("site-packages/")[-1]
        calls[_ADDRESS_RE.sub("", f"{where}:{line}({name})")] += primitive
    return calls


def instructions(config: Path, out: Path, python: str) -> Counter[str]:
    """The instructions one ``mkdocs build`` of ``config`` executed, as one total."""
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out}"]
    _build([*command, python], config, out.with_suffix(".site"))
    return Counter({TOTAL: read_cachegrind_total(out)})


def read_cachegrind_total(out: Path) -> int:
    """The ``summary:`` line of a cachegrind output file: every instruction of the run."""
    match = _SUMMARY_RE.search(out.read_text(encoding="utf-8", errors="replace"))
    if match is None:
        raise ValueError(f"{out}: no 'summary:' line (is it a cachegrind output file?)")
    return int(match[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("keep", type=Path, help="folder build.py --keep wrote")
    parser.add_argument("--top", type=int, default=15, help="functions to list (0: none)")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the builds")
    parser.add_argument(
        "--count",
        choices=("calls", "instructions"),
        default="calls",
        help="Python function calls (cProfile, minutes) or machine instructions (Valgrind's "
        "cachegrind, about twenty times a build's time; totals only)",
    )
    args = parser.parse_args(argv)
    if args.count == "instructions" and shutil.which("valgrind") is None:
        parser.error("--count instructions needs valgrind (apt-get install valgrind)")

    if not args.keep.is_dir():
        parser.error(f"{args.keep}: no such folder (build.py --keep writes one)")
    builds: dict[tuple[int, int, str], Path] = {}
    for corpus in sorted(args.keep.iterdir()):
        match = _CORPUS_RE.fullmatch(corpus.name)
        for name in (PLAIN, REGKB):
            config = corpus / f"mkdocs-{name}.yml"
            if match and config.is_file():
                builds[(int(match[1]), int(match[2]), name)] = config
    if not builds:
        parser.error(f"{args.keep}: no n<N>-t<T>/mkdocs-{PLAIN}.yml or -{REGKB}.yml in it")

    count = profile if args.count == "calls" else instructions
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(2) as pool:
        jobs = {
            key: pool.submit(count, config, Path(tmp) / f"{i}.out", args.python)
            for i, (key, config) in enumerate(sorted(builds.items()))
        }
        counts = {}
        for (n, t, name), job in jobs.items():
            try:
                counts[(n, t, name)] = job.result()
            except BuildFailed as exc:  # the others are still worth their hours
                print(f"not counted N={n:,} T={t:,} {name}: {exc}", file=sys.stderr)
                continue
            print(f"counted N={n:,} T={t:,} {name}", file=sys.stderr)
    if counts:
        print_report(counts, args.top if args.count == "calls" else 0, unit=args.count)
    return 0 if len(counts) == len(jobs) else 1


def _growth(high: Counter[str], low: Counter[str]) -> Counter[str]:
    """Calls per function in ``high`` minus those in ``low`` (negative where fewer)."""
    grown = Counter(high)
    grown.subtract(low)
    return grown


def print_report(
    counts: dict[tuple[int, int, str], Counter[str]], top: int, *, unit: str = "calls"
) -> None:
    """The tables: the count per build, what regkb adds per corpus, and the growth with T.

    ``unit`` names what was counted (``calls`` or ``instructions``): calls are given in
    millions, instructions in billions.
    """
    scale, scale_name = (1e6, "millions") if unit == "calls" else (1e9, "billions")
    totals = {key: sum(c.values()) for key, c in counts.items()}

    print(f"| N | T | build | {unit} ({scale_name}) |\n|---:|---:|---|---:|")
    for (n, t, name), total in sorted(totals.items()):
        print(f"| {n:,} | {t:,} | {name} | {total / scale:.2f} |")

    pairs = sorted(
        {(n, t) for n, t, _ in totals if (n, t, PLAIN) in totals and (n, t, REGKB) in totals}
    )
    if pairs:
        print(
            f"\n| N | T | {unit} regkb adds ({scale_name}) | added / plain |\n|---:|---:|---:|---:|"
        )
        for n, t in pairs:
            added = totals[(n, t, REGKB)] - totals[(n, t, PLAIN)]
            share = added / totals[(n, t, PLAIN)]
            print(f"| {n:,} | {t:,} | {added / scale:+.2f} | {share:+.1%} |")

    for n in sorted({n for n, _ in pairs}):
        ts = sorted(t for m, t in pairs if m == n)
        if len(ts) < 2:
            continue
        low, high = ts[0], ts[-1]
        terms = high - low

        plain, regkb = (_growth(counts[(n, high, b)], counts[(n, low, b)]) for b in (PLAIN, REGKB))
        plain_per_term = plain.total() / terms
        added_per_term = (regkb.total() - plain.total()) / terms
        print(
            f"\nN = {n:,}, T {low:,} -> {high:,}: plain Material makes {plain_per_term:,.0f} "
            f"{unit} more per extra term; regkb adds {added_per_term:+,.0f} {unit} per extra "
            f"term ({added_per_term / plain_per_term:+.1%} of plain's)"
        )
        if top:
            added = _growth(regkb, plain)
            print(f"\n| added {unit} per extra term | function |\n|---:|---|")
            for function, calls in added.most_common(top):
                print(f"| {calls / terms:,.1f} | `{function}` |")


if __name__ == "__main__":
    raise SystemExit(main())
