"""Chinese word segmentation for the Pagefind index.

Pagefind splits words on whitespace, so a run of Chinese characters would be indexed as
one long "word" that no query matches. jieba cuts those runs into words, which are then
joined with spaces. Only Han runs are given to jieba: it is slow on Latin text and would
split "Yinfa [2026]" differently from how Pagefind reads it.

jieba keeps one global dictionary per process (Material's search plugin loads its user
dictionary into the same one), so loading a dictionary here is idempotent per path.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import jieba

# jieba logs its dictionary loading at DEBUG to its own stderr handler: four lines on every
# build, even `mkdocs build -q`. Material's search plugin loads the site's user dictionary
# in its on_config, before this plugin's, so the level is set when this module is imported
# (with the plugin, when MkDocs reads the config).
jieba.setLogLevel(logging.WARNING)

# CJK Unified Ideographs (+ extension A, compatibility ideographs, extensions B-F) and the
# CJK / full-width punctuation between them, which jieba returns as tokens of their own.
HAN_RE = re.compile(
    r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    r"\U00020000-\U0002ffff]+"
)

_loaded_dicts: set[str] = set()


def load_user_dict(path: str | Path) -> None:
    """Load a jieba user dictionary once per process (loading twice only wastes time)."""
    key = str(Path(path).resolve())
    if key in _loaded_dicts:
        return
    jieba.load_userdict(key)
    _loaded_dicts.add(key)


@dataclass
class Segmenter:
    """Segments text and remembers the sub-words of long words it met on the way.

    A reader searching 货币 expects pages about 虚拟货币; Pagefind matches word beginnings
    only, so the parts of compound words are collected for an extra, low-weight block.
    """

    subwords: set[str] = field(default_factory=set)

    def segment(self, text: str) -> str:
        """``text`` with every Han run cut into space-separated words."""
        if not HAN_RE.search(text):
            return text
        return HAN_RE.sub(self._cut, text)

    def _cut(self, match: re.Match[str]) -> str:
        words = [w for w in jieba.cut(match.group(0), HMM=True) if w.strip()]
        for word in words:
            if len(word) > 2:
                self.subwords.update(
                    part for part in jieba.cut_for_search(word, HMM=False) if part != word
                )
        return " " + " ".join(words) + " "

    def take_subwords(self, seen_in: str) -> list[str]:
        """The collected sub-words that are not already whole words of ``seen_in``; resets."""
        present = set(seen_in.split())
        out = sorted(w for w in self.subwords if w not in present)
        self.subwords = set()
        return out
