"""Document-number cross-references: find cited numbers in text, link the ones the site holds.

A notice cites "Yinfa [2021] No. 237" in its text and its front matter. Wherever the site
holds a document with that number, the mention becomes a link and the cited page gets a
back-link; a number the site does not hold stays plain text, never a broken link.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from mkdocs.utils import get_relative_url

from plugins.html_text import MAY_LINK, JoinedTexts, Links, TextLinker
from plugins.model import DocumentPage, SiteModel

# "Yinfa [2021] No. 237", "NDRC Energy-saving Building [2021] No. 1283" (up to five
# capitalised words before the bracketed year), and Chinese style "银发〔2021〕237号".
# Words are at most 40 characters, never given back, and a number starts at a word's
# beginning: otherwise a long run of capitals before a number was matched again from each
# of its letters (time growing with the square of its length).
NUMBER_RE = re.compile(
    r"(?<![A-Za-z0-9&.-])(?:(?:[A-Z][\w&.-]{0,39}+)\s+){0,4}[A-Z][\w&.-]{0,39}+"
    r"\s*\[(?:19|20)\d{2}\]\s*No\.\s*\d+"
    r"|[\u4e00-\u9fff]{1,8}〔(?:19|20)\d{2}〕\d+号"
)
# The part every number ends with. NUMBER_RE tries up to five words at every capital letter
# of a text, which costs more than everything else done to a page without numbers; this
# finds the texts worth giving to it for a fraction of that.
NUMBER_HINT_RE = re.compile(r"\[(?:19|20)\d{2}\]\s*No\.\s*\d|〔(?:19|20)\d{2}〕\d+号")


@dataclass
class Backlinks:
    """Who points at one document, by relation."""

    repealed_by: set[str] = field(default_factory=set)
    amended_by: set[str] = field(default_factory=set)
    cited_by: set[str] = field(default_factory=set)


def _candidates(match_text: str) -> list[tuple[int, str]]:
    """The match and each of its suffixes that starts at a word: the regex may have taken
    capitalised words ("The Notice Yinfa [2021] No. 237") that are not part of the number."""
    out = [(0, match_text)]
    for m in re.finditer(r"\s+", match_text):
        rest = match_text[m.end() :]
        if "[" in rest.split(None, 1)[0] and not rest.startswith(("[", "〔")):
            break
        out.append((m.end(), rest))
    return out


class ReferenceIndex:
    """Resolves numbers to documents and records who cites whom, for one build."""

    def __init__(self, model: SiteModel) -> None:
        self.model = model
        self.backlinks: dict[str, Backlinks] = defaultdict(Backlinks)
        for doc in model.documents.values():
            for number in doc.meta.repeals:
                self._note(number, doc, "repealed_by")
            for number in doc.meta.amends:
                self._note(number, doc, "amended_by")
            for number in doc.meta.cites:
                self._note(number, doc, "cited_by")

    def _note(self, number: str, source: DocumentPage, relation: str) -> None:
        target = self.model.find_cited(number)  # a number, or a title one document has
        if target is not None and target.src_uri != source.src_uri:
            getattr(self.backlinks[target.src_uri], relation).add(source.src_uri)

    def resolve(self, text: str) -> tuple[int, str, DocumentPage] | None:
        """The document a matched number names, trying shorter suffixes of the match:
        (offset of the number in ``text``, the number as written, the document)."""
        for offset, candidate in _candidates(text):
            doc = self.model.find_number(html.unescape(candidate))
            if doc is not None:
                return offset, candidate, doc
        return None

    def _number_links(self, text: str, page_src_uri: str, page_url: str) -> Links:
        """The numbers in ``text`` that name another document, as links (and back-links).

        Only called for texts ``NUMBER_HINT_RE`` found the end of a number in."""
        links: Links = []
        for match in NUMBER_RE.finditer(text):
            found = self.resolve(match.group(0))
            if found is None or found[2].src_uri == page_src_uri:
                continue
            offset, candidate, doc = found
            self.backlinks[doc.src_uri].cited_by.add(page_src_uri)
            href = html.escape(get_relative_url(doc.url, page_url), quote=True)
            title = html.escape(doc.meta.title, quote=True)
            start = match.start() + offset
            links.append(
                (
                    start,
                    start + len(candidate),
                    f'<a class="regkb-ref" href="{href}" title="{title}">{candidate}</a>',
                )
            )
        return links

    def for_page(self, page_src_uri: str, page_url: str) -> TextLinker:
        """The number linker of one page, for :func:`plugins.html_text.link_texts`."""

        def link(texts: Sequence[str], flags: Sequence[int]) -> list[Links]:
            out: list[Links] = [[] for _ in texts]
            joined = JoinedTexts(texts)
            ends = [m.start() for m in NUMBER_HINT_RE.finditer(joined.text)]
            if not ends:
                return out  # most pages cite nothing
            # Only the texts holding the end of a number are worth a look.
            for i in sorted({joined.locate(end)[0] for end in ends}):
                if flags[i] & MAY_LINK:
                    out[i] = self._number_links(texts[i], page_src_uri, page_url)
            return out

        return link
