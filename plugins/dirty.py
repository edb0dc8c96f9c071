"""Pages that list other pages, in a dirty build (``mkdocs serve --dirty``).

A dirty build writes a page only when its source file is newer than the page it wrote
before (``File.is_modified``). A page the plugins fill with other pages (a section's
listing, the home page's latest documents, the tags and glossary indexes) has a source an
editor rarely touches, so it kept showing the old titles, and no new document, until the
next full build. The plugins read every page's front matter in every build, dirty or not,
so rebuilding such a page is all it takes to bring it up to date.
"""

from __future__ import annotations

from mkdocs.structure.files import File


def rebuild_always(file: File) -> None:
    """Make ``file``'s page part of every dirty build, as generated pages already are."""
    file.is_modified = lambda: True  # type: ignore[method-assign]
