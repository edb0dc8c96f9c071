"""Extractors: turn one source (an HTML page, a text capture) into ``Document`` objects."""


class ExtractError(ValueError):
    """A source could not be turned into a document; the message says why."""
