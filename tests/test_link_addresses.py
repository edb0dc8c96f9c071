"""An editor's link or picture with an address ``urlsplit`` refuses: named, not a crash."""

from __future__ import annotations

from bs4 import BeautifulSoup

from plugins.link_addresses import Locations, unreadable_address
from tests.sitebuilder import build_site

PAGES = {
    "index.md": """
        # Home

        See [the notice](http://[oops/a) and ![a chart](http://[bad]/chart.png).

        A [reference link][ref] and [a good one](other.md).

        [ref]: https://[::1/x
        """,
    "other.md": "# Other\n\nText.\n",
}


def test_a_strict_build_stops_and_names_page_line_and_address(tmp_path) -> None:
    result = build_site(tmp_path, PAGES)
    assert not result.ok
    warnings = "\n".join(result.warnings())
    assert "index.md:3: link address 'http://[oops/a' cannot be read" in warnings
    assert "index.md:3: picture address 'http://[bad]/chart.png' cannot be read" in warnings
    assert "index.md:7: link address 'https://[::1/x' cannot be read" in warnings


def test_another_build_writes_the_page_with_the_text_and_without_the_address(tmp_path) -> None:
    result = build_site(tmp_path, PAGES, strict=False)
    assert result.ok, result.error
    html = result.read("index.html")
    content = BeautifulSoup(html, "html.parser").select_one("article")
    assert content is not None
    text = content.get_text(" ", strip=True)
    assert "See the notice and a chart" in text
    assert "A reference link and a good one" in text
    assert "[oops" not in html and "[bad]" not in html and "[::1" not in html
    good = content.find("a", string="a good one")
    assert good is not None and good["href"] == "other/"  # MkDocs still rewrote it


def test_addresses_urlsplit_reads_are_left_alone() -> None:
    for url in ("https://example.org/a?b=c#d", "other.md", "http://[::1]/x", "mailto:a@b.c"):
        assert unreadable_address(url) is None
    assert unreadable_address("http://[::1/x") == "Invalid IPv6 URL"


def test_one_address_twice_is_reported_at_each_of_its_lines() -> None:
    where = Locations("index.md", lambda: "[a](http://[x)\n\n[b](http://[x)\n")
    assert [where("http://[x"), where("http://[x"), where("http://[y")] == [
        "index.md:1",
        "index.md:3",
        "index.md",
    ]
