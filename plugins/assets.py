"""Files the plugins ship with themselves (stylesheets, scripts) and add to every build.

Shipping them as package data, added as generated files, keeps each plugin self-contained:
a site that enables a plugin gets its styles without copying anything into ``docs/``.
"""

from __future__ import annotations

import logging
from importlib import resources

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.regkb")


def package_text(package: str, *path: str) -> str:
    """The text of a file shipped inside ``package`` (e.g. ``plugins.glossary``)."""
    return resources.files(package).joinpath(*path).read_text(encoding="utf-8")


def add_file(
    files: Files, config: MkDocsConfig, uri: str, content: str | bytes, *, replace: bool = False
) -> None:
    """Add a generated file at ``uri``. An editor's own file there wins (and is said to),
    unless ``replace`` is set for files that must match the plugin's code."""
    existing = files.get_file_from_path(uri)
    if existing is not None:
        if not replace:
            log.info(f"docs/{uri} exists; it is published instead of the generated one")
            return
        files.remove(existing)
    files.append(File.generated(config, uri, content=content))


def use_stylesheet(config: MkDocsConfig, uri: str) -> None:
    """Link ``uri`` from every page, once."""
    if uri not in config.extra_css:
        config.extra_css.append(uri)


def use_script(config: MkDocsConfig, uri: str, *, module: bool = False) -> None:
    """Load the script at ``uri`` on every page, once (as an ES module if ``module``);
    deferred, so it runs on the parsed page without holding up its rendering."""
    if all(str(s) != uri for s in config.extra_javascript):
        script = ExtraScriptValue(uri)
        if module:
            script.type = "module"  # modules are deferred already
        else:
            script.defer = True
        config.extra_javascript.append(script)
