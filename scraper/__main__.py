"""``python -m scraper``: the same command line as ``regkb`` (``python -m scraper scrape --help``)."""

from scraper.cli import main

main()
