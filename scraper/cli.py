"""The ``regkb`` command line."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from plugins.schema import Kind


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="regkb")
def main() -> None:
    """regkb: build a cross-linked knowledge site of crypto regulation and news.

    \b
    Typical use:
      regkb scrape --sources sources.yml   ingest every configured source into docs/
      regkb scrape page.html capture.txt   ingest single files or URLs
      regkb prune-images                   remove pictures no page shows any more
      mkdocs build --strict                build the site into site/
    """


def _docs_option(help_text: str) -> Callable[[Callable], Callable]:
    """``--out``: the docs directory a command works on."""
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("docs"),
        show_default=True,
        help=help_text,
    )


@contextlib.contextmanager
def _progress(total_sources: int) -> Iterator[Callable[[str], None]]:
    """A rich progress line on stderr while a run is going; nothing when stderr is not a
    terminal (CI logs, pipes), so only the summary reaches them."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda _label: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(f"scraping {total_sources} source(s)", total=None)

        def step(label: str) -> None:
            progress.update(task, description=label[:100])

        yield step


_SCRAPE_EPILOG = """\b
Examples:
  regkb scrape --sources sources.yml
      ingest everything listed in sources.yml (what `make site` runs)
  regkb scrape capture.txt --kind article --tag privacy
      one plain-text capture, with hints for its documents
  regkb scrape https://example.org/notice.html --jurisdiction CN --dry-run
      show what a URL would give without writing anything
  regkb scrape --sources sources.yml --force
      regenerate pages even where an editor changed them
  regkb scrape saved/Page.html --images download
      a page saved with its pictures (saved/Page_files/); remote pictures fetched too

\b
A source may give several documents: a regulatory notice found in a page or a capture
(parts "I.", numbered articles "(1)", a closing formula) becomes a notice page of its own,
with an anchor per article, and the article that quotes it links to it.
Each page is written to OUT/<news|regulations>/<year|undated>/<slug>.md. A page that
was edited after it was generated is skipped (and reported) unless --force is given.
When a document's path changes (a date or kind learned since the last run), its earlier
page is removed and reported as moved, unless an editor changed it (then: skipped).
Pictures are kept in OUT/assets/scraped-images/, named by their content: PNG, JPEG, GIF, WebP
and AVIF only (SVG can carry script), read only from the saved page's own folder.
Exit status: 0 when every source was ingested, 1 when any failed, 2 for usage errors."""


@main.command(epilog=_SCRAPE_EPILOG)
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option(
    "--sources",
    "sources_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML list of sources with hints (paths in it are relative to the file).",
)
@_docs_option("Docs directory to write into.")
@click.option("--force", is_flag=True, help="Overwrite pages even if they were edited by hand.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in Kind]),
    help="Kind hint for command-line sources that give one document (default: detected).",
)
@click.option(
    "--jurisdiction", help="Jurisdiction hint for command-line sources, e.g. CN, US-NY, EU."
)
@click.option(
    "--tag", "tags", multiple=True, help="Tag for command-line sources' documents (repeatable)."
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow fetching from private and loopback addresses (for local tests).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=20.0,
    show_default=True,
    metavar="SECONDS",
    help="Give up on a URL whose server has not answered (or finished answering) in this time.",
)
@click.option(
    "--images",
    type=click.Choice(["local", "download", "none"]),
    default="local",
    show_default=True,
    help="Pictures of HTML pages: 'local' copies those saved beside a saved page into "
    "docs/assets/scraped-images/ and links remote ones where they are; 'download' stores remote "
    "ones there too; 'none' keeps only their alternative text.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(".cache/regkb/http"),
    show_default=True,
    help="HTTP cache directory.",
)
def scrape(
    sources: tuple[str, ...],
    sources_file: Path | None,
    out_dir: Path,
    force: bool,
    dry_run: bool,
    kind: str | None,
    jurisdiction: str | None,
    tags: tuple[str, ...],
    allow_private: bool,
    timeout: float,
    images: str,
    cache_dir: Path,
) -> None:
    """Turn URLs, saved HTML pages and plain-text captures into Markdown pages.

    SOURCE is a URL (http/https), a saved HTML file or a plain-text capture (what "select
    all, copy" gives in a browser); the content decides which, not the file extension.
    """
    from scraper.sources import SourcesError, load_sources, source_from_arg

    try:
        todo = load_sources(sources_file) if sources_file else []
        todo += [
            source_from_arg(s, kind=kind, jurisdiction=jurisdiction, tags=tags) for s in sources
        ]
    except SourcesError as exc:
        raise click.UsageError(str(exc)) from None
    if not todo:
        raise click.UsageError("nothing to scrape: give SOURCE arguments or --sources FILE")
    from scraper.images import ImageMode
    from scraper.lock import DocsBusy
    from scraper.pipeline import run

    try:
        with _progress(len(todo)) as step:
            report = run(
                todo,
                out_dir=out_dir,
                force=force,
                dry_run=dry_run,
                allow_private=allow_private,
                timeout=timeout,
                cache_dir=cache_dir,
                images=ImageMode(images),
                step=step,
            )
    except DocsBusy as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(report.format(dry_run=dry_run))
    if report.failed:
        raise SystemExit(1)


@main.command("prune-images")
@_docs_option("Docs directory whose pictures to check.")
@click.option("--dry-run", is_flag=True, help="List the unused pictures; remove nothing.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The site's MkDocs configuration, read too (a logo, a favicon), with the theme "
    "folder it names (custom_dir). Skipped when the default is missing.",
)
@click.pass_context
def prune_images(ctx: click.Context, out_dir: Path, dry_run: bool, config_file: Path) -> None:
    """Remove the scraper's pictures that no page under the docs directory shows.

    Pictures are stored once by content and shared by the pages that show them, so a
    scrape never removes one: after a page's photo changed or a document was deleted, its
    old pictures stay in OUT/assets/scraped-images/ and are published with the site. This
    reads every page, style sheet, script and template under OUT, the site's mkdocs.yml
    and its theme folder (custom_dir) for the pictures they name, and removes the others.
    Only files named the way the scraper names them (a content hash) are considered;
    anything else in that folder is left alone. Nothing is removed when a page cannot be
    read, since that page might show some of them.

    Exit status: 0 when done (or nothing to do), 1 when a page could not be read.
    """
    from scraper.lock import DocsBusy, holding

    try:
        with holding(out_dir, dry_run=dry_run):
            _prune_images(ctx, out_dir, dry_run, config_file)
    except DocsBusy as exc:
        raise click.ClickException(str(exc)) from None


def _prune_images(ctx: click.Context, out_dir: Path, dry_run: bool, config_file: Path) -> None:
    from scraper.unused_images import find_unused_images

    config: Path | None = config_file
    if not config_file.is_file():
        if ctx.get_parameter_source("config_file") is not click.core.ParameterSource.DEFAULT:
            raise click.BadParameter(f"{config_file} is not a file", param_hint="--config")
        config = None
    use = find_unused_images(out_dir, config)
    for problem in use.unreadable:
        click.echo(f"error: {problem}", err=True)
    if use.unreadable:
        click.echo("nothing removed: what cannot be read may show some of the pictures", err=True)
        raise SystemExit(1)
    size = use.unused_bytes
    verb = "would remove" if dry_run else "removed"
    for path in use.unused:
        if not dry_run:
            path.unlink()
        click.echo(f"{verb} {path}")
    if use.unused:
        click.echo(
            f"{verb} {len(use.unused)} unused pictures ({size / 1e6:.1f} MB); "
            f"{len(use.used)} shown by a page"
        )
    else:
        click.echo(f"{len(use.used)} pictures, each shown by a page: nothing to remove")
