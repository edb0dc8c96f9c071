"""The one-line summaries the plugins log at the end of their work."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """``3 documents``, ``1 document``: a count with its noun, thousands separated."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
