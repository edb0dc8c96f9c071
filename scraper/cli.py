"""The ``regkb`` command line."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="regkb")
def main() -> None:
    """regkb: build a cross-linked knowledge site of crypto regulation and news.

    \b
    Typical use:
      regkb scrape --sources sources.yml   ingest every configured source into docs/
      regkb scrape page.html capture.txt   ingest single files or URLs
      mkdocs build --strict                build the site into site/
    """
