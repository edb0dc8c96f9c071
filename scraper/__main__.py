"""``python -m scraper``: the same command line as ``regkb``."""

from scraper.cli import main

main()
