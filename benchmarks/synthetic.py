"""A synthetic corpus for build benchmarks: documents and glossary terms from a fixed seed.

The build benchmark needs thousands of pages that look like the site's real content to the
plugins: front matter that passes ``plugins.schema`` (articles with authors, notices with
issuers and document numbers, dates known to the day, the month or only the year, citations,
repeals and dated events), bodies of 600-1,500 words with the headings the documents plugin
reads (notices: parts ``## I. ...`` and ``### Article N {#article-N}``), lists, relative links
between documents and document numbers in the prose, and glossary term files whose names and
aliases occur in that prose, so the glossary has real work to do.

Everything is drawn from one ``random.Random(seed)`` in a fixed order and never from the
iteration order of a set, so the same seed gives byte-identical files on every machine. It is
plain string building (no YAML dumper, no Markdown parser), so 5,000 documents take seconds.

    corpus = generate(CorpusSpec(documents=1000, terms=200, seed=1))
    write_corpus(corpus, Path("docs"))
"""

from __future__ import annotations

import bisect
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from random import Random
from typing import Any

__all__ = [
    "MARKER",
    "Corpus",
    "CorpusSpec",
    "GeneratedDoc",
    "GeneratedTerm",
    "generate",
    "render_document",
    "render_term",
    "write_corpus",
]

#: File written at the root of a generated docs folder; the benchmark only ever deletes a
#: folder that holds it, so a wrong ``--keep`` path never costs anyone their files.
MARKER = ".regkb-synthetic"

# -- vocabulary ------------------------------------------------------------------------------

_MODIFIERS = [
    "custodial", "algorithmic", "decentralized", "tokenized", "cross-border", "hosted",
    "unhosted", "permissioned", "permissionless", "sovereign", "synthetic", "collateralized",
    "retail", "institutional", "offshore", "programmable", "fractional", "wrapped",
    "privacy-preserving", "omnibus", "segregated", "qualified", "systemic", "proprietary",
    "non-custodial", "interoperable", "regulated", "licensed", "anonymous", "pseudonymous",
    "on-chain", "off-chain", "atomic", "delegated", "liquid", "restricted", "verifiable",
    "confidential", "automated", "peer-to-peer", "hybrid", "shadow", "fiat-backed",
    "asset-backed", "yield-bearing", "multi-signature", "cold", "federated", "commercial",
    "secondary", "primary", "green", "composite", "escrowed", "pooled", "staked", "bridged",
    "native", "dedicated", "embedded", "tiered", "notional", "perpetual", "mutualized",
    "optimistic", "sharded", "audited", "ring-fenced", "self-hosted", "outsourced",
]  # fmt: skip
_HEADS = [
    "wallet", "stablecoin", "exchange", "ledger", "custodian", "token", "bridge", "oracle",
    "mixer", "validator", "settlement", "issuer", "reserve", "asset", "fund", "pool",
    "protocol", "licence", "sandbox", "disclosure", "audit", "marketplace", "platform",
    "network", "registry", "payment", "deposit", "loan", "derivative", "offering", "broker",
    "miner", "node", "contract", "vault", "index", "note", "bond", "channel", "gateway",
    "attestation", "identity", "credential", "rollup", "airdrop",
]  # fmt: skip
_BRITISH = {
    "decentralized": "decentralised",
    "tokenized": "tokenised",
    "collateralized": "collateralised",
    "mutualized": "mutualised",
}
_ALIAS_SUFFIXES = ["arrangement", "scheme", "framework", "model", "regime", "facility"]
# Capitals that must never be an abbreviation: English words, the jurisdiction codes and
# document-number prefixes used below, and the Roman numerals of notice parts.
_NOT_ABBREVIATIONS = frozenset([
    "AM", "AN", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "IF", "IN", "IS", "IT", "ME", "MY",
    "NO", "OF", "OK", "ON", "OR", "SO", "TO", "UP", "US", "WE", "ID", "EU", "UK", "CN", "HK",
    "JP", "SG", "GB", "AE", "CH", "KR", "NY", "INT", "THE", "AND", "FOR", "NOT", "ARE", "BUT",
    "CAN", "HAS", "ALL", "ANY", "MAY", "NEW", "ONE", "OUR", "OUT", "PER", "SEE", "USE", "WAS",
    "WHO", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "RKB", "MDF", "SSC",
    "RWA", "AML", "CBDC", "KYC",
])  # fmt: skip

_TERM_CATEGORIES = [
    "arrangement", "financial instrument", "service", "technical design", "legal category",
    "market practice", "business model", "supervisory concept",
]  # fmt: skip
_TERM_CLAUSES = [
    "lets holders move value without a bank in between",
    "keeps client assets apart from the provider's own",
    "regulators treat as a payment service in most jurisdictions",
    "records who owns what on a shared ledger",
    "promises redemption at a fixed value against reserves",
    "settles trades only when both legs are delivered",
    "relies on cryptographic proofs instead of disclosure of the underlying data",
    "moves tokens between two networks by locking them on one side",
    "supervisors watch for money laundering and market abuse",
    "turns a claim on a real-world asset into a transferable token",
]  # fmt: skip

_SUBJECTS = [
    "The competent authority", "Market participants", "Service providers", "The regulator",
    "Issuers", "Banks and payment institutions", "Supervisors", "Investors",
    "Local governments", "The central bank", "Platform operators", "Auditors",
    "Industry associations", "Courts", "Consumer groups", "Analysts", "Lawmakers",
    "The ministry", "Trading venues", "Custody providers",
]  # fmt: skip
_VERBS = [
    "shall assess", "should disclose", "must report", "may suspend", "are required to monitor",
    "have warned about", "continue to examine", "will supervise", "need to review",
    "cannot offer", "plan to restrict", "closely track", "publish guidance on",
    "raised concerns about", "have long debated", "are expected to clarify",
    "shall not facilitate", "must keep records of",
]  # fmt: skip
_PREFIXES = [
    "the risks of", "material changes to", "the use of", "any offering of",
    "the treatment of", "cross-border flows through", "the governance of", "advertising for",
    "the accounting of", "new rules for", "client exposure to", "the legal status of",
]  # fmt: skip
_GENERIC = [
    "digital assets", "customer funds", "payment services", "trading activity",
    "market integrity", "the financial system", "consumer protection", "capital requirements",
    "reserve assets", "personal data", "settlement risk", "price volatility",
    "cybersecurity controls", "anti-fraud measures", "licensing conditions",
    "public disclosures", "internal controls", "speculative trading",
]  # fmt: skip
_TAILS = [
    "in a timely manner", "within thirty days", "under the applicable law",
    "before the end of the year", "in line with prudential standards", "to protect the public",
    "where the risk is material", "on a consolidated basis", "without prior approval",
    "as soon as practicable", "across all jurisdictions", "at least once a quarter",
]  # fmt: skip
_ASIDES = [
    "according to people familiar with the matter", "in the view of most observers",
    "as the notice makes clear", "following a period of rapid growth",
    "after a series of enforcement actions", "despite earlier assurances",
]  # fmt: skip
_ARTICLE_HEADINGS = [
    "Background", "What the rules say", "Market reaction", "What comes next", "Enforcement",
    "Industry response", "Analysis", "Outlook", "The numbers", "Who is affected",
    "A closer look", "Open questions",
]  # fmt: skip
_PART_TITLES = [
    "General provisions", "Scope of application", "Obligations of service providers",
    "Supervision and enforcement", "Risk monitoring and disposal", "Investor protection",
    "Information disclosure", "Legal liability", "Coordination between authorities",
]  # fmt: skip
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
_JURISDICTIONS = [
    ("CN", "China"), ("US", "United States"), ("US-NY", "New York"),
    ("EU", "European Union"), ("GB", "United Kingdom"), ("SG", "Singapore"),
    ("HK", "Hong Kong"), ("JP", "Japan"), ("AE", "United Arab Emirates"),
    ("CH", "Switzerland"), ("KR", "South Korea"), ("INT", "International"),
]  # fmt: skip
# Issuing bodies and the prefix of their document numbers ("RKB [2024] No. 123").
_ISSUERS = [
    ("Regulatory Knowledge Bureau", "RKB"),
    ("Ministry of Digital Finance", "MDF Finance"),
    ("Securities Supervision Commission", "SSC Market"),
    ("Payments Oversight Office", "RKB Payments"),
    ("Financial Conduct Council", "RKB Conduct"),
    ("Office of Market Integrity", "RKB"),
    ("Data Protection Board", "RKB Data"),
    ("Banking Standards Agency", "RKB Banking"),
]
_TAGS = [
    "stablecoins", "virtual currency", "RWA", "privacy", "regulation", "enforcement",
    "payments", "custody", "DeFi", "mining", "tax", "AML", "licensing", "consumer protection",
    "CBDC", "securities", "exchanges", "sanctions", "audit", "disclosure", "banking",
    "cross-border", "tokenization", "market abuse",
]  # fmt: skip
_FIRST_NAMES = [
    "Alex", "Maria", "Wei", "Priya", "Jonas", "Amara", "Kenji", "Sofia", "Omar", "Lena",
    "Daniel", "Yuki", "Fatima", "Lucas", "Mei", "Tomas",
]  # fmt: skip
_LAST_NAMES = [
    "Chen", "Garcia", "Novak", "Okafor", "Schmidt", "Tanaka", "Rossi", "Haddad", "Kim",
    "Larsen", "Mensah", "Dubois", "Ivanova", "Park", "Silva", "Walsh",
]  # fmt: skip
_SITES = ["Ledger Daily", "Coin Review", "Regulation Watch", "Token Times", "Chain Brief"]
_ADDRESSEES = [
    "the provincial financial regulatory bureaus",
    "all licensed service providers",
    "the branches of the bureau",
    "the relevant departments of the local governments",
]
_BASES = ["upon the date of its issuance", "thirty days after publication"]


# -- model -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusSpec:
    """What to generate. ``notice_share`` of the documents are notices, the rest articles."""

    documents: int
    terms: int
    seed: int = 20240601
    min_words: int = 600
    max_words: int = 1500
    notice_share: float = 0.4

    def __post_init__(self) -> None:
        if self.documents < 1 or self.terms < 1:
            raise ValueError("need at least one document and one term")
        if self.max_words - self.min_words < 400:
            raise ValueError("the word range must span at least 400 words")


@dataclass
class GeneratedTerm:
    """One glossary entry; ``slug`` names its file ``glossary/<slug>.md``."""

    slug: str
    term: str
    aliases: list[str]
    summary: str
    tags: list[str]
    related: list[str] = field(default_factory=list)
    body: str = ""

    @property
    def path(self) -> str:
        return f"glossary/{self.slug}.md"

    @property
    def names(self) -> list[str]:
        return [self.term, *self.aliases]


@dataclass
class GeneratedDoc:
    """One document page: its path under docs/, its front matter and its Markdown body."""

    path: str
    meta: dict[str, Any]
    body: str = ""
    #: Indexes (into ``Corpus.terms``) of the terms whose every name the body mentions.
    terms: list[int] = field(default_factory=list)


@dataclass
class Corpus:
    spec: CorpusSpec
    terms: list[GeneratedTerm]
    documents: list[GeneratedDoc]


# -- helpers ---------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _key(name: str) -> str:
    """How the glossary compares names (case, hyphens and spaces do not matter)."""
    return " ".join(name.replace("-", " ").lower().split())


_WORD_RE = re.compile(r"\S*[A-Za-z]\S*")
_HEADING_ID_RE = re.compile(r"\{#[^}]*\}")


def _words(text: str) -> int:
    """Words as a reader counts them: tokens with a letter ("No. 8" is one word)."""
    return len(_WORD_RE.findall(text))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _title_case(text: str) -> str:
    small = {"of", "on", "the", "and", "for", "to", "in", "a", "an", "about"}
    words = text.split(" ")
    return " ".join(
        w if (i and w in small) or w.isupper() else _cap(w) for i, w in enumerate(words)
    )


def _abbreviation(name: str) -> str:
    return "".join(part[0] for part in re.split(r"[\s-]+", name) if part).upper()


# -- terms -----------------------------------------------------------------------------------


def _make_terms(rng: Random, count: int) -> list[GeneratedTerm]:
    """``count`` terms with unique names: two-word names first, three-word ones if needed."""
    pairs = [f"{m} {h}" for m in _MODIFIERS for h in _HEADS]
    rng.shuffle(pairs)
    names = pairs[:count]
    while len(names) < count:
        m1, m2 = rng.sample(_MODIFIERS, 2)
        candidate = f"{m1} {m2} {rng.choice(_HEADS)}"
        if candidate not in names:
            names.append(candidate)
    taken: dict[str, int] = {}
    for index, name in enumerate(names):
        taken[_key(name)] = index
        # The glossary derives plurals; keep them from colliding with another name.
        taken.setdefault(_key(name) + "s", index)
    terms: list[GeneratedTerm] = []
    for index, name in enumerate(names):
        candidates: list[str] = []
        abbreviation = _abbreviation(name)
        if (
            rng.random() < 0.5
            and 2 <= len(abbreviation) <= 6
            and abbreviation not in _NOT_ABBREVIATIONS
        ):
            candidates.append(abbreviation)
        british = " ".join(_BRITISH.get(w, w) for w in name.split(" "))
        if british != name:
            candidates.append(british)
        for suffix in rng.sample(_ALIAS_SUFFIXES, 3):
            candidates.append(f"{name} {suffix}")
        wanted = rng.randint(1, 3)
        aliases: list[str] = []
        for alias in candidates:
            if len(aliases) == wanted:
                break
            if _key(alias) in taken:
                continue
            taken[_key(alias)] = index
            aliases.append(alias)
        term = _cap(name)
        article = "An" if name[0] in "aeiou" else "A"
        summary = (
            f"{article} {name} is a {rng.choice(_TERM_CATEGORIES)} that "
            f"{rng.choice(_TERM_CLAUSES)}."
        )
        tags = rng.sample(_TAGS, rng.randint(1, 2))
        terms.append(GeneratedTerm(_slug(name), term, aliases, summary, tags))
    # Related terms: prefer ones sharing a word, as an editor would.
    by_word: dict[str, list[int]] = {}
    for index, term in enumerate(terms):
        for word in term.term.lower().split(" "):
            by_word.setdefault(word, []).append(index)
    for index, term in enumerate(terms):
        pool = [i for w in term.term.lower().split(" ") for i in by_word[w] if i != index]
        chosen: list[int] = []
        wanted = min(rng.randint(1, 3), len(terms) - 1)
        while len(chosen) < wanted:
            source = pool if pool and rng.random() < 0.7 else range(len(terms))
            pick = rng.choice(source)
            if pick != index and pick not in chosen:
                chosen.append(pick)
        term.related = [terms[i].term for i in chosen]
    return terms


def _mention(name: str) -> str:
    """How a name reads mid-sentence: abbreviations as written, other names in lower case."""
    return name if name.isupper() else name.lower()


# -- prose -----------------------------------------------------------------------------------


class _Writer:
    """Sentences and paragraphs for one page, spending the page's pending mentions.

    Pending items are term names, Markdown links and document numbers that must appear on
    the page; each sentence takes the next one with a fixed probability, and whatever is
    left is flushed at the end, so every item lands in the text.
    """

    def __init__(self, rng: Random, pending: list[str]) -> None:
        self.rng = rng
        self.pending = pending
        self.words = 0

    def reserve(self) -> int:
        """Words the final flush of the pending items will take."""
        return sum(_words(p) + 1 for p in self.pending) + 8 if self.pending else 0

    def sentence(self) -> str:
        rng = self.rng
        use_pending = self.pending and rng.random() < 0.6
        obj = self.pending.pop() if use_pending else rng.choice(_GENERIC)
        if rng.random() < 0.2:
            text = (
                f"{rng.choice(_SUBJECTS)}, {rng.choice(_ASIDES)}, {rng.choice(_VERBS)} "
                f"{rng.choice(_PREFIXES)} {obj}."
            )
        else:
            text = (
                f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_PREFIXES)} {obj} "
                f"{rng.choice(_TAILS)}."
            )
        return text

    def paragraph(self, low: int = 2, high: int = 5) -> str:
        text = " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))
        self.words += _words(text)
        return text

    def bullets(self, ordered: bool = False) -> str:
        items = []
        for n in range(1, self.rng.randint(3, 5) + 1):
            text = self.sentence()
            self.words += _words(text)
            items.append(f"{n}. {text}" if ordered else f"- {text}")
        return "\n".join(items)

    def heading(self, text: str) -> str:
        self.words += _words(_HEADING_ID_RE.sub("", text))
        return text

    def flush(self, lead: str) -> str:
        """One closing paragraph with every item not used yet."""
        if not self.pending:
            return ""
        items = list(reversed(self.pending))
        self.pending.clear()
        listed = ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]
        text = f"{lead} {listed}."
        self.words += _words(text)
        return text


# -- documents -------------------------------------------------------------------------------


def _draw_date(rng: Random) -> tuple[str | None, tuple[int, int, int]]:
    """A date as front matter writes it, at a mixed precision, and a key to order by."""
    year = rng.randint(2016, 2026)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.03:
        return None, (year, month, day)
    if roll < 0.10:
        return f"{year}", (year, 13, 32)
    if roll < 0.20:
        return f"{year}-{month:02d}", (year, month, 32)
    if roll < 0.30:
        return (
            f"{year}-{month:02d}-{day:02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00",
            (year, month, day),
        )
    return f"{year}-{month:02d}-{day:02d}", (year, month, day)


def _shift(date: str, rng: Random, days: int) -> str:
    """A later date at the same precision (used for entry into force)."""
    parts = date.split(" ")[0].split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return str(year + (1 if rng.random() < 0.3 else 0))
    month = int(parts[1]) + days // 30
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    if len(parts) == 2:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{min(28, int(parts[2])):02d}"


def _earlier(date: str) -> str:
    """A date before ``date`` at the same precision (a consultation before the issue)."""
    parts = [int(p) for p in date.split(" ")[0].split("-")]
    if len(parts) == 1:
        return str(parts[0] - 1)
    year, month = (parts[0], parts[1] - 2) if parts[1] > 2 else (parts[0] - 1, parts[1] + 10)
    return f"{year}-{month:02d}" + (f"-{parts[2]:02d}" if len(parts) == 3 else "")


@dataclass
class _Skeleton:
    """What is decided about a document before its text is written."""

    kind: str
    date: str | None
    order: tuple[int, int, int]
    jurisdiction: tuple[str, str]
    issuers: list[tuple[str, str]] = field(default_factory=list)
    number: str | None = None
    path: str = ""
    title: str = ""


def _plan(rng: Random, spec: CorpusSpec, terms: list[GeneratedTerm]) -> list[_Skeleton]:
    """Kinds, dates, numbers and paths, in date order so citations point backwards."""
    skeletons = []
    for _ in range(spec.documents):
        kind = "notice" if rng.random() < spec.notice_share else "article"
        date, order = _draw_date(rng)
        sk = _Skeleton(kind, date, order, rng.choice(_JURISDICTIONS))
        if kind == "notice":
            sk.issuers = rng.sample(_ISSUERS, rng.choice((1, 1, 1, 2, 3)))
        skeletons.append(sk)
    skeletons.sort(key=lambda s: s.order)
    counters: dict[tuple[str, int], int] = {}
    used_paths: dict[str, int] = {}
    for sk in skeletons:
        year = sk.order[0]
        topic = _mention(rng.choice(terms).term)
        if sk.kind == "notice":
            prefix = sk.issuers[0][1]
            n = counters.get((prefix, year), 0) + rng.randint(1, 9)
            counters[(prefix, year)] = n
            sk.number = f"{prefix} [{year}] No. {n}"
            issuer = sk.issuers[0][0]
            action = rng.choice(
                ["Strengthening the Supervision of", "Preventing Risks Related to",
                 "Regulating the Business of", "Further Clarifying the Rules on"]
            )  # fmt: skip
            sk.title = f"Notice of the {issuer} on {action} {_title_case(topic)}"
            stem = _slug(sk.number)
            section = "regulations"
        else:
            place = sk.jurisdiction[1]
            sk.title = rng.choice(
                [
                    f"{place} regulators tighten rules on {topic}",
                    f"Why {topic} matters for {rng.choice(_GENERIC)}",
                    f"Court ruling puts {topic} in the spotlight",
                    f"What the new {topic} rules mean for investors in {place}",
                    f"Industry pushes back on proposed {topic} limits",
                ]
            )
            stem = _slug(sk.title)[:70].rstrip("-")
            section = "news"
        folder = f"{section}/{year}" if sk.date else f"{section}/undated"
        path = f"{folder}/{stem}.md"
        if path in used_paths:
            used_paths[path] += 1
            path = f"{folder}/{stem}-{used_paths[path]}.md"
        used_paths[path] = 1
        sk.path = path
    return skeletons


def _link(title: str, source: str, target: str) -> str:
    rel = posixpath.relpath(target, posixpath.dirname(source))
    text = title.replace("[", "(").replace("]", ")")
    return f"[{text}]({rel})"


def _external_number(rng: Random) -> str:
    return f"{rng.choice(_ISSUERS)[1]} [{rng.randint(2005, 2015)}] No. {rng.randint(1, 300)}"


class _Picker:
    """Term choices per document: a Zipf-like popularity, plus a round-robin share so that
    every term is mentioned somewhere whenever there are at most 12 terms per document."""

    def __init__(self, rng: Random, terms: int, documents: int) -> None:
        self.rng = rng
        self.cum = list(accumulate(1.0 / (r + 1) ** 0.9 for r in range(terms)))
        self.order = list(range(terms))
        rng.shuffle(self.order)  # popularity does not follow file order
        self.forced: list[list[int]] = [[] for _ in range(documents)]
        for t in range(min(terms, 12 * documents)):
            self.forced[t % documents].append(t)

    def pick(self, doc: int) -> list[int]:
        chosen = list(self.forced[doc])
        total = self.cum[-1]
        for _ in range(self.rng.randint(3, 8)):
            t = self.order[bisect.bisect_left(self.cum, self.rng.random() * total)]
            if t not in chosen:
                chosen.append(t)
        return chosen


def _compose(
    rng: Random,
    spec: CorpusSpec,
    writer: _Writer,
    build_blocks: Callable[[_Writer, int], list[str]],
    closing: Callable[[_Writer], list[str]],
    closing_words: int,
) -> str:
    """Blocks until the word target is reached (counting what the closing still needs)."""
    target = rng.randint(spec.min_words + 100, spec.max_words - 300)
    blocks: list[str] = []
    step = 0
    while writer.words + writer.reserve() + closing_words < target:
        blocks.extend(build_blocks(writer, step))
        step += 1
    blocks.extend(closing(writer))
    return "\n\n".join(b for b in blocks if b) + "\n"


def _article_body(rng: Random, spec: CorpusSpec, pending: list[str]) -> tuple[str, int]:
    writer = _Writer(rng, pending)
    headings = rng.sample(_ARTICLE_HEADINGS, len(_ARTICLE_HEADINGS))

    def blocks(w: _Writer, step: int) -> list[str]:
        if step == 0:
            return [w.paragraph(2, 4)]
        if step % 3 == 1:
            out = [w.heading(f"## {headings[(step // 3) % len(headings)]}")]
            return [*out, w.paragraph()]
        if step % 3 == 2 and rng.random() < 0.5:  # never two lists in a row
            return [w.bullets(ordered=rng.random() < 0.3)]
        return [w.paragraph()]

    def closing(w: _Writer) -> list[str]:
        return [w.flush("The story also touches on")]

    return _compose(rng, spec, writer, blocks, closing, 0), 0


def _notice_body(
    rng: Random, spec: CorpusSpec, pending: list[str], repeals: list[str]
) -> tuple[str, int]:
    """Parts ``## I. ...`` holding numbered articles ``### Article N {#article-N}``."""
    writer = _Writer(rng, pending)
    parts = rng.sample(_PART_TITLES, 4)
    state = {"article": 0, "part": 0}

    def article(w: _Writer) -> list[str]:
        state["article"] += 1
        n = state["article"]
        out = [w.heading(f"### Article {n} {{#article-{n}}}"), w.paragraph(2, 4)]
        if rng.random() < 0.25:
            out.append(w.bullets(ordered=True))
        return out

    def blocks(w: _Writer, step: int) -> list[str]:
        if step == 0:
            return [w.heading(f"To {rng.choice(_ADDRESSEES)}:"), w.paragraph(2, 3)]
        if state["part"] < len(parts) and (step == 1 or rng.random() < 0.3):
            state["part"] += 1
            p = state["part"]
            head = w.heading(f"## {_ROMAN[p - 1]}. {parts[p - 1]} {{#part-{p}}}")
            return [head, *article(w)]
        return article(w)

    def closing(w: _Writer) -> list[str]:
        state["part"] += 1
        state["article"] += 1
        p, n = state["part"], state["article"]
        numeral = _ROMAN[min(p, len(_ROMAN)) - 1]
        out = [
            w.heading(f"## {numeral}. Supplementary provisions {{#part-{p}}}"),
            w.heading(f"### Article {n} {{#article-{n}}}"),
        ]
        text = w.flush("This notice also applies to")
        extra = "This notice shall take effect upon the date of its issuance."
        if repeals:
            extra += f" {' and '.join(repeals)} shall be repealed at the same time."
        w.words += _words(extra)
        out.append(f"{text} {extra}".strip())
        return out

    closing_words = 40 + sum(_words(r) + 1 for r in repeals)
    body = _compose(rng, spec, writer, blocks, closing, closing_words)
    return body, state["article"]


def generate(spec: CorpusSpec) -> Corpus:
    """The whole corpus in memory; nothing is written."""
    rng = Random(spec.seed)
    terms = _make_terms(rng, spec.terms)
    by_name = {t.term: t for t in terms}
    for term in terms:
        related = [by_name[name] for name in term.related]
        pending = [_mention(n) for n in term.names[1:]]
        pending += [_mention(t.term) for t in related]
        writer = _Writer(rng, pending)
        first = f"The term {_mention(term.term)} appears throughout the documents of this site."
        rest = writer.paragraph(3, 5)
        closing = writer.flush("It is often discussed together with")
        term.body = "\n\n".join(x for x in (first + " " + rest, closing) if x) + "\n"

    skeletons = _plan(rng, spec, terms)
    picker = _Picker(rng, len(terms), len(skeletons))
    notices = [i for i, s in enumerate(skeletons) if s.kind == "notice"]
    repealed: set[int] = set()
    documents = []
    for i, sk in enumerate(skeletons):
        chosen = picker.pick(i)
        pending: list[str] = []
        for t in chosen:
            names = terms[t].names
            pending.extend(_mention(n) for n in names)
            pending.extend(_mention(rng.choice(names)) for _ in range(rng.randint(0, 2)))
        earlier = notices[: bisect.bisect_left(notices, i)]
        cited = rng.sample(earlier, min(len(earlier), rng.randint(0, 3)))
        cites = [skeletons[c].number for c in cited if skeletons[c].number]
        if sk.kind == "notice" and rng.random() < 0.5:
            cites.append(_external_number(rng))
        repeals: list[str] = []
        amends: list[str] = []
        if sk.kind == "notice" and earlier and rng.random() < 0.15:
            target = rng.choice(earlier)
            if target not in repealed and target not in cited:
                repealed.add(target)
                repeals.append(skeletons[target].number or "")
        if sk.kind == "notice" and earlier and rng.random() < 0.1:
            target = rng.choice(earlier)
            if target not in repealed and target not in cited:
                amends.append(skeletons[target].number or "")
        pending.extend(f"the provisions of {n}" for n in cites + amends)
        others = rng.sample(range(len(skeletons)), min(len(skeletons), rng.randint(1, 4)))
        pending.extend(
            _link(skeletons[o].title, sk.path, skeletons[o].path) for o in others if o != i
        )
        rng.shuffle(pending)
        if sk.kind == "notice":
            body, articles = _notice_body(rng, spec, pending, repeals)
        else:
            body, articles = _article_body(rng, spec, pending)
        meta = _front_matter(rng, sk, cites, repeals, amends, articles, terms, chosen, skeletons)
        documents.append(GeneratedDoc(sk.path, meta, body, chosen))
    return Corpus(spec, terms, documents)


def _front_matter(
    rng: Random,
    sk: _Skeleton,
    cites: list[str],
    repeals: list[str],
    amends: list[str],
    articles: int,
    terms: list[GeneratedTerm],
    chosen: list[int],
    skeletons: list[_Skeleton],
) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": sk.title, "kind": sk.kind}
    if sk.date:
        meta["date"] = sk.date
    if sk.kind == "article":
        meta["author"] = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        meta["site_name"] = rng.choice(_SITES)
        meta["source_url"] = f"https://news.example.com/{sk.order[0]}/{_slug(sk.title)[:60]}"
    else:
        meta["issuers"] = [name for name, _ in sk.issuers]
        meta["doc_number"] = sk.number
    meta["jurisdiction"] = sk.jurisdiction[0]
    meta["language"] = "en"
    tags = rng.sample(_TAGS, rng.randint(1, 3))
    tags += [t for t in terms[chosen[0]].tags if t not in tags] if chosen else []
    meta["tags"] = tags
    if cites:
        meta["cites"] = cites
    if repeals:
        meta["repeals"] = repeals
    if amends:
        meta["amends"] = amends
    events: list[dict[str, str]] = []
    if sk.kind == "notice":
        if sk.date and rng.random() < 0.6:
            meta["in_force"] = _shift(sk.date, rng, rng.randint(0, 120))
        elif rng.random() < 0.5:
            meta["in_force_basis"] = rng.choice(_BASES)
        if sk.date and rng.random() < 0.2:
            events.append({"date": _earlier(sk.date), "kind": "consultation"})
        if sk.date and articles and rng.random() < 0.25:
            n = rng.randint(1, articles)
            events.append(
                {
                    "date": _shift(sk.date, rng, 180),
                    "kind": "in_force",
                    "label": f"Article {n} takes effect",
                    "anchor": f"#article-{n}",
                }
            )
    elif sk.date and rng.random() < 0.05:
        events.append({"date": sk.date.split(" ")[0], "kind": "announced", "source": "press"})
    if events:
        meta["events"] = events
    if rng.random() < 0.5:
        meta["summary"] = (
            f"{sk.jurisdiction[1]}: {_mention(terms[chosen[0]].term) if chosen else 'rules'} "
            f"and {rng.choice(_GENERIC)} under scrutiny."
        )
    if sk.kind == "article" and rng.random() < 0.3:
        meta["related"] = [
            {"title": s.title, "summary": f"More on {rng.choice(_GENERIC)}."}
            for s in rng.sample(skeletons, min(3, len(skeletons)))
        ]
    return meta


# -- writing ---------------------------------------------------------------------------------


def _scalar(value: Any) -> str:
    """A YAML scalar: JSON strings are valid YAML double-quoted strings, and fast to make."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"unsupported front-matter value {value!r}")
    return str(value)


def _yaml(meta: dict[str, Any]) -> str:
    lines = []
    for key, value in meta.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            for item in value:
                first = True
                for k, v in item.items():
                    lines.append(f"{'  - ' if first else '    '}{k}: {_scalar(v)}")
                    first = False
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join(lines)


def render_document(doc: GeneratedDoc) -> str:
    """The page's file text: front matter, then the body."""
    return f"---\n{_yaml(doc.meta)}\n---\n\n{doc.body}"


def render_term(term: GeneratedTerm) -> str:
    meta = {
        "term": term.term,
        "aliases": term.aliases,
        "summary": term.summary,
        "related": term.related,
        "tags": term.tags,
    }
    return f"---\n{_yaml(meta)}\n---\n\n{term.body}"


_STATIC_PAGES = {
    "index.md": "# Synthetic knowledge base\n\nGenerated for build benchmarks.\n",
    "news/index.md": "# News\n\nArticles, newest first.\n",
    "regulations/index.md": "# Regulations\n\nNotices, newest first.\n",
    "glossary/index.md": "# Glossary\n\nThe terms the documents turn on.\n",
    "tags.md": "# Tags\n\n<!-- material/tags -->\n",
}


def write_corpus(
    corpus: Corpus,
    docs_dir: Path,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write every page under ``docs_dir`` (created if needed); return the bytes written."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    (docs_dir / MARKER).write_text(f"seed={corpus.spec.seed}\n", encoding="utf-8")
    made: set[Path] = set()
    total = 0

    def put(rel: str, text: str) -> None:
        nonlocal total
        path = docs_dir / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)

    for rel, text in _STATIC_PAGES.items():
        put(rel, text)
    for term in corpus.terms:
        put(term.path, render_term(term))
    count = len(corpus.documents)
    for n, doc in enumerate(corpus.documents, 1):
        put(doc.path, render_document(doc))
        if progress is not None and (n % 500 == 0 or n == count):
            progress(n, count)
    return total
