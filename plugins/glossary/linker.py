"""Finding term names in rendered HTML and wrapping them in links, in one pass per page.

Three pieces, each with one job:

- ``Matcher``: every name of every term (and the plural forms derived from it) in
  Aho-Corasick automata built once per build (one over folded text, one for abbreviations,
  which must match letter for letter). Finding all names in all texts of a page is one scan
  whatever the number of terms; the few raw hits are then checked for word boundaries, and
  the longest leftmost ones win.
- ``PageLinker``: one page's linker for ``plugins.html_text.link_texts``, the shared walk
  that hands it only text outside code, headings, links and the like; it returns ``<a>``
  around matched text and counts mentions. The text itself is never rewritten: the visible
  text of the page is the same before and after.
- ``Linker``: the terms, their targets and options for a build; makes ``PageLinker``s, and
  links a single page on its own (``link``).

A DOM parser (BeautifulSoup) per page would cost more than the rest of the build; Markdown's
output is well-formed, which is what makes a tokenizer enough.
"""

from __future__ import annotations

import html as htmllib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick
from mkdocs.utils import get_relative_url

from plugins.html_text import IN_SKIP_CLASS, MAY_LINK, JoinedTexts, Links, link_texts

__all__ = ["LinkTarget", "Linker", "Matcher", "alias_key", "fold", "is_abbreviation"]

# Characters that separate the words of a name: "zero-knowledge", "zero knowledge" and
# "zero\nknowledge" are one name. Each maps to one space, so folding keeps every offset.
_SEPARATORS = "-\u2010\u2011\u2012\u2013 \t\n\r\f\v\u00a0\u202f\u3000"
_FOLD_TABLE = str.maketrans(dict.fromkeys(_SEPARATORS, " "))
_SEPARATOR_RE = re.compile("[" + re.escape(_SEPARATORS.replace(" ", "")) + "]")
_SPACES_RE = re.compile(" +")
_ABBREVIATION_RE = re.compile(r"[A-Z]{2,6}")
_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def fold(text: str) -> str:
    """Lower-case ``text`` and turn separators into spaces, keeping its length.

    Keeping the length is what lets a hit in the folded text be cut out of the original
    text at the same offsets. The rare letters whose lower case is longer (Turkish dotted
    I) are left as they are.
    """
    if text.isascii():
        out = text.translate(_FOLD_TABLE).lower()  # CPython's fast path for ASCII text
    else:
        # translate() looks every character up in the table one by one once a text holds
        # a single non-ASCII character (a "¶" permalink is enough): ten times slower.
        out = _SEPARATOR_RE.sub(" ", text).lower()
    if len(out) != len(text):
        out = "".join(
            low if len(low := ch.lower()) == 1 else ch for ch in text.translate(_FOLD_TABLE)
        )
    return out


def alias_key(name: str) -> str:
    """The form two names are compared in: "Zero-Knowledge  Proof" == "zero knowledge proof"."""
    return _SPACES_RE.sub(" ", fold(name)).strip()


def is_abbreviation(name: str) -> bool:
    """An alias in capitals of 2-6 letters (RWA, KYC): matched case-sensitively, so that
    "RWA" links but the letters r-w-a in other text never do."""
    return _ABBREVIATION_RE.fullmatch(name) is not None


def is_cjk(ch: str) -> bool:
    """Han, kana, hangul and full-width forms: scripts written without spaces between
    words, where a name matches anywhere rather than between word boundaries."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
    )


def _is_word(ch: str) -> bool:
    """A character that would continue a Latin-script word ("RWA" in "RWAX" is no match);
    CJK characters do not, so "RWA" still matches in "发行RWA代币"."""
    return (ch.isalnum() or ch == "_") and not is_cjk(ch)


def _plurals(key: str) -> list[str]:
    """English plural forms of the last word of a folded name."""
    last = key[-1]
    if not ("a" <= last <= "z"):
        return []
    if last == "y" and len(key) > 1 and key[-2] not in "aeiou":
        return [key[:-1] + "ies"]
    if key.endswith(("s", "x", "z", "ch", "sh")):
        return [key + "es"]
    return [key + "s"]


#: What a key in an automaton may mean, checked against the original text:
#: (target, needs a word boundary before, needs one after, derived). "Derived" is a plural
#: generated from a name rather than a name an editor wrote. A plain tuple rather than an
#: object: the automata hold one per name and plural form (12,000 at 2,000 terms), and
#: Python's garbage collector stops tracking plain tuples of plain values, so its full
#: collections do not walk them all again and again during a build.
_Candidate = tuple[int, bool, bool, bool]


def _automaton(table: dict[str, list[_Candidate]]) -> ahocorasick.Automaton | None:
    if not table:
        return None
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
    for key, cands in table.items():
        # A name an editor wrote outranks a plural generated from another name.
        cands.sort(key=lambda c: c[3])
        automaton.add_word(key, (len(key), tuple(cands)))
    automaton.make_automaton()
    return automaton


class Matcher:
    """All names of all terms, found in one scan of a text.

    Names are looked up in the folded text (lower case, separators as spaces), except
    abbreviations, which must match letter for letter and so are looked up in the text as
    written, in an automaton of their own. Folded, a two-letter abbreviation such as "ES"
    would hit inside every other word ("rules", "fees") and each hit would cost a check.
    """

    def __init__(self, names: Sequence[Sequence[str]]) -> None:
        """``names[i]`` are the names of target ``i``; names are plain text (not HTML)."""
        folded: dict[str, list[_Candidate]] = {}
        exact: dict[str, list[_Candidate]] = {}
        for target, group in enumerate(names):
            for name in group:
                for key, case_sensitive, derived in self._forms(name):
                    cand = (target, not is_cjk(key[0]), not is_cjk(key[-1]), derived)
                    table = exact if case_sensitive else folded
                    table.setdefault(key, []).append(cand)
        self._folded = _automaton(folded)
        self._exact = _automaton(exact)
        self.size = len(folded) + len(exact)

    @staticmethod
    def _forms(name: str) -> list[tuple[str, bool, bool]]:
        """(key, case-sensitive?, derived?) for a name as it appears in HTML text."""
        escaped = htmllib.escape(name.strip(), quote=False)
        if is_abbreviation(name.strip()):
            return [(escaped, True, False), (escaped + "s", True, True)]
        key = alias_key(escaped)
        if not key or JoinedTexts.SEPARATOR in key:
            return []  # it separates texts in find_many
        return [(key, False, False)] + [(p, False, True) for p in _plurals(key)]

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Non-overlapping ``(start, end, target)`` hits in ``text``, leftmost-longest first.

        ``text`` is HTML text (entities escaped); a hit never cuts an entity in two.
        """
        return self.find_many([text])[0]

    def find_many(self, texts: Sequence[str]) -> list[list[tuple[int, int, int]]]:
        """``find`` for each of ``texts``, in one scan of all of them.

        The texts are joined with NUL (``JoinedTexts``), which no name holds and which is not
        a word character: no hit can span two texts, and each text's edges are word
        boundaries as they are when it is scanned alone. One scan per page instead of one
        per text node saves the Python overhead of ~100 calls per page.
        """
        found: list[list[tuple[int, int, int]]] = [[] for _ in texts]
        if not self.size or not texts:
            return found
        joined = JoinedTexts(texts)
        text = joined.text
        n = len(text)
        hits: list[tuple[int, int, bool, int, int]] = []
        for automaton, scanned in ((self._folded, fold), (self._exact, None)):
            if automaton is None:
                continue
            for last, (length, cands) in automaton.iter(scanned(text) if scanned else text):
                start = last - length + 1
                end = last + 1
                for target, before, after, derived in cands:
                    if before and start > 0 and _is_word(text[start - 1]):
                        continue
                    if after and end < n and _is_word(text[end]):
                        continue
                    hits.append((start, start - end, derived, target, end))
                    break
        if not hits:
            return found
        hits.sort()
        entities = [(m.start(), m.end()) for m in _ENTITY_RE.finditer(text)] if "&" in text else []
        edge = 0
        for start, _, _, target, end in hits:
            if start < edge:
                continue
            if entities and any(s < start < e or s < end < e for s, e in entities):
                continue
            i, local = joined.locate(start)
            found[i].append((local, local + end - start, target))
            edge = end
        return found


# --- the HTML walk ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """Where a term links to and what its tooltip says (plain text, escaped here)."""

    url: str
    title: str


class Linker:
    """Links the names of a fixed set of targets in HTML pages."""

    def __init__(
        self,
        names: Sequence[Sequence[str]],
        targets: Sequence[LinkTarget],
        *,
        every: bool = False,
        skip_classes: Sequence[str] = (),
        css_class: str = "glossary-link",
        not_linked_in: Sequence[str] = (),
    ) -> None:
        """``not_linked_in``: phrases that hold a name but are not the term ("data
        mining"). They are names of one more target, which links nowhere: where one is
        found, the leftmost-longest rule lets it take the text a shorter name would."""
        if len(names) != len(targets):
            raise ValueError("one list of names per target is needed")
        self.unlinked = len(names) if not_linked_in else -1
        self.matcher = Matcher([*names, not_linked_in] if not_linked_in else names)
        self.every = every
        self.skip_classes = frozenset(skip_classes)
        self.targets = list(targets)
        self.titles = [htmllib.escape(t.title, quote=True) for t in targets]
        self.css_class = htmllib.escape(css_class, quote=True)

    def link(self, html: str, page_url: str, *, own: int | None = None) -> tuple[str, Counter]:
        """Return the page with term links added, and the number of mentions per target.

        ``own`` is the target whose page this is: its mentions are neither linked nor
        counted. Mentions in headings and existing links count but are not linked.
        """
        page = self.for_page(page_url, own=own)
        return link_texts(html, [page], skip_classes=self.skip_classes), page.counts

    def for_page(self, page_url: str, *, own: int | None = None) -> PageLinker:
        """The linker of one page, for :func:`plugins.html_text.link_texts` (which the
        documents plugin runs once per page with every linker of the site)."""
        return PageLinker(self, page_url, own)


class PageLinker:
    """Links terms in the texts of one page and counts their mentions (``counts``)."""

    def __init__(self, linker: Linker, page_url: str, own: int | None) -> None:
        self.linker = linker
        self.page_url = page_url
        self.own = own
        self.counts: Counter[int] = Counter()
        self._hrefs: dict[int, str] = {}
        self._linked: set[int] = set()

    def __call__(self, texts: Sequence[str], flags: Sequence[int]) -> list[Links]:
        linker = self.linker
        if not linker.matcher.size:
            return [[] for _ in texts]
        # Texts in an element with a skip class are neither linked nor counted.
        scanned = [t if not f & IN_SKIP_CLASS else "" for t, f in zip(texts, flags, strict=True)]
        found = linker.matcher.find_many(scanned)
        out: list[Links] = []
        for text, text_flags, hits in zip(texts, flags, found, strict=True):
            links: Links = []
            for start, end, target in hits:
                if target == self.own or target == linker.unlinked:
                    continue
                self.counts[target] += 1
                if not text_flags & MAY_LINK or (not linker.every and target in self._linked):
                    continue
                self._linked.add(target)
                href = self._hrefs.get(target)
                if href is None:
                    url = get_relative_url(linker.targets[target].url, self.page_url)
                    href = self._hrefs[target] = htmllib.escape(url, quote=True)
                links.append(
                    (
                        start,
                        end,
                        f'<a class="{linker.css_class}" href="{href}" '
                        f'title="{linker.titles[target]}">{text[start:end]}</a>',
                    )
                )
            out.append(links)
        return out
