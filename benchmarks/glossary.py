"""How much the glossary costs per page, and whether that depends on the number of terms.

Part 1 links the same rendered pages against 20, 200 and 2,000 synthetic terms and prints
the cost per page (the matcher is built once per build; its build time is printed too).
Part 2 (``--site-pages N``, 0 to skip) builds a site of N document pages with Material twice,
without and with ``regkb-glossary``, and prints the added build time.

    .venv/bin/python benchmarks/glossary.py                   # linking only + 300-page site
    .venv/bin/python benchmarks/glossary.py --site-pages 5000 # the project's target size

Pages are "real-looking": paragraphs of the shared news capture when it is present (else
generated sentences), rendered by Python-Markdown with headings, lists, code and links, with
term names sprinkled in. Everything is drawn from a fixed seed, so runs are comparable.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import markdown

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from plugins.glossary.linker import Linker, LinkTarget  # noqa: E402

CORPUS = REPO / ".." / "shared" / "corpus" / "weex-news-capture.txt"
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "sa",
    "to",
    "vi",
    "ze",
    "bra",
    "cle",
    "dro",
    "fli",
    "gru",
    "plo",
    "stri",
    "tra",
    "quo",
]
FILLER = [
    "the",
    "regulators",
    "said",
    "that",
    "rules",
    "on",
    "markets",
    "and",
    "payments",
    "would",
    "change",
    "after",
    "a",
    "review",
    "of",
    "risks",
    "in",
    "the",
    "sector",
    "while",
    "firms",
    "asked",
    "for",
    "clarity",
    "about",
    "licences",
    "and",
    "supervision",
]
CJK = "稳定币虚拟货币现实世界资产代币化零知识证明区块链加密技术分布式账本智能合约"


def synthetic_terms(count: int, rng: random.Random) -> list[list[str]]:
    """``count`` terms, each with 1-3 names: multi-word names, abbreviations, CJK names."""
    terms: list[list[str]] = []
    seen: set[str] = set()
    while len(terms) < count:
        words = [
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
            for _ in range(rng.randint(1, 3))
        ]
        name = " ".join(words).capitalize()
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        names = [name]
        if len(words) > 1 and rng.random() < 0.4:
            abbr = "".join(w[0] for w in words).upper() + rng.choice("XYZQ")
            if abbr.lower() not in seen:
                seen.add(abbr.lower())
                names.append(abbr)
        if rng.random() < 0.2:
            start = rng.randrange(len(CJK) - 4)
            cjk = CJK[start : start + rng.randint(3, 5)] + rng.choice(SYLLABLES)
            if cjk not in seen:
                seen.add(cjk)
                names.append(cjk)
        terms.append(names)
    return terms


def paragraphs(rng: random.Random) -> list[str]:
    if CORPUS.is_file():
        lines = [ln.strip() for ln in CORPUS.read_text(encoding="utf-8").splitlines()]
        return [ln for ln in lines if len(ln) > 60]
    return [" ".join(rng.choice(FILLER) for _ in range(rng.randint(30, 90))) for _ in range(80)]


def page_markdown(rng: random.Random, paras: list[str], names: list[str]) -> str:
    """One page of 600-2,500 words with the structure Markdown documents have."""
    out = [f"# {rng.choice(paras)[:60]}", ""]
    for i in range(rng.randint(6, 18)):
        if i % 4 == 3:
            out += [f"## Part {i}", ""]
        words = rng.choice(paras).split()
        for _ in range(rng.randint(1, 4)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(names))
        if rng.random() < 0.2:
            words.insert(rng.randrange(len(words) + 1), f"`{rng.choice(names)}`")
        if rng.random() < 0.2:
            words.insert(rng.randrange(len(words) + 1), f"[{rng.choice(names)}](other.md)")
        out += [" ".join(words), ""]
        if rng.random() < 0.15:
            out += [f"- {rng.choice(names)} item", f"- second {rng.choice(FILLER)}", ""]
    return "\n".join(out)


def make_pages(count: int, rng: random.Random, names: list[str]) -> list[str]:
    paras = paragraphs(rng)
    md = markdown.Markdown(extensions=["toc", "tables", "attr_list"])
    pages = []
    for _ in range(count):
        pages.append(md.convert(page_markdown(rng, paras, names)))
        md.reset()
    return pages


def time_linking(pages: list[str], terms: list[list[str]], repeat: int) -> tuple[float, float, int]:
    """(seconds to build the linker, best seconds per page, mentions found per page)."""
    t0 = time.perf_counter()
    linker = Linker(
        terms, [LinkTarget(f"glossary/t{i}/", f"Summary {i}") for i in range(len(terms))]
    )
    built = time.perf_counter() - t0
    best = float("inf")
    links = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        links = 0
        for i, page in enumerate(pages):
            _, counts = linker.link(page, f"news/p{i}/")
            links += sum(counts.values())
        best = min(best, time.perf_counter() - t0)
    return built, best / len(pages), links / len(pages)


def part_linking(pages_count: int, repeat: int) -> None:
    rng = random.Random(20251111)
    all_terms = synthetic_terms(2000, rng)
    names = [n for group in all_terms for n in group]
    pages = make_pages(pages_count, rng, names)
    size = sum(len(p) for p in pages) / len(pages)
    print(f"{len(pages)} pages, {size / 1024:.1f} KiB of HTML each on average")
    print(
        f"{'terms':>6} {'names':>6} {'build ms':>9} {'per page ms':>12} {'KiB/ms':>7} "
        f"{'mentions/page':>14}"
    )
    for count in (20, 200, 2000):
        terms = all_terms[:count]
        built, per_page, mentions = time_linking(pages, terms, repeat)
        n_names = sum(len(t) for t in terms)
        print(
            f"{count:>6} {n_names:>6} {built * 1000:>9.1f} {per_page * 1000:>12.3f}"
            f" {size / 1024 / (per_page * 1000):>7.1f} {mentions:>14.1f}"
        )
    print(
        "(the pages hold names of all 2,000 terms, so with more terms more mentions are found,\n"
        " checked and linked; the text is scanned once whatever the number of terms)"
    )
    md = markdown.Markdown(extensions=["toc", "tables", "attr_list"])
    sources = [page_markdown(random.Random(i), paragraphs(rng), names) for i in range(50)]
    t0 = time.perf_counter()
    for src in sources:
        md.convert(src)
        md.reset()
    print(
        f"(for scale: Python-Markdown renders one such page in "
        f"{(time.perf_counter() - t0) / len(sources) * 1000:.2f} ms)"
    )


def part_site(pages_count: int, terms_count: int, repeat: int) -> None:
    """A real build with Material: the same docs with and without the glossary plugin."""
    import logging

    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    rng = random.Random(7)
    terms = synthetic_terms(terms_count, rng)
    names = [n for group in terms for n in group]
    paras = paragraphs(rng)
    root = Path(tempfile.mkdtemp(prefix="regkb-glossary-bench-"))
    try:
        docs = root / "docs"
        (docs / "news").mkdir(parents=True)
        (docs / "glossary").mkdir()
        (docs / "index.md").write_text("# Home\n", encoding="utf-8")
        for i, group in enumerate(terms):
            meta = {"term": group[0], "aliases": group[1:], "summary": f"Summary of term {i}."}
            (docs / "glossary" / f"t{i}.md").write_text(
                "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\nBody.\n",
                encoding="utf-8",
            )
        for i in range(pages_count):
            body = page_markdown(rng, paras, names).split("\n", 1)[1]
            head = f"---\ntitle: Page {i}\nkind: article\ndate: 2025-{1 + i % 12:02d}-01\n---\n"
            (docs / "news" / f"p{i}.md").write_text(f"{head}\n# Page {i}\n{body}", encoding="utf-8")
        configs = {}
        for label, plugins in (
            ("without", ["regkb-documents", "search"]),
            ("with", ["regkb-documents", "regkb-glossary", "search"]),
        ):
            cfg_file = root / f"mkdocs-{label}.yml"
            cfg_file.write_text(
                yaml.safe_dump(
                    {
                        "site_name": "bench",
                        "docs_dir": str(docs),
                        "site_dir": str(root / f"site-{label}"),
                        "theme": {"name": "material", "features": ["content.tooltips"]},
                        "plugins": plugins,
                        "markdown_extensions": ["toc", "tables", "attr_list"],
                    }
                ),
                encoding="utf-8",
            )
            configs[label] = cfg_file
        # Interleaved runs, best of each: the first build of a process also pays for
        # imports and caches that have nothing to do with the glossary.
        times = {label: float("inf") for label in configs}
        for _ in range(repeat):
            for label, cfg_file in configs.items():
                cfg = load_config(str(cfg_file))
                t0 = time.perf_counter()
                build(cfg)
                times[label] = min(times[label], time.perf_counter() - t0)
        added = times["with"] - times["without"]
        print(
            f"site of {pages_count} pages + {terms_count} terms: without {times['without']:.2f} s,"
            f" with glossary {times['with']:.2f} s, added {added:.2f} s"
            f" ({added / times['without'] * 100:.1f}%)"
        )
        print(
            "(both builds render the same files; without the plugin the term files are plain pages)"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="pages to link in part 1")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; best is kept")
    parser.add_argument("--site-pages", type=int, default=300, help="pages in part 2 (0 skips)")
    parser.add_argument("--site-terms", type=int, default=200, help="terms in part 2")
    args = parser.parse_args()
    part_linking(args.pages, args.repeat)
    if args.site_pages:
        part_site(args.site_pages, args.site_terms, args.repeat)


if __name__ == "__main__":
    main()
