"""The benchmark's synthetic corpus: reproducible, valid, and shaped like the real content.

The build benchmark is only meaningful if its pages exercise the plugins the way real pages
do, so these tests check what the plugins depend on: front matter that passes the schema,
term names that really occur in the prose, links that resolve, and bodies of 600-1,500 words.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from benchmarks.synthetic import MARKER, CorpusSpec, generate, write_corpus
from plugins import frontmatter
from plugins.schema import validate_document

REPO = Path(__file__).resolve().parents[1]
SPEC = CorpusSpec(documents=80, terms=40, seed=7)


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = tmp_path_factory.mktemp("synthetic") / "docs"
    write_corpus(generate(SPEC), docs)
    return docs


def _documents(docs: Path) -> dict[str, str]:
    return {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
        for sec in ("news", "regulations")
        for p in sorted((docs / sec).rglob("*.md"))
        if p.name != "index.md"
    }


def _terms(docs: Path) -> dict[str, dict]:
    out = {}
    for p in sorted((docs / "glossary").glob("*.md")):
        if p.name == "index.md":
            continue
        fm = frontmatter.split(p.read_text(encoding="utf-8"))
        assert fm.error is None, f"{p.name}: {fm.error}"
        out[p.name] = fm.meta
    return out


def _occurs(name: str, text: str) -> bool:
    """A name as the glossary would find it: whole words; capitals only as written."""
    if name.isupper():
        return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def test_same_seed_gives_identical_files(tmp_path: Path, corpus_dir: Path) -> None:
    write_corpus(generate(SPEC), tmp_path / "again")
    assert _tree(tmp_path / "again") == _tree(corpus_dir)


def test_another_seed_gives_another_corpus(tmp_path: Path, corpus_dir: Path) -> None:
    other = CorpusSpec(documents=SPEC.documents, terms=SPEC.terms, seed=SPEC.seed + 1)
    write_corpus(generate(other), tmp_path / "other")
    assert _tree(tmp_path / "other") != _tree(corpus_dir)


def test_output_does_not_depend_on_hash_randomization() -> None:
    """Set and dict-of-str ordering change with PYTHONHASHSEED; the corpus must not."""
    code = (
        "import hashlib, sys\n"
        "from benchmarks.synthetic import CorpusSpec, generate, render_document, render_term\n"
        "c = generate(CorpusSpec(documents=40, terms=30, seed=3))\n"
        "h = hashlib.sha256()\n"
        "for t in c.terms: h.update(render_term(t).encode())\n"
        "for d in c.documents: h.update(d.path.encode() + render_document(d).encode())\n"
        "print(h.hexdigest())\n"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_every_document_validates_against_the_schema(corpus_dir: Path) -> None:
    docs = _documents(corpus_dir)
    assert len(docs) == SPEC.documents
    kinds, precisions = set(), set()
    for rel, text in docs.items():
        fm = frontmatter.split(text)
        assert fm.error is None, f"{rel}: {fm.error}"
        meta, errors = validate_document(fm.meta)
        assert not errors, f"{rel}: {[e.format(rel) for e in errors]}"
        assert meta is not None
        kinds.add(meta.kind.value)
        precisions.add(meta.date_precision)
        # MkDocs reads the same block with PyYAML's safe loader: it must agree.
        assert yaml.safe_load(text.split("---\n")[1])["title"] == meta.title
        if meta.kind == "notice":
            assert meta.issuers and meta.doc_number
            assert re.fullmatch(r"[A-Z][A-Za-z ]* \[\d{4}\] No\. \d+", meta.doc_number)
            assert re.search(r"^## I\. .+ \{#part-1\}$", fm.body, re.M), rel
            assert re.search(r"^### Article 1 \{#article-1\}$", fm.body, re.M), rel
        else:
            assert meta.author
        for event in meta.events:
            if event.anchor:
                assert "{" + event.anchor + "}" in fm.body, f"{rel}: anchor {event.anchor}"
    assert kinds == {"article", "notice"}
    assert {"day", "month", "year"} <= precisions


def test_citations_point_at_documents_and_appear_in_the_text(corpus_dir: Path) -> None:
    docs = _documents(corpus_dir)
    numbers = {}
    metas = {}
    for rel, text in docs.items():
        fm = frontmatter.split(text)
        metas[rel] = (fm.meta, fm.body)
        if "doc_number" in fm.meta:
            numbers[fm.meta["doc_number"]] = rel
    on_site = 0
    for rel, (meta, body) in metas.items():
        for number in meta.get("cites", []) + meta.get("repeals", []) + meta.get("amends", []):
            assert number in body, f"{rel}: {number} cited in front matter but not in the text"
            on_site += number in numbers
    assert on_site > 0, "no citation between generated documents"


def test_relative_links_resolve(corpus_dir: Path) -> None:
    links = 0
    for rel, text in _documents(corpus_dir).items():
        for target in re.findall(r"\]\(([^)\s]+\.md)\)", text):
            links += 1
            resolved = (corpus_dir / rel).parent / target
            assert resolved.resolve().is_file(), f"{rel}: broken link {target}"
            assert not target.startswith(("/", "http")), target
    assert links >= SPEC.documents  # at least about one per document


def test_term_files_are_complete_and_names_are_unique(corpus_dir: Path) -> None:
    terms = _terms(corpus_dir)
    assert len(terms) == SPEC.terms
    keys: dict[str, str] = {}
    term_names = {meta["term"] for meta in terms.values()}
    abbreviations = 0
    for name, meta in terms.items():
        assert meta["summary"] and meta["tags"]
        assert 1 <= len(meta["aliases"]) <= 3, name
        assert name == re.sub(r"[^a-z0-9]+", "-", meta["term"].lower()).strip("-") + ".md"
        for alias in [meta["term"], *meta["aliases"]]:
            key = " ".join(alias.replace("-", " ").lower().split())
            assert key not in keys, f"{alias!r} of {name} is also a name of {keys.get(key)}"
            keys[key] = name
            abbreviations += bool(re.fullmatch(r"[A-Z]{2,6}", alias))
        assert meta["related"], name
        for related in meta["related"]:
            assert related in term_names and related != meta["term"]
    assert abbreviations > 0


def test_term_names_occur_in_the_documents(corpus_dir: Path) -> None:
    corpus = generate(SPEC)
    texts = _documents(corpus_dir)
    bodies = {rel: frontmatter.split(text).body for rel, text in texts.items()}
    everything = "\n".join(bodies.values())
    for doc in corpus.documents:
        assert doc.terms, doc.path
        for index in doc.terms:
            for name in corpus.terms[index].names:
                assert _occurs(name, bodies[doc.path]), f"{doc.path}: {name!r} not mentioned"
    # With at most 12 terms per document, every term is somewhere in the documents.
    for term in corpus.terms:
        assert _occurs(term.term, everything), term.term


def _count_words(body: str) -> int:
    body = re.sub(r"\{#[^}]*\}", " ", body)  # heading ids
    body = re.sub(r"\]\([^)]*\)", "] ", body)  # link targets
    return sum(1 for token in body.split() if re.search(r"[A-Za-z]", token))


@pytest.mark.parametrize("seed", [1, 2])
def test_word_counts_stay_in_range(seed: int) -> None:
    corpus = generate(CorpusSpec(documents=150, terms=60, seed=seed))
    counts = [_count_words(doc.body) for doc in corpus.documents]
    assert min(counts) >= 600, min(counts)
    assert max(counts) <= 1500, max(counts)
    assert max(counts) - min(counts) > 200  # a spread, not one size


def test_marker_and_static_pages(corpus_dir: Path) -> None:
    assert (corpus_dir / MARKER).is_file()
    for rel in ("index.md", "news/index.md", "regulations/index.md", "glossary/index.md"):
        assert (corpus_dir / rel).is_file(), rel
    assert "<!-- material/tags -->" in (corpus_dir / "tags.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"documents": 0, "terms": 5},
        {"documents": 5, "terms": 0},
        {"documents": 5, "terms": 5, "min_words": 900, "max_words": 1000},
    ],
)
def test_bad_specs_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        CorpusSpec(**kwargs)


def test_large_term_counts_get_unique_names() -> None:
    corpus = generate(CorpusSpec(documents=5, terms=3500, seed=5))
    names = [t.term.lower() for t in corpus.terms]
    assert len(set(names)) == 3500
    slugs = [t.slug for t in corpus.terms]
    assert len(set(slugs)) == 3500
