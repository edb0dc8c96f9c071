"""The regkb scraper: fetch -> extract -> normalize -> write, one Markdown file per document."""
