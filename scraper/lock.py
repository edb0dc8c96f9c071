"""One run at a time writes a docs folder.

A run plans its pages from what is on disk (which name is free, which page is an earlier
copy) and writes them later. Two runs at once planned alike and replaced each other's pages
(both reporting "written"), and each removed the other's temporary files. The run holds an
exclusive lock on the docs folder itself (``flock`` on the directory: no lock file to leave
behind or to publish); a second run stops at once with a message naming the folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: runs are not locked
    fcntl = None  # type: ignore[assignment]

__all__ = ["DocsBusy", "holding"]


class DocsBusy(Exception):
    """Another run holds the docs folder."""


@contextlib.contextmanager
def holding(out_dir: Path, *, dry_run: bool = False) -> Iterator[None]:
    """Hold ``out_dir`` for this run; :class:`DocsBusy` if another process holds it.
    Released when the block ends, or by the system if the process dies. A dry run writes
    nothing: it neither takes the folder nor waits for it.

    A folder that does not exist yet is made, so that two runs creating it lock the same
    one, and removed again if the run left nothing in it. Where the file system has no
    locks (``ENOLCK`` on some network mounts), the run goes on without one, as before."""
    if fcntl is None or dry_run:
        yield
        return
    made = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DocsBusy(
                f"{out_dir}: another regkb run is writing here; wait for it to finish "
                "(two at once would replace each other's pages)"
            ) from None
        except OSError:
            pass  # no locks on this file system
        yield
    finally:
        os.close(fd)
        if made:
            with contextlib.suppress(OSError):
                out_dir.rmdir()  # only if empty: a run that wrote nothing leaves no folder
