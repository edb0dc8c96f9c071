"""What the project's plugins cost a full build, against plain Material, on a synthetic corpus.

For each size it generates a corpus from a fixed seed (``benchmarks/synthetic.py``: N
documents, articles and notices with realistic front matter and 600-1,500 words each, and T
glossary terms whose names and aliases occur in the prose), then builds it several times with
each of these configurations, alternating them so that a slow minute on the machine hits all
of them alike:

``plain-auto``   plain Material (plugins ``search`` and ``tags`` only) with MkDocs' automatic
                 navigation: no ``nav:`` key, so every document is in the sidebar of every
                 page. This is "plain Material" as the performance issue defines it.
``plain-short``  plain Material with the project's explicit short ``nav:`` (Home, News,
                 Regulations, Glossary, Tags): documents are not in the sidebar. Only built with
                 ``--plain-nav none`` or ``both`` (the default).
``regkb``        the project's plugins (``--plugins``, by default regkb-documents,
                 regkb-glossary, regkb-timeline, regkb-search, regkb-tags) plus ``search``
                 and ``tags``.
                 regkb-search has the project's options: Material's index, fed by regkb's
                 faster page reader (``--material-indexer`` turns that off, ``--engine
                 pagefind`` builds a Pagefind index instead). With ``--nav
                 listings`` (the default) it has the project's short nav (plus Timeline), and
                 documents are reached through the paginated listings the documents plugin
                 generates; with ``--nav auto`` it has MkDocs' automatic navigation too.

Two comparisons are printed, so the plugins' own cost can be told apart from the navigation:

* ``regkb / plain-auto``: the issue's comparison, the project's site against plain Material.
  With ``--nav listings`` it mixes two effects: the plugins add work, and the short nav
  removes the per-page rendering of an N-entry sidebar (which grows as N squared).
* ``regkb / plain-short``: the same short navigation on both sides, so the difference is what
  the plugins themselves add (with ``--nav auto``, read ``regkb / plain-auto`` instead).

Every build is a subprocess ``python -m mkdocs build -q -f <config>``; its wall time includes
the interpreter start and imports (the same for every configuration), and its peak memory is
the child's own maximum RSS from ``os.wait4``, which also gives its CPU time (user + system):
on a shared machine that is steadier than wall time, since time spent waiting for a core
is not in it. User time alone is printed too: system time is mostly the kernel creating and
deleting the site's files, which is alike for all builds but varies most between runs
(0.6 to 4.9 s for the same N=1,000 build here), so user time shows what the plugins add
with the least noise. With several T for one N, a last table gives the growth from one T
to the next: what the extra terms cost plain Material and what the plugins add to that,
per extra term. Output size is the bytes of the site folder;
the search index is ``search/search_index.json`` (and ``pagefind/``, if a plugin makes one).
Each configuration gets Material with the theme features and ``markdown_extensions`` of the
project's ``mkdocs.yml`` (without its ``custom_dir``, so "plain" stays plain), and the same
``search`` options (the jieba user dictionary is copied next to the corpus).

Usage (from the repository root; builds run with the interpreter that runs this script):

    .venv/bin/python benchmarks/build.py                        # N=1,000 and 5,000, T=200
    .venv/bin/python benchmarks/build.py --large                # N=10,000, T=2,000
    .venv/bin/python benchmarks/build.py --sizes 1000 --terms 20,200,2000   # vary T only
    .venv/bin/python benchmarks/build.py --sizes 200 --terms 20 --runs 1    # quick check
    .venv/bin/python benchmarks/build.py --sizes 200 --profile --keep /tmp/regkb-bench

Automatic navigation writes every page's sidebar with all N+T pages in it, so its output
grows as (N+T)^2 (about 12 GB per build at N=5,000, T=200): the script says so up front, skips
such a build when it would fill more than half the free disk, and (without ``--keep``) keeps
only one site on disk at a time.

A plugin named in ``--plugins`` that is not installed or does not load is skipped with a
message, and the rest are measured. A build that fails is reported with its log and left out
of the table. Progress goes to stderr; the Markdown tables go to stdout.
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.synthetic import MARKER, CorpusSpec, generate, write_corpus  # noqa: E402

PROJECT_CONFIG = REPO / "mkdocs.yml"
DEFAULT_PLUGINS = (
    "regkb-documents",
    "regkb-glossary",
    "regkb-timeline",
    "regkb-search",
    "regkb-tags",
)
#: Written into every working folder this script creates; it only ever deletes inside one.
WORKDIR_MARKER = ".regkb-build-benchmark"
MB = 1024 * 1024
#: Sidebar HTML per page per navigation entry with automatic navigation (Material 9.8,
#: measured on the synthetic corpus): an auto-nav site grows as (pages)^2.
AUTO_NAV_BYTES_PER_ENTRY = 450


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the project's configuration, read with its Python tags kept as written ----------------


@dataclass
class Tagged:
    """A YAML value with a tag (``!!python/object/apply:...``, ``!ENV``) this script does
    not interpret: it is written back into the generated configurations unchanged."""

    tag: str
    value: Any


class _KeepTagsLoader(yaml.SafeLoader):
    pass


class _KeepTagsDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        return Tagged(node.tag, loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_scalar(node))  # type: ignore[arg-type]


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_KeepTagsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_KeepTagsLoader.add_multi_constructor("!", _construct_tagged)
_KeepTagsDumper.add_representer(Tagged, _represent_tagged)


def load_project_config(path: Path = PROJECT_CONFIG) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_KeepTagsLoader)
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: not a mapping")
    return data


def project_plugin_options(project: dict[str, Any], name: str) -> dict[str, Any]:
    """The options the project's mkdocs.yml gives plugin ``name`` (empty if none)."""
    for entry in project.get("plugins") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return dict(entry[name] or {})
    return {}


def search_options(project: dict[str, Any], workdir: Path) -> dict[str, Any]:
    """The project's search options; jieba dictionaries copied into the working folder
    (Material resolves them against the current directory, not the config file)."""
    options = project_plugin_options(project, "search")
    for key in ("jieba_dict", "jieba_dict_user"):
        value = options.get(key)
        if not isinstance(value, str):
            continue
        source = REPO / value
        if source.is_file():
            target = workdir / "search" / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            options[key] = str(target)
        else:
            log(f"note: search.{key} {value!r} not found in the repository; left out")
            del options[key]
    return options


def theme_options(project: dict[str, Any]) -> dict[str, Any]:
    theme = dict(project.get("theme") or {"name": "material"})
    theme.pop("custom_dir", None)
    return theme


# -- plugins that can take part --------------------------------------------------------------


def loadable_plugins(names: list[str], project: dict[str, Any]) -> list[str]:
    """The plugins of ``names`` that are installed, import, and accept their options.

    Other helpers' plugins may be half-written while this runs; skipping one with a clear
    message keeps the benchmark useful for the others.
    """
    from mkdocs.plugins import BasePlugin

    available = {ep.name: ep for ep in entry_points(group="mkdocs.plugins")}
    usable: list[str] = []
    for name in names:
        ep = available.get(name)
        if ep is None:
            log(
                f"skip {name}: no 'mkdocs.plugins' entry point of that name "
                "(is the project installed, e.g. pip install -e .?)"
            )
            continue
        try:
            cls = ep.load()
        except Exception as exc:  # any import-time failure of someone else's code
            log(f"skip {name}: cannot import {ep.value}: {type(exc).__name__}: {exc}")
            continue
        if not (isinstance(cls, type) and issubclass(cls, BasePlugin)):
            log(f"skip {name}: {ep.value} is not an MkDocs plugin class")
            continue
        try:
            errors, _ = cls().load_config(project_plugin_options(project, name))
        except Exception as exc:
            log(f"skip {name}: cannot configure it: {type(exc).__name__}: {exc}")
            continue
        if errors:
            log(f"skip {name}: invalid options: {errors}")
            continue
        usable.append(name)
    if "regkb-documents" not in usable:
        dependent = [n for n in usable if n.startswith("regkb-")]
        for name in dependent:
            log(f"skip {name}: it reads the site model of regkb-documents, which is not loaded")
        usable = [n for n in usable if n not in dependent]
    return usable


# -- configurations --------------------------------------------------------------------------


@dataclass
class Variant:
    key: str
    label: str
    nav_label: str
    plugins: list[str]
    nav: list[dict[str, str]] | None

    def config_path(self, workdir: Path) -> Path:
        return workdir / f"mkdocs-{self.key}.yml"

    def site_dir(self, workdir: Path) -> Path:
        return workdir / f"site-{self.key}"


def short_nav(with_timeline: bool) -> list[dict[str, str]]:
    """The project's explicit nav: documents are reached through the section pages."""
    nav = [
        {"Home": "index.md"},
        {"News": "news/index.md"},
        {"Regulations": "regulations/index.md"},
        {"Glossary": "glossary/index.md"},
    ]
    if with_timeline:
        nav.append({"Timeline": "timeline/index.md"})
    nav.append({"Tags": "tags.md"})
    return nav


def auto_nav_estimate(n: int, t: int) -> int:
    """Bytes of sidebar HTML an automatic-nav build of N documents and T terms writes."""
    pages = n + t + 10
    return pages * pages * AUTO_NAV_BYTES_PER_ENTRY


def make_variants(plugins: list[str], nav: str, plain_nav: str) -> list[Variant]:
    variants = []
    if plain_nav in ("auto", "both"):
        variants.append(Variant("plain-auto", "plain Material", "auto", [], None))
    if plain_nav in ("none", "both"):
        variants.append(Variant("plain-short", "plain Material", "short", [], short_nav(False)))
    regkb_nav = short_nav("regkb-timeline" in plugins) if nav == "listings" else None
    label = "regkb plugins" if plugins else "no regkb plugin loaded"
    nav_label = "short + listings" if nav == "listings" else "auto"
    variants.append(Variant("regkb", label, nav_label, plugins, regkb_nav))
    return variants


def same_nav_baseline(variants: list[Variant]) -> str | None:
    """The plain build whose navigation matches the regkb build's, else any plain build."""
    ours = next(v for v in variants if v.key == "regkb")
    plain = [v for v in variants if v.key != "regkb"]
    for v in plain:
        if (v.nav is None) == (ours.nav is None):
            return v.key
    return plain[0].key if plain else None


def write_config(
    variant: Variant,
    workdir: Path,
    project: dict[str, Any],
    search: dict[str, Any],
    engine: str | None = None,
    fast_index: bool = True,
) -> Path:
    plugins: list[Any] = []
    for name in variant.plugins:
        options = dict(project_plugin_options(project, name) or {})
        if name == "regkb-search":
            # The project's search switch (plugins/search): which engine answers the search
            # box, and whether Material's index is fed by regkb's faster page reader.
            if engine:
                options["engine"] = engine
            if not fast_index:
                options["fast_index"] = False
        plugins.append({name: options} if options else name)
    plugins.append({"search": search} if search else "search")
    tags = project_plugin_options(project, "tags")
    plugins.append({"tags": tags} if tags else "tags")
    config: dict[str, Any] = {
        "site_name": f"regkb build benchmark ({variant.key})",
        "site_url": "https://bench.example.org/",
        "docs_dir": str(workdir / "docs"),
        "site_dir": str(variant.site_dir(workdir)),
        "theme": theme_options(project),
        "plugins": plugins,
        "markdown_extensions": project.get("markdown_extensions") or [],
    }
    if variant.nav is not None:
        config["nav"] = variant.nav
    path = variant.config_path(workdir)
    path.write_text(
        yaml.dump(config, Dumper=_KeepTagsDumper, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return path


# -- running builds --------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_rss: int
    returncode: int
    cpu_seconds: float = 0.0  # user + system time of the build process (less noisy than wall)
    user_seconds: float = 0.0  # user time alone: system time is mostly writing and deleting
    # files, which varies most from run to run on a shared machine and is alike for all builds


@dataclass
class Result:
    n: int
    t: int
    variant: Variant
    runs: list[Run] = field(default_factory=list)
    failed: str | None = None
    site_bytes: int = 0
    site_files: int = 0
    search_bytes: int | None = None
    pagefind_bytes: int | None = None

    @property
    def ok_runs(self) -> list[Run]:
        return [r for r in self.runs if r.returncode == 0]

    def median_seconds(self) -> float:
        return statistics.median(r.seconds for r in self.ok_runs)

    def median_rss(self) -> float:
        return statistics.median(r.peak_rss for r in self.ok_runs)

    def median_cpu(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.ok_runs)

    def median_user(self) -> float:
        return statistics.median(r.user_seconds for r in self.ok_runs)


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's notice about MkDocs 2, printed every build
    return env


def run_build(python: str, config: Path, workdir: Path, log_path: Path) -> Run:
    """One build as a child process; its own peak RSS comes from ``wait4``."""
    cmd = [python, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    with log_path.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=workdir, env=build_env(), stdout=out, stderr=out)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss * 1024, proc.returncode, cpu, usage.ru_utime)


def check_build(python: str, config: Path, workdir: Path) -> list[str]:
    """An untimed, verbose build that returns its warnings (``-q`` hides them)."""
    cmd = [python, "-m", "mkdocs", "build", "-f", str(config)]
    proc = subprocess.run(cmd, cwd=workdir, env=build_env(), capture_output=True, text=True)
    lines = (proc.stdout + proc.stderr).splitlines()
    problems = [line for line in lines if line.startswith(("WARNING", "ERROR"))]
    if proc.returncode:
        problems.append(f"(exit status {proc.returncode})")
    return problems


def dir_size(path: Path) -> tuple[int, int]:
    """Bytes and number of files under ``path`` (0, 0 if it does not exist)."""
    total = files = 0
    stack = [path]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                total += entry.stat(follow_symlinks=False).st_size
                files += 1
    return total, files


def measure_output(result: Result, site: Path) -> None:
    result.site_bytes, result.site_files = dir_size(site)
    index = site / "search" / "search_index.json"
    result.search_bytes = index.stat().st_size if index.is_file() else None
    pagefind = site / "pagefind"
    result.pagefind_bytes = dir_size(pagefind)[0] if pagefind.is_dir() else None


def tail(path: Path, lines: int = 25) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:])


# -- working folders -------------------------------------------------------------------------


def prepare_workdir(path: Path) -> None:
    """Create ``path``, or reuse one this script made; never touch anyone else's folder."""
    if path.exists() and any(path.iterdir()) and not (path / WORKDIR_MARKER).is_file():
        raise SystemExit(
            f"{path} exists and was not made by this benchmark; choose another --keep folder"
        )
    path.mkdir(parents=True, exist_ok=True)
    (path / WORKDIR_MARKER).write_text("made by benchmarks/build.py\n", encoding="utf-8")
    docs = path / "docs"
    if docs.exists():
        if not (docs / MARKER).is_file():
            raise SystemExit(f"{docs} holds files that are not a generated corpus; not removing")
        shutil.rmtree(docs)
    for site in path.glob("site-*"):
        shutil.rmtree(site)


def generate_corpus(n: int, t: int, seed: int, docs: Path) -> None:
    start = time.perf_counter()
    corpus = generate(CorpusSpec(documents=n, terms=t, seed=seed))
    generated = time.perf_counter() - start

    def progress(done: int, total: int) -> None:
        log(f"  wrote {done:,}/{total:,} documents")

    size = write_corpus(corpus, docs, progress)
    written = time.perf_counter() - start - generated
    log(
        f"  corpus: {n:,} documents, {t:,} terms, {size / MB:.1f} MB of Markdown "
        f"(generated in {generated:.1f} s, written in {written:.1f} s)"
    )


# -- profiling -------------------------------------------------------------------------------


def _package(filename: str) -> str:
    """Group profiled functions by where their code lives."""
    if filename.startswith(("~", "<")):
        return "(C builtins)"
    path = filename.replace("\\", "/")
    if "/site-packages/" in path:
        return path.split("/site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    repo = REPO.as_posix() + "/"
    if path.startswith(repo):
        return "/".join(path[len(repo) :].split("/")[:2]).removesuffix(".py")
    if "/lib/python3" in path:
        rest = path.split("/lib/python3", 1)[1].split("/")
        return "stdlib:" + (rest[1].removesuffix(".py") if len(rest) > 1 else "?")
    return path


@dataclass
class Profile:
    """What one cProfile'd build spent, grouped two ways."""

    #: Own (self) time per package: where the CPU actually was.
    by_package: dict[str, float]
    #: Cumulative time and calls of each MkDocs event handler (``on_*``) per module: which
    #: plugin hook the time was spent under.
    handlers: dict[str, tuple[float, int]]


def _module(filename: str) -> str:
    path = filename.replace("\\", "/").removesuffix(".py")
    if "/site-packages/" in path:
        return path.split("/site-packages/", 1)[1]
    return path.removeprefix(REPO.as_posix() + "/")


def run_cprofile(python: str, config: Path, workdir: Path, name: str) -> Path | None:
    prof = workdir / f"{name}.prof"
    cmd = [python, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "-q"]
    proc = subprocess.run(
        [*cmd, "-f", str(config)], cwd=workdir, env=build_env(), capture_output=True, text=True
    )
    if proc.returncode or not prof.is_file():
        log(f"profiled build of {name} failed:\n{proc.stdout}{proc.stderr}")
        return None
    return prof


def summarize(prof: Path) -> Profile:
    by_package: dict[str, float] = {}
    handlers: dict[str, tuple[float, int]] = {}
    raw = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    for (filename, _line, func), (_cc, calls, tottime, cumtime, _callers) in raw.items():
        key = _package(filename)
        by_package[key] = by_package.get(key, 0.0) + tottime
        module = _module(filename)
        if func.startswith("on_") and module != "mkdocs/plugins":  # not the dispatcher
            seconds, count = handlers.get(f"{module}.{func}", (0.0, 0))
            handlers[f"{module}.{func}"] = (seconds + cumtime, count + calls)
    return Profile(by_package, handlers)


def profile_builds(
    python: str,
    configs: dict[str, Path],
    baseline: str | None,
    workdir: Path,
    profiler: str,
    top: int,
) -> None:
    """Profile one regkb build (and one baseline build, to show what the plugins add)."""
    if profiler == "pyinstrument":
        probe = subprocess.run([python, "-c", "import pyinstrument"], capture_output=True)
        if probe.returncode == 0:
            cmd = [python, "-m", "pyinstrument", "-m", "mkdocs", "build", "-q"]
            proc = subprocess.run(
                [*cmd, "-f", str(configs["regkb"])],
                cwd=workdir,
                env=build_env(),
                capture_output=True,
                text=True,
            )
            print("\n```text\n" + (proc.stdout or proc.stderr).strip() + "\n```")
            return
        log("pyinstrument is not installed in the build interpreter; using cProfile")
    prof = run_cprofile(python, configs["regkb"], workdir, "regkb")
    if prof is None:
        return
    buf = io.StringIO()
    pstats.Stats(str(prof), stream=buf).strip_dirs().sort_stats("cumulative").print_stats(top)
    print(f"\n#### Top {top} by cumulative time (cProfile, which slows Python code)\n")
    print("```text\n" + buf.getvalue().strip() + "\n```")
    ours = summarize(prof)
    base = None
    if baseline is not None:
        base_prof = run_cprofile(python, configs[baseline], workdir, baseline)
        base = summarize(base_prof) if base_prof is not None else None
    label = baseline or "baseline"

    print("\n#### Event handlers by cumulative time (profiled seconds)\n")
    print(f"| handler | calls | regkb | {label} |\n|---|---:|---:|---:|")
    rows = sorted(ours.handlers.items(), key=lambda kv: -kv[1][0])
    for key, (seconds, calls) in rows[:20]:
        theirs = base.handlers.get(key) if base else None
        other = f"{theirs[0]:.2f}" if theirs else "—"
        print(f"| {key} | {calls:,} | {seconds:.2f} | {other} |")

    print("\n#### Own (self) time by package (profiled seconds)\n")
    print(f"| package | regkb | {label} | added |\n|---|---:|---:|---:|")
    total = sum(ours.by_package.values())
    base_total = sum(base.by_package.values()) if base else 0.0
    for key, seconds in sorted(ours.by_package.items(), key=lambda kv: -kv[1])[:20]:
        if base:
            theirs = base.by_package.get(key, 0.0)
            print(f"| {key} | {seconds:.2f} | {theirs:.2f} | {seconds - theirs:+.2f} |")
        else:
            print(f"| {key} | {seconds:.2f} | — | — |")
    if base:
        print(f"| **total** | {total:.2f} | {base_total:.2f} | {total - base_total:+.2f} |")
    else:
        print(f"| **total** | {total:.2f} | — | — |")


# -- report ----------------------------------------------------------------------------------


def _mb(value: float | None) -> str:
    return "—" if value is None else f"{value / MB:.1f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if not a or not b else f"{a / b:.2f}×"


def _measured_by_size(results: list[Result]) -> dict[tuple[int, int], dict[str, Result]]:
    """The results with at least one good run, by (N, T) and then by configuration."""
    groups: dict[tuple[int, int], dict[str, Result]] = {}
    for r in results:
        if not r.failed and r.ok_runs:
            groups.setdefault((r.n, r.t), {})[r.variant.key] = r
    return groups


def print_tables(results: list[Result]) -> None:
    print("\n### Builds\n")
    print(
        "| N | T | build | nav | runs | time, median (s) | min–max (s) | CPU, median (s) "
        "| user CPU, median (s) | peak RSS (MB) | site/ (MB) | files | search index (MB) "
        "| pagefind/ (MB) |"
    )
    print("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        head = f"| {r.n:,} | {r.t:,} | {r.variant.key} ({r.variant.label}) | {r.variant.nav_label}"
        if r.failed or not r.ok_runs:
            print(f"{head} | {len(r.runs)} | {r.failed or 'failed'} | | | | | | | | |")
            continue
        times = [run.seconds for run in r.ok_runs]
        print(
            f"{head} | {len(r.ok_runs)} | {r.median_seconds():.2f} | "
            f"{min(times):.2f}–{max(times):.2f} | {r.median_cpu():.2f} | "
            f"{r.median_user():.2f} | {r.median_rss() / MB:.0f} | "
            f"{_mb(r.site_bytes)} | {r.site_files:,} | {_mb(r.search_bytes)} | "
            f"{_mb(r.pagefind_bytes)} |"
        )
    print("\n### regkb against plain Material\n")
    print(
        "| N | T | comparison | time | added time (s) | added per document (ms) "
        "| CPU time | added user CPU (s) | peak RSS | site/ | search index |"
    )
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (n, t), group in _measured_by_size(results).items():
        ours = group.get("regkb")
        if ours is None:
            continue
        for key in ("plain-auto", "plain-short"):
            base = group.get(key)
            if base is None:
                continue
            added = ours.median_seconds() - base.median_seconds()
            name = f"regkb ({ours.variant.nav_label} nav) / {key} ({base.variant.nav_label} nav)"
            print(
                f"| {n:,} | {t:,} | {name} | "
                f"{_ratio(ours.median_seconds(), base.median_seconds())} | {added:+.2f} | "
                f"{added / n * 1000:+.2f} | {_ratio(ours.median_cpu(), base.median_cpu())} | "
                f"{ours.median_user() - base.median_user():+.2f} | "
                f"{_ratio(ours.median_rss(), base.median_rss())} | "
                f"{_ratio(ours.site_bytes, base.site_bytes)} | "
                f"{_ratio(ours.search_bytes, base.search_bytes)} |"
            )


def print_term_growth(results: list[Result]) -> None:
    """For each N built with several T: what the extra glossary terms cost plain Material
    and what the plugins add to that, from one T to the next (a flat added time would show
    an added cost per term near zero)."""
    by_n: dict[int, dict[int, dict[str, Result]]] = {}
    for (n, t), group in _measured_by_size(results).items():
        by_n.setdefault(n, {})[t] = group
    rows = []
    for n, by_t in sorted(by_n.items()):
        for base in ("plain-short", "plain-auto"):
            groups = [(t, g) for t, g in sorted(by_t.items()) if base in g and "regkb" in g]
            for (t1, a), (t2, b) in itertools.pairwise(groups):
                cells = []
                for measure in (Result.median_seconds, Result.median_user):
                    plain = measure(b[base]) - measure(a[base])
                    added = (measure(b["regkb"]) - measure(b[base])) - (
                        measure(a["regkb"]) - measure(a[base])
                    )
                    cells += [f"{v:+.2f} ({v / (t2 - t1) * 1000:+.2f})" for v in (plain, added)]
                rows.append(f"| {n:,} | {t1:,} → {t2:,} | {base} | {' | '.join(cells)} |")
    if not rows:
        return
    print("\n### Growth with T: seconds (ms per extra term)\n")
    print(
        "| N | T | baseline | plain: time | added by regkb: time | plain: user CPU "
        "| added by regkb: user CPU |"
    )
    print("|---:|---|---|---:|---:|---:|---:|")
    for row in rows:
        print(row)


# -- main ------------------------------------------------------------------------------------


def _int_list(text: str) -> list[int]:
    try:
        values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected numbers separated by commas: {text!r}"
        ) from None
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"expected positive numbers: {text!r}")
    return values


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawTextHelpFormatter,
    )
    parser.add_argument("--sizes", type=_int_list, default=[1000, 5000], help="documents N")
    parser.add_argument("--terms", type=_int_list, default=[200], help="glossary terms T")
    parser.add_argument(
        "--large", action="store_true", help="N=10,000 with T=2,000 (replaces --sizes/--terms)"
    )
    parser.add_argument("--runs", type=int, default=3, help="timed builds per configuration")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument(
        "--plugins",
        default=",".join(DEFAULT_PLUGINS),
        help="project plugins to enable in the regkb build, comma-separated "
        "(search and tags are always on)",
    )
    parser.add_argument(
        "--engine",
        choices=("material", "pagefind", "auto"),
        default="material",
        help="regkb-search's engine in the regkb build (default: material, the search plain "
        "Material has, so the two builds index alike; pagefind: chunked index; auto: the "
        "project's rule, Pagefind past 1,000 pages)",
    )
    parser.add_argument(
        "--material-indexer",
        action="store_true",
        help="regkb build with regkb-search's fast_index off: Material's own parser reads the "
        "pages for its index, as in the plain builds (to see the plugins' cost without it)",
    )
    parser.add_argument(
        "--nav",
        choices=("listings", "auto"),
        default="listings",
        help="navigation of the regkb build: the project's short nav with listings, or auto",
    )
    parser.add_argument(
        "--plain-nav",
        choices=("auto", "none", "both"),
        default="both",
        help="navigation of plain Material: auto (every document in the sidebar), "
        "none (the project's short nav, no documents), or both",
    )
    parser.add_argument("--keep", type=Path, help="keep corpora and sites under this folder")
    parser.add_argument(
        "--check",
        action="store_true",
        help="first run each configuration once, untimed, and show its warnings",
    )
    parser.add_argument("--profile", action="store_true", help="profile one regkb build")
    parser.add_argument("--profiler", choices=("cprofile", "pyinstrument"), default="cprofile")
    parser.add_argument("--top", type=int, default=25, help="profile entries to print")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the builds")
    args = parser.parse_args(argv)
    if args.large:
        args.sizes, args.terms = [10000], [2000]
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def bench_size(
    args: argparse.Namespace,
    project: dict[str, Any],
    variants: list[Variant],
    workdir: Path,
    n: int,
    t: int,
) -> list[Result]:
    """Generate one corpus and time every configuration on it, alternating them."""
    log(f"[N={n:,} T={t:,}] preparing {workdir}")
    prepare_workdir(workdir)
    generate_corpus(n, t, args.seed, workdir / "docs")
    search = search_options(project, workdir)
    configs = {
        v.key: write_config(v, workdir, project, search, args.engine, not args.material_indexer)
        for v in variants
    }
    group = {v.key: Result(n, t, v) for v in variants}
    free = shutil.disk_usage(workdir).free
    for v in variants:
        if v.nav is not None:
            continue
        estimate = auto_nav_estimate(n, t)
        if estimate > free / 2:
            group[v.key].failed = "skipped: not enough disk"
            log(
                f"  skip {v.key}: with every page in the sidebar it would write about "
                f"{estimate / 1e9:.0f} GB per build, more than half the free disk "
                f"({free / 1e9:.0f} GB)"
            )
        elif estimate > 1e9:
            log(
                f"  note: {v.key} lists all {n + t:,} pages in every page's sidebar: about "
                f"{estimate / 1e9:.0f} GB of HTML per build; it will be slow"
            )
    if args.check:
        for v in variants:
            if group[v.key].failed:
                continue
            problems = check_build(args.python, configs[v.key], workdir)
            log(f"  check {v.key}: {len(problems)} warning(s)")
            for line in problems[:8]:
                log(f"    {line}")
    for run in range(args.runs):
        shift = run % len(variants)
        for v in variants[shift:] + variants[:shift]:
            result = group[v.key]
            if result.failed:
                continue
            site = v.site_dir(workdir)
            shutil.rmtree(site, ignore_errors=True)
            log_path = workdir / f"build-{v.key}.log"
            outcome = run_build(args.python, configs[v.key], workdir, log_path)
            result.runs.append(outcome)
            if outcome.returncode:
                result.failed = f"exit status {outcome.returncode}"
                log(f"  {v.key}: build FAILED ({result.failed}):\n{tail(log_path)}")
                continue
            log(
                f"  run {run + 1}/{args.runs} {v.key:<11} {outcome.seconds:7.2f} s "
                f"{outcome.peak_rss / MB:7.0f} MB"
            )
            measure_output(result, site)
            if not args.keep:  # one site on disk at a time: auto-nav sites get large
                shutil.rmtree(site, ignore_errors=True)
    if args.profile and not group["regkb"].failed:
        baseline = same_nav_baseline([v for v in variants if not group[v.key].failed])
        log(f"  profiling one regkb build and one {baseline} build ({args.profiler})")
        print(f"\n### Profile: regkb build, N={n:,}, T={t:,}")
        profile_builds(args.python, configs, baseline, workdir, args.profiler, args.top)
        if not args.keep:
            for v in variants:
                shutil.rmtree(v.site_dir(workdir), ignore_errors=True)
    return list(group.values())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    project = load_project_config()
    wanted = [p.strip() for p in args.plugins.split(",") if p.strip()]
    plugins = loadable_plugins(wanted, project)
    log(f"regkb build plugins: {', '.join(plugins) or '(none)'}")
    variants = make_variants(plugins, args.nav, args.plain_nav)

    results: list[Result] = []
    temp = None if args.keep else tempfile.TemporaryDirectory(prefix="regkb-bench-")
    base = args.keep if args.keep else Path(temp.name)  # type: ignore[union-attr]
    try:
        for n in args.sizes:
            for t in args.terms:
                workdir = (base / f"n{n}-t{t}").resolve()
                results.extend(bench_size(args, project, variants, workdir, n, t))
    finally:
        if temp is not None:
            temp.cleanup()
    print_tables(results)
    print_term_growth(results)
    failed = [r for r in results if r.failed and not r.failed.startswith("skipped")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
