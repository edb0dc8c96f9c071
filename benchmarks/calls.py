"""Count the Python function calls of kept benchmark builds: a cost that noise cannot move.

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
"""

from __future__ import annotations

import argparse
import pstats
import re
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


def profile(config: Path, out: Path, python: str) -> Counter[str]:
    """Calls per function of one ``mkdocs build`` of ``config``."""
    subprocess.run(
        [
            python,
            "-m",
            "cProfile",
            "-o",
            str(out),
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            config.name,
        ],
        cwd=config.parent,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    calls: Counter[str] = Counter()
    for (path, line, name), (primitive, *_rest) in pstats.Stats(str(out)).stats.items():  # type: ignore[attr-defined]
        where = path.split("site-packages/")[-1]
        calls[_ADDRESS_RE.sub("", f"{where}:{line}({name})")] += primitive
    return calls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("keep", type=Path, help="folder build.py --keep wrote")
    parser.add_argument("--top", type=int, default=15, help="functions to list (0: none)")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the builds")
    args = parser.parse_args(argv)

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

    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(2) as pool:
        jobs = {
            key: pool.submit(profile, config, Path(tmp) / f"{i}.prof", args.python)
            for i, (key, config) in enumerate(sorted(builds.items()))
        }
        counts = {key: job.result() for key, job in jobs.items()}
    print_report(counts, args.top)
    return 0


def _growth(high: Counter[str], low: Counter[str]) -> Counter[str]:
    """Calls per function in ``high`` minus those in ``low`` (negative where fewer)."""
    grown = Counter(high)
    grown.subtract(low)
    return grown


def print_report(counts: dict[tuple[int, int, str], Counter[str]], top: int) -> None:
    """The tables: calls per build, what regkb adds per corpus, and the growth with T."""
    totals = {key: sum(c.values()) for key, c in counts.items()}

    print("| N | T | build | calls (millions) |\n|---:|---:|---|---:|")
    for (n, t, name), total in sorted(totals.items()):
        print(f"| {n:,} | {t:,} | {name} | {total / 1e6:.2f} |")

    pairs = sorted(
        {(n, t) for n, t, _ in totals if (n, t, PLAIN) in totals and (n, t, REGKB) in totals}
    )
    if pairs:
        print("\n| N | T | calls regkb adds (millions) | added / plain |\n|---:|---:|---:|---:|")
        for n, t in pairs:
            added = totals[(n, t, REGKB)] - totals[(n, t, PLAIN)]
            print(f"| {n:,} | {t:,} | {added / 1e6:+.2f} | {added / totals[(n, t, PLAIN)]:+.1%} |")

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
            f"calls more per extra term; regkb adds {added_per_term:+,.0f} calls per extra term "
            f"({added_per_term / plain_per_term:+.1%} of plain's)"
        )
        if top:
            added = _growth(regkb, plain)
            print("\n| added calls per extra term | function |\n|---:|---|")
            for function, calls in added.most_common(top):
                print(f"| {calls / terms:,.1f} | `{function}` |")


if __name__ == "__main__":
    raise SystemExit(main())
