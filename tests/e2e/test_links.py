"""Every internal link and anchor of the built site resolves (a crawl of site/)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ID_RE = re.compile(r"""\sid=["']([^"']+)["']""")


def _target(page: Path, site: Path, href: str) -> tuple[Path | None, str]:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None, ""
    path = unquote(parts.path)
    if not path:
        return page, unquote(parts.fragment)
    # 404.html uses root-absolute URLs (it is served at any path); site_url's path is "/".
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(built_site) -> None:
    site = built_site.site.resolve()
    ids: dict[Path, set[str]] = {}
    broken: list[str] = []
    checked = 0
    for page in built_site.html_pages():
        page = page.resolve()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for el in soup.find_all(tag):
                href = el.get(attr)
                if not href or href.startswith(("mailto:", "tel:")):
                    continue
                target, fragment = _target(page, site, href)
                if target is None:
                    continue
                checked += 1
                rel = page.relative_to(site)
                if not target.exists():
                    broken.append(f"{rel}: {href} -> missing {target}")
                    continue
                if fragment and target.suffix == ".html":
                    if target not in ids:
                        ids[target] = set(ID_RE.findall(target.read_text(encoding="utf-8")))
                    if fragment not in ids[target]:
                        broken.append(f"{rel}: {href} -> no id {fragment!r}")
    assert checked > 100, f"only {checked} links checked: is the site empty?"
    assert not broken, "\n".join(broken[:50])
